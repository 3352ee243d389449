import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context.ts";

const REMOTE_NAMES = ["cabinet", "referrals", "calendar", "my-appointments", "staff"] as const;
/** The remotes that also build as a custom element for partner pages (`<priyom-calendar>`…). */
const WIDGET_FILE = /^priyom-(calendar|referrals|my-appointments)\.(js|css)$/;

/**
 * Gzip for the front end's files (JS, CSS, HTML, JSON manifests) when the client accepts it: the
 * byte budget is what crosses the network. Never for the API or the live slot stream — an event
 * stream buffered by a compressor would arrive late — which are answered before these routes, and
 * are excluded here as well in case that ever changes. Files under 1 KB are sent as they are.
 */
function staticCompression() {
  const gzip = compress({ encoding: "gzip" });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    return gzip(c, next);
  });
}

/**
 * Hashed build output never changes under the same name: cache it for a year. Entry points
 * (HTML, `remoteEntry.js`, manifests) name those files, so they must be revalidated every time,
 * or a new release would never be seen.
 */
function cacheControlFor(path: string): string {
  const immutable = path.includes("/assets/") && !/remoteEntry|mf-manifest/.test(path);
  return immutable ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * Single-process mode: the built shell at `/` (history-mode SPA, so unknown paths get its
 * index.html), each remote's build at `/remotes/<name>/`, and `/remotes.json` read from disk on
 * every request, so pointing a section at another build is one edit of that file, no restart.
 */
export function createStaticRoutes(options: { webRoot: string; remotesRoot: string; remotesJson: string }) {
  const app = new Hono<AppEnv>();
  app.use(staticCompression());

  // serveStatic's own onFound hook runs after the response is built, too late to add headers.
  app.use(async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has("Cache-Control"))
      c.header("Cache-Control", cacheControlFor(c.req.path));
  });

  app.get("/remotes.json", async (c) => {
    const text = await readFile(options.remotesJson, "utf8");
    c.header("Cache-Control", "no-store");
    return c.body(text, 200, { "Content-Type": "application/json; charset=utf-8" });
  });

  for (const name of REMOTE_NAMES) {
    const root = join(options.remotesRoot, name, "dist");
    // Another origin (a partner page, a dev shell) may load a remote's files.
    app.use(`/remotes/${name}/*`, async (c, next) => {
      await next();
      c.header("Access-Control-Allow-Origin", "*");
    });
    app.use(
      `/remotes/${name}/*`,
      serveStatic({
        root,
        rewriteRequestPath: (path) => path.slice(`/remotes/${name}`.length),
      }),
    );
  }

  app.use("/*", serveStatic({ root: options.webRoot }));
  app.get("/*", async (c) => {
    // Anything that looks like a file and was not found is a real 404, not the SPA page.
    if (/\.[a-z0-9]+$/i.test(c.req.path) || c.req.path.startsWith("/remotes/")) return c.notFound();
    const html = await readFile(join(options.webRoot, "index.html"), "utf8");
    c.header("Cache-Control", "no-cache");
    return c.html(html);
  });
  return app;
}

/**
 * `/widgets/priyom-<name>.js` and `.css`: the self-contained widgets partner pages load with one
 * script tag, from `<remotesRoot>/<name>/dist-widget/`. Any page may load them (CORS `*`; they hold
 * no data, the API decides who may call it). The name carries no hash — partners' pages name it —
 * so it is revalidated on every use (`no-cache` with an ETag): a widget always matches the API
 * that serves it.
 */
export function createWidgetFileRoutes(options: { remotesRoot: string }) {
  const app = new Hono<AppEnv>();
  app.use("/widgets/*", staticCompression());
  app.get("/widgets/:file", async (c) => {
    const match = WIDGET_FILE.exec(c.req.param("file"));
    if (!match) return c.notFound();
    const [file, name = "", extension] = match;
    let content: Buffer;
    try {
      content = await readFile(join(options.remotesRoot, name, "dist-widget", file));
    } catch {
      return c.notFound();
    }
    const etag = `"${createHash("sha256").update(content).digest("base64url").slice(0, 22)}"`;
    const headers = {
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "no-cache",
      ETag: etag,
    };
    // A compressed answer's ETag is weak (W/"…"); either form names the same file.
    const asked = (c.req.header("If-None-Match") ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
    if (asked.includes(etag)) return c.body(null, 304, headers);
    return c.body(new Uint8Array(content), 200, {
      ...headers,
      "Content-Type": extension === "js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
    });
  });
  return app;
}
