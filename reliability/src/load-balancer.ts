// The test's own load balancer: a node:http reverse proxy that sends each request to the next
// backend in turn (round robin), the way a plain nginx `upstream` does. Bodies are piped both ways
// without buffering, so a Server-Sent Events response reaches the client event by event. Like a real
// proxy it appends the client's address to `X-Forwarded-For`; the API believes that header only from
// its `TRUSTED_PROXIES`.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LoadBalancer {
  readonly url: string;
  readonly port: number;
  /** Requests sent to each backend so far, in the order the backends were given. */
  readonly served: readonly number[];
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Listens on 127.0.0.1:`port` and spreads requests over `backends` (base URLs) in turn. */
export async function startLoadBalancer(port: number, backends: readonly string[]): Promise<LoadBalancer> {
  if (backends.length === 0) throw new Error("A load balancer needs at least one backend");
  const targets = backends.map((b) => new URL(b));
  const served = backends.map(() => 0);
  // Keep-alive to the backends, as a real balancer pools its upstream connections.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;

  const server = http.createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    const target = targets[index] as URL;
    served[index] = (served[index] ?? 0) + 1;
    const headers = endToEnd(req.headers);
    const peer = req.socket.remoteAddress ?? "unknown";
    const forwarded = req.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${String(forwarded)}, ${peer}` : peer;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
        // Headers out at once: an event stream's client must see the 200 before the first event.
        res.flushHeaders();
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      // The backend went away: a balancer answers 502 if it can still say so, else drops the line.
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end("bad gateway");
      } else {
        res.destroy();
      }
    });
    // A client that hangs up (a closed calendar) closes its upstream stream too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
