import { readFile } from "node:fs/promises";
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
function pagePolicy(origins: string[]): string {
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
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Headers on every response: no MIME sniffing, HTTPS remembered (browsers ignore HSTS over plain
 * HTTP, so development is unaffected), never framed (no page of ours is meant to be embedded: partner
 * widgets are scripts, not frames), referrers cut to the origin; API answers are never stored by
 * caches unless a route says otherwise (they carry personal data); pages get a Content-Security-Policy
 * without inline scripts.
 */
export function securityHeaders(options: { remotesJson?: string | undefined }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "strict-origin-when-cross-origin");
    if (c.req.path.startsWith("/api/")) {
      if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
      c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      return;
    }
    if ((c.res.headers.get("Content-Type") ?? "").startsWith("text/html")) {
      c.header("Content-Security-Policy", pagePolicy(await remoteOrigins(options.remotesJson)));
    }
  });
}
