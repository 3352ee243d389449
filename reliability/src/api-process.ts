import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The same secrets in the test process (seeding, reading back) and in every API process it starts. */
export const TEST_SECRETS = {
  BETTER_AUTH_SECRET: "reliability-secret-of-at-least-32-characters-0123",
  DATA_KEY: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
} as const;

const ENTRY = fileURLToPath(new URL("./api-entry.ts", import.meta.url));
// The package folder, where `--import tsx` resolves.
const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface ApiProcessOptions {
  port: number;
  /** PostgreSQL database URL; without it the API runs on PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Extra environment (SMTP_URL, SMS_GATEWAY_URL, LOCKOUT_MAX_FAILURES …). */
  env?: Record<string, string>;
  /** Where the process's stdout/stderr go (appended); default: discarded. */
  logFile?: string;
  /** How long to wait for the process to listen. */
  readyTimeoutMs?: number;
}

export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code or signal once the process has gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** SIGKILL: no shutdown code runs, exactly like a crash or the OOM killer. */
  kill(): Promise<void>;
  /** SIGTERM and wait (the server's own clean shutdown). */
  stop(): Promise<void>;
}

/**
 * Starts the real API (see `api-entry.ts`) in a child process and resolves once it listens. Ports
 * are the caller's (uncommon ones, 47500–47599 are this suite's).
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  // Our ports lie inside Linux's ephemeral range (32768–60999): for a moment an outgoing connection
  // of any process (a pool's, a test client's) may hold one as its local port, and listen() then
  // fails. The entry exits with PORT_TAKEN for that; a few tries a second apart ride it out, and
  // the log says who held the port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
      if (options.logFile) {
        const holders = spawnSync("ss", ["-tanp", `( sport = :${options.port} )`], { encoding: "utf8" });
        appendFileSync(
          options.logFile,
          `port ${options.port} taken (try ${attempt}):\n${holders.stdout ?? ""}\n`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** The child's exit code when its port was taken (see `api-entry.ts`). */
const PORT_TAKEN = 3;

class PortTakenError extends Error {}

async function startOnce(options: ApiProcessOptions): Promise<ApiProcess> {
  if (options.logFile) mkdirSync(join(options.logFile, ".."), { recursive: true });
  const child: ChildProcess = fork(ENTRY, [], {
    cwd: PACKAGE_ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      WEB_ROOT: "",
      SEED_DEMO: "false",
      ...TEST_SECRETS,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: "" }),
      ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
      ...options.env,
    },
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`API on port ${options.port} did not start within ${options.readyTimeoutMs ?? 60_000} ms`),
      );
    }, options.readyTimeoutMs ?? 60_000);
    child.on("message", (message: { type?: string }) => {
      if (message.type !== "ready") return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(
        how === PORT_TAKEN
          ? new PortTakenError(`API port ${options.port} was taken`)
          : new Error(`API on port ${options.port} exited before listening (${String(how)})`),
      );
    });
  });
  const pid = child.pid ?? -1;
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
