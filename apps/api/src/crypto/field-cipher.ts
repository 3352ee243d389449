import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring.ts";

/** Which identifier a look-up hash is of; part of the hashed text so equal digits of two kinds differ. */
export type LookupKind = "snils" | "enp";

/** Every encrypted column, `table.column`: the first part of a value's context. */
export const ENCRYPTED_FIELDS = {
  patient_profiles: ["passport_enc", "snils_enc", "enp_enc"],
  children: ["birth_certificate_enc", "enp_enc", "snils_enc"],
} as const;
export type EncryptedField = {
  [T in keyof typeof ENCRYPTED_FIELDS]: `${T}.${(typeof ENCRYPTED_FIELDS)[T][number]}`;
}[keyof typeof ENCRYPTED_FIELDS];

/**
 * Where a value lives: its column and the primary key of its row (`patient_profiles.snils_enc:<userId>`).
 * It is authenticated with the value, so a ciphertext copied into another row (another person's)
 * fails to decrypt instead of showing one person's document as another's.
 */
export function fieldContext(field: EncryptedField, rowKey: string): string {
  return `${field}:${rowKey}`;
}

/**
 * Encrypts sensitive fields (passport, СНИЛС, policy, birth certificate) before they reach the
 * database, and computes keyed hashes for look-up without decrypting.
 */
export interface FieldCipher {
  /**
   * AES-256-GCM under the current key: `v2.<keyId>.<iv b64url>.<ciphertext+tag b64url>`, bound to
   * `context` (see `fieldContext`).
   */
  encrypt(plaintext: string, context: string): string;
  /**
   * Decrypts a value of any key in the ring stored under `context`; throws `DecryptionError` when
   * the value was altered, moved from another row, or its key is unknown. Legacy `v1` values (not
   * bound to a row) still decrypt until `rotate-data-key` rewrites them.
   */
  decrypt(stored: string, context: string): string;
  /** Whether a stored value is already in the current format under the current key. */
  isCurrent(stored: string): boolean;
  /** `v2.<current key id>.`: how every value written now begins. */
  currentPrefix(): string;
  /** HMAC-SHA256 (hex, 64 characters) of normalized digits, with a key derived from the data key. */
  lookupHash(kind: LookupKind, normalizedDigits: string): string;
}

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Thrown for any value that cannot be decrypted. It names the column and key id (for the integrity
 * alert) but never the value, the plaintext or the row's owner.
 */
export class DecryptionError extends Error {
  readonly field: string;
  readonly keyId: string | null;
  constructor(reason: string, details: { context: string; keyId?: string | null }) {
    super(`Cannot decrypt a stored field: ${reason}`);
    this.name = "DecryptionError";
    // The column only: the part after ":" identifies the person.
    this.field = details.context.split(":")[0] ?? "unknown";
    this.keyId = details.keyId ?? null;
  }
}

function aad(version: string, keyId: string, context: string): Buffer {
  return Buffer.from(version === LEGACY_VERSION ? `${version}.${keyId}` : `${version}.${keyId}.${context}`);
}

/**
 * Builds the cipher over a keyring (see `loadKeyring`). The HMAC key is derived with HKDF-SHA256
 * from the keyring's hash root, so one secret suffices and the encryption key is never reused as is.
 *
 * @example
 * const cipher = createFieldCipher(loadKeyring(config));
 * const where = fieldContext("patient_profiles.snils_enc", userId);
 * const stored = cipher.encrypt("12345678901", where); // "v2.k1.…"
 * cipher.decrypt(stored, where); // "12345678901"
 */
export function createFieldCipher(keyring: Keyring): FieldCipher {
  const hmacKey = Buffer.from(
    hkdfSync("sha256", keyring.hashRoot.key, Buffer.alloc(0), "priyom lookup-hash v1", 32),
  );

  return {
    encrypt(plaintext, context) {
      const { id, key } = keyring.current;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      // The key id and the value's place are authenticated too: it cannot be relabelled to another
      // key nor moved to another row.
      cipher.setAAD(aad(VERSION, id, context));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },

    decrypt(stored, context) {
      const parts = stored.split(".");
      const [version = "", id = "", ivText = "", bodyText = ""] = parts;
      if (parts.length !== 4 || (version !== VERSION && version !== LEGACY_VERSION)) {
        throw new DecryptionError("unknown format", { context });
      }
      const dataKey = keyring.byId.get(id);
      if (!dataKey) throw new DecryptionError("unknown key id", { context, keyId: id });
      const iv = Buffer.from(ivText, "base64url");
      const body = Buffer.from(bodyText, "base64url");
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
        throw new DecryptionError("truncated value", { context, keyId: id });
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", dataKey.key, iv);
        decipher.setAAD(aad(version, id, context));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new DecryptionError("authentication failed", { context, keyId: id });
      }
    },

    isCurrent(stored) {
      return stored.startsWith(`${VERSION}.${keyring.current.id}.`);
    },

    currentPrefix() {
      return `${VERSION}.${keyring.current.id}.`;
    },

    lookupHash(kind, normalizedDigits) {
      if (!/^[0-9]+$/.test(normalizedDigits)) throw new RangeError("lookupHash takes normalized digits only");
      return createHmac("sha256", hmacKey).update(`${kind}:${normalizedDigits}`).digest("hex");
    },
  };
}
