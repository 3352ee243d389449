import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";
import { hitRateLimit, rateLimitedResponse } from "../rate-limit.ts";

/**
 * What a widget token may not do, whatever its user could with a session: manage the account
 * (password, two-factor, sessions, export, deletion), read identity documents, or mint more
 * tokens. A token lives on another site's page; if that page is compromised, the damage stays
 * within booking. `GET /account/me` stays open: a widget shows who is signed in.
 */
function isClosedToWidgets(method: string, path: string): boolean {
  if (path === "/api/v1/account/me") return method !== "GET";
  return (
    path === "/api/v1/account" ||
    path.startsWith("/api/v1/account/") ||
    path === "/api/v1/profile/documents" ||
    path.startsWith("/api/v1/widget/tokens")
  );
}

/** After authentication: refuses widget-token requests on the routes above (403). */
export function widgetTokenLimits() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get("user");
    if (user?.via === "widget" && isClosedToWidgets(c.req.method, c.req.path)) {
      return errorResponse(c, "forbidden", {
        message:
          c.get("locale") === "en"
            ? "Open Priyom's own site to do this"
            : "Это можно сделать только на сайте Приёма",
      });
    }
    return next();
  });
}

/**
 * The public reads a widget makes before anyone signs in. From a partner's page they are counted
 * per partner (`partner:<id>`), all its visitors together, so one partner's traffic — or a script
 * abusing its origin — cannot exhaust the service for everyone.
 */
const PUBLIC_WIDGET_READS = [
  /^\/api\/v1\/specialties$/,
  /^\/api\/v1\/clinics$/,
  /^\/api\/v1\/doctors\/[^/]+\/free-dates$/,
  /^\/api\/v1\/doctors\/[^/]+\/slots$/,
  /^\/api\/v1\/slots\/nearest$/,
  /^\/api\/v1\/slots\/stream$/,
  /^\/api\/v1\/widget\/partners\/lookup$/,
];

export function partnerRateLimit() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const partner = c.get("partner");
    if (!partner || c.req.method !== "GET" || !PUBLIC_WIDGET_READS.some((re) => re.test(c.req.path))) {
      return next();
    }
    const { db, config } = c.get("services");
    const result = await hitRateLimit(db, `partner:${partner.id}`, config.partnerRateLimitPerMinute, 60);
    if (!result.allowed) return rateLimitedResponse(c, result.retryAfterSeconds);
    return next();
  });
}
