// Starts the load scripts' API process (`api-child.ts`) on a database and talks to it: when it
// listens, its event-loop delay and memory since the last reading, and its clean stop.
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { LOAD_SECRETS } from "./world.ts";

/** `collect`: run a full garbage collection first, so the heap figure is what is really retained. */
export type ParentRequest = { kind: "stats"; reset: boolean; collect: boolean };
export type ChildReport =
  | { kind: "ready" }
  | {
      kind: "stats";
      /** Event-loop delay in ms since the last reset: how late a 1 ms timer ran. */
      loop: { p50: number; p99: number; max: number; mean: number };
      rssMb: number;
      /** Highest RSS sampled (every 250 ms) since the last reset. */
      peakRssMb: number;
      heapUsedMb: number;
    };
export type ApiStats = Extract<ChildReport, { kind: "stats" }>;

export interface LoadApi {
  readonly port: number;
  readonly origin: string;
  readonly pid: number;
  readonly logFile: string;
  /** The process's event-loop delay and memory since the last call with `reset`. */
  stats(reset?: boolean, collect?: boolean): Promise<ApiStats>;
  stop(): Promise<void>;
}

const CHILD = new URL("./api-child.ts", import.meta.url).pathname;

/** The API in production configuration on `port` over `databaseUrl`; resolves once it listens. */
export async function startLoadApi(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<LoadApi> {
  const logDir = join(tmpdir(), "priyom-load-logs");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `api-${options.port}.log`);
  const logFd = openSync(logFile, "a");
  const origin = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = fork(CHILD, [], {
    // --expose-gc: the soak measures the heap retained after a full collection, not garbage.
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", logFd, logFd, "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      PUBLIC_URL: origin,
      WEB_ROOT: "",
      SEED_DEMO: "false",
      DATABASE_URL: options.databaseUrl,
      ...LOAD_SECRETS,
      ...options.env,
    },
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`load API did not start in 120 s (log: ${logFile})`)),
      120_000,
    );
    child.once("message", (message: ChildReport) => {
      clearTimeout(timer);
      if (message.kind === "ready") resolve();
      else reject(new Error(`unexpected first message ${message.kind}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`load API exited before listening (log: ${logFile})`));
    });
  });
  return {
    port: options.port,
    origin,
    pid: child.pid ?? -1,
    logFile,
    stats: (reset = false, collect = false) =>
      new Promise<ApiStats>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("load API did not report its stats")), 30_000);
        const onMessage = (message: ChildReport) => {
          if (message.kind !== "stats") return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(message);
        };
        child.on("message", onMessage);
        child.send({ kind: "stats", reset, collect } satisfies ParentRequest);
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
