import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring.ts";

/** Which identifier a look-up hash is of; part of the hashed text so equal digits of two kinds differ. */
export type LookupKind = "snils" | "enp";

/**
 * Encrypts sensitive fields (passport, СНИЛС, policy, birth certificate) before they reach the
 * database, and computes keyed hashes for look-up without decrypting.
 */
export interface FieldCipher {
  /** AES-256-GCM under the current key: `v1.<keyId>.<iv b64url>.<ciphertext+tag b64url>`. */
  encrypt(plaintext: string): string;
  /** Decrypts a value of any key in the ring; throws when the value was altered or its key is unknown. */
  decrypt(stored: string): string;
  /** HMAC-SHA256 (hex, 64 characters) of normalized digits, with a key derived from the data key. */
  lookupHash(kind: LookupKind, normalizedDigits: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown for any value that cannot be decrypted; says nothing about the value itself. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt a stored field: ${reason}`);
    this.name = "DecryptionError";
  }
}

/**
 * Builds the cipher over a keyring (see `loadKeyring`). The HMAC key is derived with HKDF-SHA256
 * from the keyring's hash root, so one secret suffices and the encryption key is never reused as is.
 *
 * @example
 * const cipher = createFieldCipher(loadKeyring(config));
 * const stored = cipher.encrypt("12345678901"); // "v1.k1.…"
 * cipher.decrypt(stored); // "12345678901"
 */
export function createFieldCipher(keyring: Keyring): FieldCipher {
  const hmacKey = Buffer.from(
    hkdfSync("sha256", keyring.hashRoot.key, Buffer.alloc(0), "priyom lookup-hash v1", 32),
  );

  return {
    encrypt(plaintext) {
      const { id, key } = keyring.current;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      // The key id is authenticated too, so a value cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(`${VERSION}.${id}`));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },

    decrypt(stored) {
      const parts = stored.split(".");
      if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("unknown format");
      const [, id = "", ivText = "", bodyText = ""] = parts;
      const dataKey = keyring.byId.get(id);
      if (!dataKey) throw new DecryptionError(`unknown key id "${id}"`);
      const iv = Buffer.from(ivText, "base64url");
      const body = Buffer.from(bodyText, "base64url");
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError("truncated value");
      try {
        const decipher = createDecipheriv("aes-256-gcm", dataKey.key, iv);
        decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new DecryptionError("authentication failed");
      }
    },

    lookupHash(kind, normalizedDigits) {
      if (!/^[0-9]+$/.test(normalizedDigits)) throw new RangeError("lookupHash takes normalized digits only");
      return createHmac("sha256", hmacKey).update(`${kind}:${normalizedDigits}`).digest("hex");
    },
  };
}
