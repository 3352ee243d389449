// The API as the load scripts run it: the real server (`startServer`: migrations, every job, the
// outbox worker, routes on @hono/node-server) in a process of its own, configured for production.
// One difference: a patient may be named by the `x-bench-user` header instead of a session cookie,
// so the search and booking loads measure search and booking, not password hashing; the sign-in
// routes stay real (the sign-in storm goes through them). It also measures itself for the parent:
// event-loop delay (perf_hooks histogram) and memory, over IPC. Never started outside the scripts.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig, startServer } from "@priyom/api";
import type { ChildReport, ParentRequest } from "./api.ts";

const USER_HEADER = "x-bench-user";
// 1 ms resolution: the figure is compared with targets of tens of milliseconds.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
sampler.unref();

const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function report(): ChildReport {
  const memory = process.memoryUsage();
  return {
    kind: "stats",
    loop: {
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      max: ms(loopDelay.max),
      mean: ms(loopDelay.mean),
    },
    rssMb: mb(memory.rss),
    peakRssMb: mb(Math.max(peakRss, memory.rss)),
    heapUsedMb: mb(memory.heapUsed),
  };
}

async function main() {
  const server = await startServer(loadConfig(), {
    adjustServices: (services) => ({
      ...services,
      authenticate: async (headers) => {
        const id = headers.get(USER_HEADER);
        return id ? { id, role: "patient", sessionId: `ses_load_${id}` } : services.authenticate(headers);
      },
    }),
  });
  loopDelay.enable();
  process.on("message", (message: ParentRequest) => {
    if (message.kind !== "stats") return;
    if (message.collect) (globalThis as { gc?: () => void }).gc?.();
    const answer = report();
    if (message.reset) {
      loopDelay.reset();
      peakRss = process.memoryUsage().rss;
    }
    process.send?.(answer);
  });
  const stop = () => {
    loopDelay.disable();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.send?.({ kind: "ready" } satisfies ChildReport);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `load api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
