import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./context.ts";

const REMOTE_NAMES = ["cabinet", "referrals", "calendar", "my-appointments", "staff"] as const;

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
