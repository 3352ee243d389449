// A PostgreSQL cluster of the test's own, so a test can stop it (immediate) or freeze it (SIGSTOP)
// under a running API without touching the shared server on :5432. initdb refuses root, so every
// command runs as the `postgres` OS user when the test runs as root.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  readonly port: number;
  /** Starts (again) and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every backend gone at once, no checkpoint, crash recovery on start. */
  stop(): void;
  /** SIGSTOP to every process of the cluster: sockets stay open, nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops whatever runs and removes the folder; safe to call twice. */
  destroy(): void;
}

function asPostgresUser(command: string, args: string[]): { file: string; args: string[] } {
  const root = process.getuid?.() === 0;
  return root
    ? { file: "runuser", args: ["-u", "postgres", "--", join(PG_BIN, command), ...args] }
    : { file: join(PG_BIN, command), args };
}

function run(command: string, args: string[]): string {
  const { file, args: fullArgs } = asPostgresUser(command, args);
  return execFileSync(file, fullArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The slow commands (initdb, start) without blocking the test's event loop: the load keeps running. */
async function runAsync(command: string, args: string[]): Promise<void> {
  const { file, args: fullArgs } = asPostgresUser(command, args);
  await promisify(execFile)(file, fullArgs, { encoding: "utf8" });
}

/** Every process of the cluster: the postmaster and the children it forked (backends, walwriter …). */
function clusterPids(dataDir: string): number[] {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return [];
  const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 0) return [];
  const children = spawnSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" })
    .stdout.split("\n")
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0);
  return [postmaster, ...children];
}

export async function createPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), "priyom-rel-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  mkdirSync(socketDir);
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(root, uid, gid);
    chownSync(socketDir, uid, gid);
    chmodSync(root, 0o700);
  }
  await runAsync("initdb", [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  let destroyed = false;

  const ctl = (args: string[]) => run("pg_ctl", ["-D", dataDir, ...args]);
  const signalAll = (signal: NodeJS.Signals) => {
    // Children forked while paused do not exist; a second pass catches any forked just before.
    for (const pid of clusterPids(dataDir)) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone already: nothing to pause or resume.
      }
    }
  };

  const instance: PrivatePostgres = {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await runAsync("pg_ctl", [
        "-D",
        dataDir,
        "start",
        "-w",
        "-t",
        "60",
        "-l",
        join(root, "server.log"),
        "-o",
        // fsync off: the tests prove the API's behaviour, not the disk's; it keeps 2 cores free.
        `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
      ]);
    },
    stop() {
      ctl(["stop", "-m", "immediate", "-w"]);
    },
    pause() {
      signalAll("SIGSTOP");
      signalAll("SIGSTOP");
    },
    resume() {
      signalAll("SIGCONT");
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      signalAll("SIGCONT");
      try {
        ctl(["stop", "-m", "immediate", "-w"]);
      } catch {
        // Not running: nothing to stop.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return instance;
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}
