#!/usr/bin/env node
// The demo partner page: a clinic's own site on another port — so another origin — embedding the
// Priyom calendar widget with the one-tag snippet. Plain node:http, no dependencies, no build.
//   PORT        where the page is served (default 3001)
//   API_ORIGIN  the Priyom deployment the widget comes from and talks to (default http://localhost:3000)
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

function portFrom(raw) {
  const port = Number(raw ?? "3001");
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be an integer between 1 and 65535, got "${raw}"`);
  }
  return port;
}

/** Only an origin (scheme, host, port) goes into the page: it lands in HTML attributes and the CSP. */
function originFrom(raw) {
  const url = new URL(raw ?? "http://localhost:3000");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`API_ORIGIN must be an http(s) origin, got "${raw}"`);
  }
  return url.origin;
}

const port = portFrom(process.env.PORT);
const apiOrigin = originFrom(process.env.API_ORIGIN);

/*
 * A policy a careful partner would set: scripts only from itself and Priyom (no inline script — the
 * event log is a file), requests only to Priyom. Styles allow inline ones because the widget's Vue
 * may set style attributes; the page itself has none.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${apiOrigin}`,
  `style-src 'self' 'unsafe-inline' ${apiOrigin}`,
  `connect-src 'self' ${apiOrigin}`,
  `img-src 'self' data: ${apiOrigin}`,
  `font-src 'self' ${apiOrigin}`,
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

const FILES = {
  "/event-log.js": { file: "event-log.js", type: "text/javascript; charset=utf-8" },
  "/partner.css": { file: "partner.css", type: "text/css; charset=utf-8" },
};

const server = createServer((req, res) => {
  void (async () => {
    const path = new URL(req.url ?? "/", "http://partner.invalid").pathname;
    const common = { "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...common, Allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/" || path === "/index.html") {
      // Read on every request: editing the page needs no restart.
      const html = (await readFile(join(HERE, "index.html"), "utf8")).replaceAll("{{API}}", apiOrigin);
      res.writeHead(200, {
        ...common,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      });
      res.end(req.method === "HEAD" ? undefined : html);
      return;
    }
    const asset = FILES[path];
    if (asset) {
      const body = await readFile(join(HERE, asset.file));
      res.writeHead(200, { ...common, "Content-Type": asset.type });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    res.writeHead(404, { ...common, "Content-Type": "text/plain; charset=utf-8" }).end("Не найдено");
  })().catch((error) => {
    console.error("[partner-demo]", error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});

server.listen(port, process.env.HOST, () => {
  console.log(`Демо-сайт партнёра: http://localhost:${port} (виджет с ${apiOrigin})`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
