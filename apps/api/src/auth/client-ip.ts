import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The client's IP address for rate limits and the session record: the TCP peer, never a header
 * the client can write — unless that peer is a configured trusted proxy, in which case the last
 * `X-Forwarded-For` hop that is not itself a trusted proxy.
 */
export function clientIp(c: Context, trustedProxies: readonly string[]): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (!peer) return "unknown";
  if (!trustedProxies.includes(peer)) return peer;
  const hops = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
