import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

const ALLOWED_METHODS = "GET, POST, PUT, DELETE";
const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, Accept-Language";
/** What a widget's script may read from an answer: the id to quote to support, and when to retry. */
const EXPOSED_HEADERS = "X-Request-Id, Retry-After";
/** Ten minutes: a partner withdrawn now stops getting preflights answered within that time at most. */
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/** Adds `Origin` to `Vary` once: the answer depends on who asks, and caches must know it. */
function varyOnOrigin(headers: Headers): void {
  const current = headers.get("Vary");
  if (!current) headers.set("Vary", "Origin");
  else if (!/(^|,)\s*(origin|\*)\s*(,|$)/i.test(current)) headers.set("Vary", `${current}, Origin`);
}

/**
 * Cross-origin access to the API, for the partner sites' widgets only.
 * - No `Origin` (same-origin GET, a server such as a clinic's system) or one of the service's own
 *   trusted origins: as before, no CORS headers.
 * - A live partner's origin: the answer names that origin (never `*`), and preflights are answered
 *   here. No `Access-Control-Allow-Credentials`: widgets send a bearer token, never cookies —
 *   browsers block third-party cookies, and a cookie that worked cross-site would be a CSRF hole.
 * - Any other origin: 403 before any handler runs, with no CORS headers, so the browser shows the
 *   page's script nothing at all.
 * The partner found is kept in `c.var.partner` for the per-partner rate limit.
 */
export function partnerCors() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("partner", null);
    const origin = c.req.header("Origin");
    const { config, partners } = c.get("services");
    if (origin === undefined || config.trustedOrigins.includes(origin)) {
      await next();
      varyOnOrigin(c.res.headers);
      return;
    }
    const partner = await partners.byOrigin(origin);
    if (!partner) {
      const refused = errorResponse(c, "forbidden", {
        message:
          c.get("locale") === "en"
            ? "This site is not connected to Priyom"
            : "Этот сайт не подключён к Приёму",
      });
      varyOnOrigin(refused.headers);
      return refused;
    }
    c.set("partner", partner);
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
        Vary: "Origin",
      });
    }
    await next();
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    varyOnOrigin(c.res.headers);
  });
}
