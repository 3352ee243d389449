// Clinic API keys: our own small key store, not @better-auth/api-key.
// Why: the library is not installed; its 1.7.5 release declares peers @better-auth/utils 0.4.2 and
// better-call 1.4.0 while we run 0.5.1 / 1.4.5; and its keys belong to users, while ours belong to
// clinics (a clinic's information system is no user and has no session). A table and two hashes do
// the job: `clinic_api_keys` keeps the key's prefix (shown in lists) and the SHA-256 of its secret.
// The key is shown once, as `pk_<prefix>_<secret>`: prefix 8 characters [a-z0-9], secret 32 random
// bytes in base64url. A presented key is looked up by its prefix and compared by hash in constant
// time. SHA-256 (not a slow hash) is right here: the secret is 256 random bits, not a password.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  CLINIC_API_PERMISSIONS,
  clinicApiKeys,
  clinics,
  type ClinicApiPermission,
  type Database,
} from "@priyom/db";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import { AppError, type Locale } from "../errors.ts";
import { FieldErrors } from "../validation.ts";

export { CLINIC_API_PERMISSIONS, type ClinicApiPermission };

const KEY_FORMAT = /^pk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A key as listed: never the secret or its hash. */
export interface ClinicApiKeyInfo {
  id: string;
  clinicId: string;
  name: string;
  prefix: string;
  permissions: ClinicApiPermission[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What a valid key grants a request. */
export interface ClinicKeyGrant {
  clinicId: string;
  keyId: string;
  permissions: ClinicApiPermission[];
}

export function isClinicApiPermission(x: unknown): x is ClinicApiPermission {
  return typeof x === "string" && (CLINIC_API_PERMISSIONS as readonly string[]).includes(x);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function randomPrefix(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length] ?? "a").join("");
}

function toInfo(row: typeof clinicApiKeys.$inferSelect): ClinicApiKeyInfo {
  return {
    id: row.id,
    clinicId: row.clinicId,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Who asked, for the journal: an administrator's user id, or the command line (`null`). */
export interface KeyActor {
  userId: string | null;
  via: "api" | "cli";
  requestId?: string | null;
}

/**
 * Creates a key for a clinic and returns it with the one and only copy of the secret. Unknown
 * clinic → 404; a blank name or a permission outside the closed list → 400 naming the field.
 */
export async function issueClinicApiKey(
  db: Database,
  input: { clinicId: string; name: string; permissions: readonly string[] },
  actor: KeyActor,
  locale: Locale = "ru",
): Promise<{ key: string; info: ClinicApiKeyInfo }> {
  const errors = new FieldErrors(locale);
  const name = input.name.trim();
  if (name === "" || name.length > 100) {
    errors.addLocal("name", {
      ru: "Укажите название ключа (до 100 символов)",
      en: "Name the key (up to 100 characters)",
    });
  }
  const permissions = [...new Set(input.permissions)];
  if (permissions.length === 0 || !permissions.every(isClinicApiPermission)) {
    errors.addLocal("permissions", {
      ru: `Укажите права из списка: ${CLINIC_API_PERMISSIONS.join(", ")}`,
      en: `Choose permissions from: ${CLINIC_API_PERMISSIONS.join(", ")}`,
    });
  }
  errors.throwIfAny();
  const [clinic] = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, input.clinicId));
  if (!clinic) throw new AppError("not_found", { logMessage: "api key for an unknown clinic" });

  const prefix = randomPrefix();
  const secret = randomBytes(32).toString("base64url");
  const id = `key_${randomBytes(10).toString("hex")}`;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(clinicApiKeys)
      .values({
        id,
        clinicId: input.clinicId,
        name,
        prefix,
        keyHash: sha256Hex(secret),
        permissions: permissions.filter(isClinicApiPermission),
      })
      .returning();
    if (!inserted) throw new Error("api key insert returned nothing");
    await recordAudit(tx, {
      action: "clinic_api_key.issued",
      result: "success",
      actorUserId: actor.userId,
      details: { keyId: id, clinicId: input.clinicId, permissions: permissions.join(","), via: actor.via },
      requestId: actor.requestId ?? null,
    });
    return inserted;
  });
  return { key: `pk_${prefix}_${secret}`, info: toInfo(row) };
}

export async function listClinicApiKeys(db: Database, clinicId: string): Promise<ClinicApiKeyInfo[]> {
  const rows = await db
    .select()
    .from(clinicApiKeys)
    .where(eq(clinicApiKeys.clinicId, clinicId))
    .orderBy(desc(clinicApiKeys.createdAt), desc(clinicApiKeys.id));
  return rows.map(toInfo);
}

/** Revokes a key (at once: the next request with it is 401). Unknown key → 404; revoking twice is a no-op. */
export async function revokeClinicApiKey(
  db: Database,
  keyId: string,
  actor: KeyActor,
): Promise<ClinicApiKeyInfo> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(clinicApiKeys).where(eq(clinicApiKeys.id, keyId));
    if (!existing) throw new AppError("not_found", { logMessage: "revoke of an unknown api key" });
    if (existing.revokedAt) return toInfo(existing);
    const [revoked] = await tx
      .update(clinicApiKeys)
      .set({ revokedAt: sql`now()` })
      .where(eq(clinicApiKeys.id, keyId))
      .returning();
    await recordAudit(tx, {
      action: "clinic_api_key.revoked",
      result: "success",
      actorUserId: actor.userId,
      details: { keyId, clinicId: existing.clinicId, via: actor.via },
      requestId: actor.requestId ?? null,
    });
    return toInfo(revoked ?? existing);
  });
}

/**
 * The grant of a presented key, or `null` for a malformed, unknown or revoked one (the caller
 * answers 401 without saying which). Notes the last use at most once a minute per key.
 */
export async function verifyClinicApiKey(db: Database, presented: string): Promise<ClinicKeyGrant | null> {
  const match = KEY_FORMAT.exec(presented);
  if (!match) return null;
  const [, prefix = "", secret = ""] = match;
  const [row] = await db.select().from(clinicApiKeys).where(eq(clinicApiKeys.prefix, prefix));
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.keyHash, "hex");
  const actual = Buffer.from(sha256Hex(secret), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  await db
    .update(clinicApiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(clinicApiKeys.id, row.id),
        or(isNull(clinicApiKeys.lastUsedAt), lt(clinicApiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return { clinicId: row.clinicId, keyId: row.id, permissions: row.permissions };
}
