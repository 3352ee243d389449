import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { clientIp } from "./client-ip.ts";

/**
 * The headers to hand the auth library for a request: the client's own (cookies, user agent)
 * with `x-real-ip` replaced by the IP we trust (see `clientIp`), so a client cannot choose the
 * address its session and rate limits are recorded under.
 */
export function authHeaders(c: Context<AppEnv>): Headers {
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-real-ip", clientIp(c, c.get("services").config.trustedProxies));
  return headers;
}

/** Copies the library's `Set-Cookie` headers (session, two-factor) onto our response. */
export function forwardCookies(c: Context<AppEnv>, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) c.header("Set-Cookie", cookie, { append: true });
}
