import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, so paths work whatever folder the process was started from. */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Folder of the built shell; `undefined` disables serving the front end (API only). */
  webRoot: string | undefined;
  /** Folder holding one built folder per remote (`<remotesRoot>/<name>/dist`). */
  remotesRoot: string;
  /** File served as `/remotes.json`; read on every request so an edit needs no restart. */
  remotesJson: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

function resolveFromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`PORT must be an integer between 1 and 65535, got "${raw}"`);
  }
  return port;
}

/** Reads every setting from the environment, once; nothing else in the API touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv =
    env.NODE_ENV === "production" ? "production" : env.NODE_ENV === "test" ? "test" : "development";
  const webRoot = env.WEB_ROOT === "" ? undefined : resolveFromRoot(env.WEB_ROOT ?? "apps/shell/dist");
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info");
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${logLevel}"`);
  }
  return {
    nodeEnv,
    port: parsePort(env.PORT),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL === "" ? undefined : env.DATABASE_URL,
    dataDir: resolveFromRoot(env.DATA_DIR ?? ".data"),
    webRoot,
    remotesRoot: resolveFromRoot(env.REMOTES_ROOT ?? "apps"),
    remotesJson: resolveFromRoot(env.REMOTES_JSON ?? "apps/shell/dist/remotes.json"),
    logLevel: logLevel as AppConfig["logLevel"],
  };
}
