import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@priyom/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { clientIp } from "./auth/client-ip.ts";
import type { AppEnv } from "./context.ts";
import { errorResponse } from "./errors.ts";

/**
 * Counts one request in a fixed window and says whether it is allowed. One upsert, atomic on both
 * drivers; the counters live in the database so a restart forgets nothing.
 */
export async function hitRateLimit(
  db: Database,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const rows = await queryRows<{ count: number; window_started_at: Date | string }>(
    db,
    sql`insert into rate_limit_buckets as b (key, window_started_at, count)
        values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when b.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then 1 else b.count + 1 end,
          window_started_at = case when b.window_started_at <= now() - make_interval(secs => ${windowSeconds}) then now() else b.window_started_at end
        returning count, window_started_at`,
  );
  const row = rows[0];
  if (!row) return { allowed: true, retryAfterSeconds: 0 };
  const started = new Date(row.window_started_at).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((started + windowSeconds * 1000 - Date.now()) / 1000));
  return { allowed: Number(row.count) <= limit, retryAfterSeconds };
}

/** The 429 of an exceeded limit, telling the client when to try again. */
export function rateLimitedResponse(c: Context<AppEnv>, retryAfterSeconds: number): Response {
  c.header("Retry-After", String(retryAfterSeconds));
  return errorResponse(c, "rate_limited");
}

/** Limits a route group per client IP (see `clientIp`): `limit` requests per `windowSeconds`. */
export function rateLimit(name: string, limit: number, windowSeconds: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, config } = c.get("services");
    const ip = clientIp(c, config.trustedProxies);
    const result = await hitRateLimit(db, `${name}:${ip}`, limit, windowSeconds);
    if (!result.allowed) return rateLimitedResponse(c, result.retryAfterSeconds);
    return next();
  });
}
