// A TCP proxy of the test's own between the API and PostgreSQL, to make the database connection
// misbehave the ways a network does: `hang` keeps every socket open but forwards nothing (a
// switch that drops packets, a frozen NAT entry), `cut` destroys every connection and refuses new
// ones (a firewall, a dead link), `pass` forwards again.
import { createServer, connect, type Server, type Socket } from "node:net";

export type ProxyMode = "pass" | "hang" | "cut";

export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  /** Connections accepted since the start (each API pool connection is one). */
  readonly accepted: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
}

export async function startTcpProxy(options: {
  listenPort: number;
  targetPort: number;
  targetHost?: string;
}): Promise<TcpProxy> {
  let mode: ProxyMode = "pass";
  let accepted = 0;
  const pairs = new Set<Pair>();

  const destroyPair = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.server.destroy();
  };

  const server: Server = createServer((client) => {
    accepted++;
    if (mode === "cut") {
      client.destroy();
      return;
    }
    // Paused sockets are how `hang` stops forwarding: bytes wait in the kernel, nobody reads them.
    client.pause();
    const upstream = connect({ port: options.targetPort, host: options.targetHost ?? "127.0.0.1" });
    const pair: Pair = { client, server: upstream };
    pairs.add(pair);
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("error", () => destroyPair(pair));
    upstream.on("error", () => destroyPair(pair));
    client.on("close", () => destroyPair(pair));
    upstream.on("close", () => destroyPair(pair));
    if (mode === "pass") {
      client.resume();
    } else {
      // Accepted while hanging: the connect succeeds, the startup message is never answered.
      upstream.pause();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.listenPort, "127.0.0.1", () => resolve());
  });

  return {
    port: options.listenPort,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    setMode(next) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next === "cut") destroyPair(pair);
        else if (next === "hang") {
          pair.client.pause();
          pair.server.pause();
        } else {
          pair.client.resume();
          pair.server.resume();
        }
      }
    },
    async close() {
      for (const pair of [...pairs]) destroyPair(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
