// The load scripts' HTTP client: every answer's status and latency, driven either closed-loop (N
// connections, each sending its next request when the last is answered — "50 connections for 5
// minutes") or open-loop (requests started on a fixed schedule whatever the server's pace — "20 per
// second for 60 s", "500 in 30 s"), so a slow server shows as latency, not as a lower rate.
import http from "node:http";
import type { LoadRequest } from "../http-load.ts";

export type { LoadRequest };

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

/** One request; a failed connection is status 0 (counted as an error, never thrown). */
export function send(agent: http.Agent, port: number, request: LoadRequest): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers["Content-Length"] = Buffer.byteLength(request.body);
    const req = http.request(
      { host: "127.0.0.1", port, method: request.method, path: request.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
            ms: performance.now() - started,
          }),
        );
        res.on("error", () => resolve({ status: 0, body: "", headers: {}, ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, body: "", headers: {}, ms: performance.now() - started }));
    req.end(request.body);
  });
}

export interface LatencySummary {
  requests: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers by status (0 = no answer: connection refused or reset). */
  statuses: Record<string, number>;
  /** 5xx and no answer: what the issue calls errors. */
  errors: number;
  ratePerSecond: number;
}

/** Collects latencies and statuses; `summary()` gives the percentiles. */
export class Recorder {
  private readonly latencies: number[] = [];
  private readonly statuses = new Map<number, number>();
  private first = Number.POSITIVE_INFINITY;
  private last = 0;

  add(answer: Pick<Answer, "status" | "ms">): void {
    const now = performance.now();
    this.first = Math.min(this.first, now - answer.ms);
    this.last = Math.max(this.last, now);
    this.latencies.push(answer.ms);
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
  }

  summary(): LatencySummary {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => {
      if (sorted.length === 0) return Number.NaN;
      const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
      return Math.round(value * 10) / 10;
    };
    let errors = 0;
    for (const [status, n] of this.statuses) if (status === 0 || status >= 500) errors += n;
    const seconds = (this.last - this.first) / 1000;
    return {
      requests: sorted.length,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: at(1),
      statuses: Object.fromEntries(
        [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]),
      ),
      errors,
      ratePerSecond: seconds > 0 ? Math.round((sorted.length / seconds) * 10) / 10 : 0,
    };
  }
}

/** `connections` loops, each sending `next()` until `durationMs` has passed; every answer recorded. */
export async function closedLoop(options: {
  port: number;
  connections: number;
  durationMs: number;
  next: (n: number) => LoadRequest;
  recorder: Recorder;
}): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const end = performance.now() + options.durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) {
        options.recorder.add(await send(agent, options.port, options.next(n++)));
      }
    }),
  );
  agent.destroy();
}

/**
 * Starts `count` jobs evenly over `durationMs` (job i at i·durationMs/count), each without waiting
 * for the ones before; resolves when every job has finished.
 */
export async function openLoop(options: {
  count: number;
  durationMs: number;
  job: (i: number) => Promise<void>;
}): Promise<void> {
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < options.count; i++) {
    const due = started + (i * options.durationMs) / options.count;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(options.job(i));
  }
  await Promise.all(running);
}

/** An agent for open-loop jobs: enough sockets that requests queue at the server, not in the client. */
export function openLoopAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 512 });
}
