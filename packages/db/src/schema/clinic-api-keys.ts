import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { clinics } from "./clinics.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** What a clinic API key may do; a closed list (`appointments:write` is for the later issues). */
export const CLINIC_API_PERMISSIONS = [
  "doctors:write",
  "referrals:write",
  "referrals:read",
  "appointments:write",
] as const;
export type ClinicApiPermission = (typeof CLINIC_API_PERMISSIONS)[number];

/**
 * A key of one clinic's information system for `/api/v1/clinic/*`. The key is shown once as
 * `pk_<prefix>_<secret>`; only the prefix (shown in lists) and the SHA-256 of the secret are kept.
 */
export const clinicApiKeys = pgTable(
  "clinic_api_keys",
  {
    /** `key_…`. */
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** 8 characters `[a-z0-9]`, the visible part of the key. */
    prefix: text("prefix").notNull(),
    /** SHA-256 hex of the secret part; never the secret. */
    keyHash: text("key_hash").notNull(),
    permissions: jsonb("permissions").$type<ClinicApiPermission[]>().notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
  },
  (t) => [
    uniqueIndex("clinic_api_keys_prefix_key").on(t.prefix),
    uniqueIndex("clinic_api_keys_hash_key").on(t.keyHash),
    index("clinic_api_keys_clinic").on(t.clinicId, t.createdAt),
    check("clinic_api_keys_id_prefix", sql`${t.id} ~ '^key_[a-z0-9]{8,40}$'`),
    check("clinic_api_keys_prefix_format", sql`${t.prefix} ~ '^[a-z0-9]{8}$'`),
    check("clinic_api_keys_hash_format", sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
    check("clinic_api_keys_name", sql`length(trim(${t.name})) between 1 and 100`),
    check(
      "clinic_api_keys_permissions",
      sql`jsonb_typeof(${t.permissions}) = 'array' and jsonb_array_length(${t.permissions}) between 1 and 4 and ${t.permissions} <@ '["doctors:write","referrals:write","referrals:read","appointments:write"]'::jsonb`,
    ),
    check(
      "clinic_api_keys_revoked_after_created",
      sql`${t.revokedAt} is null or ${t.revokedAt} >= ${t.createdAt}`,
    ),
  ],
);
