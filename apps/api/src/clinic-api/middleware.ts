import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { AppError, errorResponse } from "../errors.ts";
import { hitRateLimit, rateLimitedResponse } from "../rate-limit.ts";
import { verifyClinicApiKey, type ClinicApiPermission } from "./keys.ts";

/** Requests per key per window on `/api/v1/clinic/*`. */
export const CLINIC_KEY_RATE_LIMIT = { limit: 120, windowSeconds: 60 } as const;

/**
 * Authenticates `/api/v1/clinic/*` by `Authorization: Bearer pk_…`: the key's clinic and
 * permissions go into `c.var.clinic`. No, malformed, unknown or revoked key → 401 (the same answer
 * for all); over the key's rate limit → 429 with Retry-After.
 */
export function clinicKeyAuth(rate: { limit: number; windowSeconds: number } = CLINIC_KEY_RATE_LIMIT) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("clinic", null);
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const grant = match?.[1] ? await verifyClinicApiKey(c.get("services").db, match[1]) : null;
    if (!grant) {
      c.header("WWW-Authenticate", 'Bearer realm="priyom-clinic-api"');
      return errorResponse(c, "unauthorized", {
        message:
          c.get("locale") === "en"
            ? "A valid clinic API key is required (Authorization: Bearer pk_…)"
            : "Нужен действующий ключ API клиники (Authorization: Bearer pk_…)",
      });
    }
    const limited = await hitRateLimit(
      c.get("services").db,
      `clinic-key:${grant.keyId}`,
      rate.limit,
      rate.windowSeconds,
    );
    if (!limited.allowed) return rateLimitedResponse(c, limited.retryAfterSeconds);
    c.set("clinic", grant);
    await next();
  });
}

/** Lets the request through when the key has any of `permissions` (403 otherwise). */
export function requirePermission(...permissions: ClinicApiPermission[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const grant = c.get("clinic");
    if (!grant) throw new AppError("unauthorized", { logMessage: "requirePermission without clinicKeyAuth" });
    if (!permissions.some((p) => grant.permissions.includes(p))) {
      throw new AppError("forbidden", {
        logMessage: `key lacks ${permissions.join("|")}`,
        message:
          c.get("locale") === "en"
            ? `The key lacks the permission ${permissions.join(" or ")}`
            : `У ключа нет права ${permissions.join(" или ")}`,
      });
    }
    await next();
  });
}

/** The clinic of a request that passed `clinicKeyAuth`. */
export function clinicGrant(c: { get: (key: "clinic") => AppEnv["Variables"]["clinic"] }) {
  const grant = c.get("clinic");
  if (!grant) throw new AppError("unauthorized", { logMessage: "clinicGrant used without clinicKeyAuth" });
  return grant;
}
