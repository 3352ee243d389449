import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Two guards for cookie-authenticated JSON routes:
 * - a request with a body must say `Content-Type: application/json` (415 otherwise), so a plain
 *   HTML form from another site can never reach a handler;
 * - a state-changing request must carry an `Origin` the service trusts (403 otherwise): SameSite
 *   cookies alone do not stop same-site attackers, and `csrf()` only covers form posts.
 */
export function requestGuards(trustedOrigins: () => readonly string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    // Server-to-server calls (the clinic API) authenticate with `Authorization: Bearer` and carry
    // no cookies: no ambient credential a foreign page could ride on, and browsers cannot add that
    // header cross-site without a CORS preflight. They skip the Origin check (servers send none),
    // never the JSON check below. A request with any Cookie header is checked as before.
    const bearerWithoutCookies =
      /^Bearer\s/i.test(c.req.header("Authorization") ?? "") && c.req.header("Cookie") === undefined;
    const origin = c.req.header("Origin");
    if (!bearerWithoutCookies && (!origin || !trustedOrigins().includes(origin))) {
      return errorResponse(c, "forbidden", {
        message:
          c.get("locale") === "en"
            ? "Request from an untrusted origin"
            : "Запрос с недоверенного адреса отклонён",
      });
    }
    const hasBody = c.req.header("Content-Length") !== undefined && c.req.header("Content-Length") !== "0";
    const contentType = c.req.header("Content-Type") ?? "";
    if ((hasBody || contentType !== "") && !/^application\/json\s*(;|$)/i.test(contentType)) {
      return errorResponse(c, "unsupported_media_type");
    }
    return next();
  });
}
