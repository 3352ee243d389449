import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "../env.ts";

/** One 32-byte AES key and the id stored beside every value it encrypted. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * The data keys: `current` encrypts, every key in `byId` decrypts. `hashRoot` is the key the
 * look-up hashes derive from: the last (oldest) key listed, so hashes stay the same when a new
 * current key is put in front of the list.
 */
export interface Keyring {
  current: DataKey;
  byId: ReadonlyMap<string, DataKey>;
  hashRoot: DataKey;
}

/** The id a bare `DATA_KEY` (base64 without `id:`) gets. */
export const DEFAULT_KEY_ID = "k1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_FILE = "keys.json";

function decodeKey(id: string, base64: string): DataKey {
  if (!KEY_ID.test(id)) throw new Error(`DATA_KEY: key id "${id}" must be 1–32 letters, digits, "_" or "-"`);
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error(`DATA_KEY: key "${id}" must be base64 of exactly 32 bytes`);
  return { id, key };
}

/**
 * Parses `DATA_KEY`: base64 of 32 bytes, or `keyId:base64,keyId:base64` where the first key is
 * the current one (rotation: put the new key first and keep the old ones after it).
 */
export function parseDataKey(raw: string): Keyring {
  const keys = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      return colon < 0
        ? decodeKey(DEFAULT_KEY_ID, part)
        : decodeKey(part.slice(0, colon), part.slice(colon + 1));
    });
  const current = keys[0];
  const hashRoot = keys[keys.length - 1];
  if (current === undefined || hashRoot === undefined) throw new Error("DATA_KEY is empty");
  const byId = new Map<string, DataKey>();
  for (const key of keys) {
    if (byId.has(key.id)) throw new Error(`DATA_KEY: key id "${key.id}" appears twice`);
    byId.set(key.id, key);
  }
  return { current, byId, hashRoot };
}

/**
 * The keyring the field cipher uses: from `DATA_KEY`, or — outside production — generated on first
 * start into `<dataDir>/keys.json` (mode 0600) and reused after, so the embedded mode keeps its
 * data readable across restarts. In production a missing `DATA_KEY` refuses to start.
 */
export function loadKeyring(config: Pick<AppConfig, "dataKey" | "dataDir" | "nodeEnv">): Keyring {
  if (config.dataKey) return parseDataKey(config.dataKey);
  if (config.nodeEnv === "production") {
    throw new Error(
      "DATA_KEY is required in production: base64 of 32 random bytes (e.g. `openssl rand -base64 32`), " +
        "or `keyId:base64,…` with the current key first",
    );
  }
  const path = join(config.dataDir, KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    const file = { dataKey: `${DEFAULT_KEY_ID}:${randomBytes(32).toString("base64")}` };
    try {
      writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { dataKey?: unknown };
  if (typeof parsed.dataKey !== "string") throw new Error(`${path} has no "dataKey"`);
  return parseDataKey(parsed.dataKey);
}
