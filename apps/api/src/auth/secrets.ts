import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "../env.ts";

/**
 * The auth library's secret (cookie signatures) and our code-hashing key derive from it. From
 * `BETTER_AUTH_SECRET`, or — outside production — generated once into the data folder and reused,
 * so sessions survive restarts of the embedded mode.
 */
export function loadAuthSecret(config: Pick<AppConfig, "authSecret" | "dataDir" | "nodeEnv">): string {
  if (config.authSecret) {
    if (config.authSecret.length < 32) throw new Error("BETTER_AUTH_SECRET must have at least 32 characters");
    return config.authSecret;
  }
  if (config.nodeEnv === "production") {
    throw new Error("BETTER_AUTH_SECRET is required in production (at least 32 random characters)");
  }
  const path = join(config.dataDir, "auth-secret");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
