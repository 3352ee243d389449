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
  /** The address people open, e.g. `https://priyom.example`; cookies and links use it. */
  publicUrl: string;
  /** Origins allowed to send state-changing requests (the public URL is always one). */
  trustedOrigins: string[];
  /** Proxies whose `X-Forwarded-For` is believed; empty = the client IP is the connection's. */
  trustedProxies: string[];
  /** Base64 of 32 bytes, optionally `keyId:base64,…` for rotation; see `crypto/keyring.ts`. */
  dataKey: string | undefined;
  /** Secret of the auth library (cookie signatures); generated into the data folder when absent. */
  authSecret: string | undefined;
  /** `smtp://…`: send e-mail for real; absent = the development mailbox. */
  smtpUrl: string | undefined;
  /** Base URL of an SMS gateway (HTTP adapter); absent = the development mailbox. */
  smsGatewayUrl: string | undefined;
  /** Base URL of the insurance registry (policy checks); absent = the built-in demo registry. */
  insuranceRegistryUrl: string | undefined;
  /** Base URL of the pension registry (СНИЛС checks); absent = the built-in demo registry. */
  pensionRegistryUrl: string | undefined;
  /** A clinic information system asked by «Обновить сведения»; absent = the database itself. */
  referralSourceUrl: string | undefined;
  /** Wrong passwords in a row that lock sign-in, and for how long. */
  lockout: { maxFailures: number; lockMinutes: number };
  /** Create the demo patient and administrator on start (default: everywhere but production). */
  seedDemo: boolean;
  /** Seconds between heartbeats on the live slot stream (keeps proxies from closing it). */
  sseHeartbeatSeconds: number;
  /** How many weeks ahead slots are materialised. */
  slotHorizonWeeks: number;
  /** Patients may reschedule or cancel until this many hours before the start (DOMAIN.md: 24). */
  appointmentChangeCutoffHours: number;
  /** Lifetime of a widget's bearer token, in minutes (at most 60: the database refuses longer). */
  widgetTokenMinutes: number;
  /** Public reads a partner's widgets may make per minute, all its visitors together. */
  partnerRateLimitPerMinute: number;
  /** Seconds a process trusts its copy of the partner list; a change made elsewhere shows after it. */
  partnerCacheSeconds: number;
  /** The demo partner's origin (the demo partner page's server), registered with the demo data. */
  demoPartnerOrigin: string;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function intAtMost(name: string, raw: string | undefined, fallback: number, max: number): number {
  const value = positiveInt(name, raw, fallback);
  if (value > max) throw new Error(`${name} must be at most ${max}, got "${raw}"`);
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
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
  const port = parsePort(env.PORT);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  const devOrigins =
    nodeEnv === "production"
      ? []
      : [
          `http://127.0.0.1:${port}`,
          ...[4310, 4311, 4312, 4313, 4314, 4315].flatMap((p) => [
            `http://localhost:${p}`,
            `http://127.0.0.1:${p}`,
          ]),
        ];
  return {
    nodeEnv,
    port,
    publicUrl,
    trustedOrigins: [...new Set([new URL(publicUrl).origin, ...devOrigins, ...list(env.TRUSTED_ORIGINS)])],
    trustedProxies: list(env.TRUSTED_PROXIES),
    dataKey: env.DATA_KEY === "" ? undefined : env.DATA_KEY,
    authSecret: env.BETTER_AUTH_SECRET === "" ? undefined : env.BETTER_AUTH_SECRET,
    smtpUrl: env.SMTP_URL === "" ? undefined : env.SMTP_URL,
    smsGatewayUrl: env.SMS_GATEWAY_URL === "" ? undefined : env.SMS_GATEWAY_URL,
    insuranceRegistryUrl: env.INSURANCE_REGISTRY_URL === "" ? undefined : env.INSURANCE_REGISTRY_URL,
    pensionRegistryUrl: env.PENSION_REGISTRY_URL === "" ? undefined : env.PENSION_REGISTRY_URL,
    referralSourceUrl: env.REFERRAL_SOURCE_URL === "" ? undefined : env.REFERRAL_SOURCE_URL,
    lockout: {
      maxFailures: positiveInt("LOCKOUT_MAX_FAILURES", env.LOCKOUT_MAX_FAILURES, 5),
      lockMinutes: positiveInt("LOCKOUT_MINUTES", env.LOCKOUT_MINUTES, 15),
    },
    slotHorizonWeeks: positiveInt("SLOT_HORIZON_WEEKS", env.SLOT_HORIZON_WEEKS, 8),
    appointmentChangeCutoffHours: positiveInt(
      "APPOINTMENT_CHANGE_CUTOFF_HOURS",
      env.APPOINTMENT_CHANGE_CUTOFF_HOURS,
      24,
    ),
    sseHeartbeatSeconds: positiveInt("SSE_HEARTBEAT_SECONDS", env.SSE_HEARTBEAT_SECONDS, 15),
    // A token handed to another site is worth little to a thief only if it dies soon.
    widgetTokenMinutes: intAtMost("WIDGET_TOKEN_MINUTES", env.WIDGET_TOKEN_MINUTES, 30, 60),
    partnerRateLimitPerMinute: positiveInt(
      "PARTNER_RATE_LIMIT_PER_MINUTE",
      env.PARTNER_RATE_LIMIT_PER_MINUTE,
      600,
    ),
    partnerCacheSeconds: intAtMost("PARTNER_CACHE_SECONDS", env.PARTNER_CACHE_SECONDS, 5, 300),
    demoPartnerOrigin: env.DEMO_PARTNER_ORIGIN || "http://localhost:3001",
    seedDemo:
      env.SEED_DEMO === undefined || env.SEED_DEMO === ""
        ? nodeEnv !== "production"
        : env.SEED_DEMO === "true",
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL === "" ? undefined : env.DATABASE_URL,
    dataDir: resolveFromRoot(env.DATA_DIR ?? ".data"),
    webRoot,
    remotesRoot: resolveFromRoot(env.REMOTES_ROOT ?? "apps"),
    remotesJson: resolveFromRoot(env.REMOTES_JSON ?? "apps/shell/dist/remotes.json"),
    logLevel: logLevel as AppConfig["logLevel"],
  };
}
