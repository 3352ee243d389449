import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCipheriv } from "node:crypto";
import {
  createFieldCipher,
  DecryptionError,
  fieldContext,
  loadKeyring,
  parseDataKey,
} from "../src/crypto/index.ts";

const HERE = fieldContext("patient_profiles.snils_enc", "usr_a");

const key = () => randomBytes(32).toString("base64");
const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "priyom-keys-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("field cipher", () => {
  it("round-trips text (Cyrillic too) in the v2.<keyId>.<iv>.<body> format, a fresh IV every time", () => {
    const cipher = createFieldCipher(parseDataKey(key()));
    const a = cipher.encrypt("Серия 4510 № 123456", HERE);
    const b = cipher.encrypt("Серия 4510 № 123456", HERE);
    expect(a).toMatch(/^v2\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("123456");
    expect(cipher.decrypt(a, HERE)).toBe("Серия 4510 № 123456");
    expect(cipher.decrypt(b, HERE)).toBe("Серия 4510 № 123456");
  });

  it("detects tampering: a flipped byte of the body, the IV or the key label is an error", () => {
    const cipher = createFieldCipher(parseDataKey(`a:${key()},b:${key()}`));
    const stored = cipher.encrypt("11223344595", HERE);
    const [version, id, iv = "", body = ""] = stored.split(".");
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      return bytes.toString("base64url");
    };
    expect(() => cipher.decrypt([version, id, iv, flip(body, 0)].join("."), HERE)).toThrow(DecryptionError);
    expect(() =>
      cipher.decrypt(
        [version, id, iv, flip(body, Buffer.from(body, "base64url").length - 1)].join("."),
        HERE,
      ),
    ).toThrow(DecryptionError);
    expect(() => cipher.decrypt([version, id, flip(iv, 3), body].join("."), HERE)).toThrow(DecryptionError);
    expect(() => cipher.decrypt([version, "b", iv, body].join("."), HERE)).toThrow(DecryptionError);
    expect(() => cipher.decrypt("plaintext", HERE)).toThrow(DecryptionError);
  });

  it("rotates: old values still decrypt, new ones use the new current key", () => {
    const oldKey = key();
    const before = createFieldCipher(parseDataKey(`k1:${oldKey}`));
    const stored = before.encrypt("7700000000123453", HERE);
    const after = createFieldCipher(parseDataKey(`k2:${key()},k1:${oldKey}`));
    expect(after.decrypt(stored, HERE)).toBe("7700000000123453");
    const fresh = after.encrypt("7700000000123453", HERE);
    expect(fresh.startsWith("v2.k2.")).toBe(true);
    expect(after.decrypt(fresh, HERE)).toBe("7700000000123453");
    // Without the old key the old value is unreadable, not silently wrong.
    expect(() => createFieldCipher(parseDataKey(`k2:${key()}`)).decrypt(stored, HERE)).toThrow(
      /unknown key id/,
    );
    // Look-up hashes survive the rotation (they derive from the oldest listed key).
    expect(after.lookupHash("enp", "7700000000123453")).toBe(before.lookupHash("enp", "7700000000123453"));
  });

  it("binds a value to its row: the same ciphertext read under another row or column fails closed", () => {
    const cipher = createFieldCipher(parseDataKey(key()));
    const stored = cipher.encrypt("11223344595", fieldContext("patient_profiles.snils_enc", "usr_a"));
    expect(() => cipher.decrypt(stored, fieldContext("patient_profiles.snils_enc", "usr_b"))).toThrow(
      DecryptionError,
    );
    expect(() => cipher.decrypt(stored, fieldContext("patient_profiles.enp_enc", "usr_a"))).toThrow(
      DecryptionError,
    );
    expect(() => cipher.decrypt(stored, fieldContext("children.snils_enc", "usr_a"))).toThrow(
      DecryptionError,
    );
    // The error names the column and key for the integrity alert, never the value or the row's owner.
    try {
      cipher.decrypt(stored, fieldContext("patient_profiles.snils_enc", "usr_b"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecryptionError);
      const e = error as DecryptionError;
      expect(e.field).toBe("patient_profiles.snils_enc");
      expect(e.keyId).toBe("k1");
      expect(`${e.message} ${e.field}`).not.toMatch(/usr_b|11223344595/);
    }
  });

  it("still reads legacy v1 values (AAD without the row), and knows they are not current", () => {
    const raw = randomBytes(32);
    const cipher = createFieldCipher(parseDataKey(`k1:${raw.toString("base64")}`));
    // A v1 value exactly as the previous release wrote it.
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", raw, iv);
    c.setAAD(Buffer.from("v1.k1"));
    const body = Buffer.concat([c.update("4510 123456", "utf8"), c.final(), c.getAuthTag()]);
    const legacy = `v1.k1.${iv.toString("base64url")}.${body.toString("base64url")}`;
    expect(cipher.decrypt(legacy, HERE)).toBe("4510 123456");
    expect(cipher.isCurrent(legacy)).toBe(false);
    expect(cipher.isCurrent(cipher.encrypt("4510 123456", HERE))).toBe(true);
    // A v1 body relabelled v2 does not pass: the version is authenticated.
    expect(() => cipher.decrypt(legacy.replace(/^v1\./, "v2."), HERE)).toThrow(DecryptionError);
  });

  it("look-up hashes: 64 hex, keyed, distinct per kind, equal for equal digits", () => {
    const cipher = createFieldCipher(parseDataKey(key()));
    const h = cipher.lookupHash("snils", "11223344595");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.lookupHash("snils", "11223344595")).toBe(h);
    expect(cipher.lookupHash("enp", "11223344595")).not.toBe(h);
    expect(createFieldCipher(parseDataKey(key())).lookupHash("snils", "11223344595")).not.toBe(h);
    expect(() => cipher.lookupHash("snils", "112-233-445 95")).toThrow(RangeError);
  });

  it("refuses malformed DATA_KEY values", () => {
    expect(() => parseDataKey(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => parseDataKey(`a.b:${key()}`)).toThrow(/key id/);
    expect(() => parseDataKey(`a:${key()},a:${key()}`)).toThrow(/twice/);
    expect(() => parseDataKey(" , ")).toThrow(/empty/);
  });
});

describe("loadKeyring", () => {
  it("generates keys.json (mode 0600) on first start and reuses it after", () => {
    const dataDir = join(tempDir(), "nested", "data");
    const first = loadKeyring({ dataKey: undefined, dataDir, nodeEnv: "development" });
    const path = join(dataDir, "keys.json");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadKeyring({ dataKey: undefined, dataDir, nodeEnv: "development" });
    expect(second.current.key.equals(first.current.key)).toBe(true);
    const stored = createFieldCipher(first).encrypt("4510 123456", HERE);
    expect(createFieldCipher(second).decrypt(stored, HERE)).toBe("4510 123456");
    expect(readFileSync(path, "utf8")).toContain("dataKey");
  });

  it("takes DATA_KEY when set and writes no file", () => {
    const dataDir = tempDir();
    const dataKey = key();
    const ring = loadKeyring({ dataKey, dataDir, nodeEnv: "production" });
    expect(ring.current.key.equals(Buffer.from(dataKey, "base64"))).toBe(true);
    expect(() => statSync(join(dataDir, "keys.json"))).toThrow();
  });

  it("refuses to start in production without DATA_KEY, and writes no key file", () => {
    const dataDir = tempDir();
    expect(() => loadKeyring({ dataKey: undefined, dataDir, nodeEnv: "production" })).toThrow(
      /DATA_KEY is required in production/,
    );
    expect(() => statSync(join(dataDir, "keys.json"))).toThrow();
  });
});
