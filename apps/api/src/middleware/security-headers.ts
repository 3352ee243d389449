import { readFile } from "node:fs/promises";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";

/**
 * The origins `remotes.json` loads sections from, besides our own: the page must be allowed to run
 * their scripts, styles and requests (a remote may be released on another host — see the README's
 * release recipe). Read when a page is served, like `/remotes.json` itself; unreadable = none.
 */
async function remoteOrigins(remotesJson: string | undefined): Promise<string[]> {
  if (!remotesJson) return [];
  try {
    const manifest = JSON.parse(await readFile(remotesJson, "utf8")) as Record<string, { entry?: unknown }>;
    const origins = new Set<string>();
    for (const { entry } of Object.values(manifest)) {
      if (typeof entry !== "string" || !/^https?:\/\//i.test(entry)) continue;
      origins.add(new URL(entry).origin);
    }
    return [...origins];
  } catch {
    return [];
  }
}

/** The policy of our pages: scripts only from files of ours or of a listed remote, never inline. */
function pagePolicy(origins: string[], frameAncestors: string): string {
  const remotes = origins.join(" ");
  const self = (extra = "") => `'self'${remotes ? ` ${remotes}` : ""}${extra}`;
  return [
    "default-src 'self'",
    `script-src ${self()}`,
    // Vue sets style attributes and static subtrees carry them; no script can ride on a style.
    `style-src ${self(" 'unsafe-inline'")}`,
    // The ticket's QR code is a data: URL.
    `img-src ${self(" data:")}`,
    `connect-src ${self()}`,
    `font-src ${self()}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** The widget's sign-in pop-up pages and the widget files: partners' pages may embed these. */
function isWidgetPath(path: string): boolean {
  return path.startsWith("/widget/") || path.startsWith("/widgets/");
}

/**
 * Who may frame a response: nobody, except on widget paths, where the live registered partners
 * may (read through the registry's short cache, so a revoked partner drops out within seconds).
 * A registry that cannot answer means nobody: failing closed costs a partner a frame, not safety.
 */
async function frameAncestorsOf(c: Context<AppEnv>): Promise<string> {
  if (!isWidgetPath(c.req.path)) return "'none'";
  try {
    const origins = (await c.get("services")?.partners.origins()) ?? [];
    return origins.length > 0 ? origins.join(" ") : "'none'";
  } catch {
    return "'none'";
  }
}

/**
 * Headers on every response: no MIME sniffing, HTTPS remembered (browsers ignore HSTS over plain
 * HTTP, so development is unaffected), never framed except widget paths by registered partners
 * (X-Frame-Options DENY for browsers without `frame-ancestors`, dropped where a partner may frame,
 * since it cannot name origins), referrers cut to the origin; API answers are never stored by caches
 * unless a route says otherwise (they carry personal data); pages get a Content-Security-Policy
 * without inline scripts.
 */
export function securityHeaders(options: { remotesJson?: string | undefined }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    c.header("Referrer-Policy", "strict-origin-when-cross-origin");
    const frameAncestors = await frameAncestorsOf(c);
    if (frameAncestors === "'none'") c.header("X-Frame-Options", "DENY");
    else c.res.headers.delete("X-Frame-Options");
    if (c.req.path.startsWith("/api/")) {
      if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
      c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      return;
    }
    if ((c.res.headers.get("Content-Type") ?? "").startsWith("text/html")) {
      c.header(
        "Content-Security-Policy",
        pagePolicy(await remoteOrigins(options.remotesJson), frameAncestors),
      );
    } else if (isWidgetPath(c.req.path)) {
      c.header("Content-Security-Policy", `default-src 'none'; frame-ancestors ${frameAncestors}`);
    }
  });
}
