import { sql } from "drizzle-orm";
import { check, date, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { timestamps } from "./columns.ts";

/** States of one registry check (contracts `ZRegistryCheckState`). */
export const REGISTRY_CHECK_STATES = ["not_checked", "verified", "not_found", "unavailable"] as const;
export const NOTIFICATION_CHANNELS = ["cabinet", "email", "sms"] as const;

/** Encrypted by the API (`v2.<keyId>.<iv>.<ciphertext+tag>`, legacy `v1.…`), never plaintext. */
export const ENCRYPTED_VALUE = String.raw`^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`;
/** Keyed look-up hash (HMAC-SHA256, hex). */
export const LOOKUP_HASH = "^[0-9a-f]{64}$";

/**
 * A patient's personal data, one row per account (created at sign-up). Passport, СНИЛС and policy
 * (ЕНП) are encrypted in the application; `snils_hash` / `enp_hash` are keyed hashes of their
 * digits, for matching referrals to patients without decrypting. One policy or СНИЛС belongs to
 * one person: unique among profiles (and, in the service, not equal to an active child's).
 */
export const patientProfiles = pgTable(
  "patient_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    lastName: text("last_name").notNull(),
    firstName: text("first_name").notNull(),
    middleName: text("middle_name"),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex", { enum: ["male", "female"] }),
    /** JSON `{ series, number, departmentCode, issuedOn }`, encrypted. */
    passportEnc: text("passport_enc"),
    snilsEnc: text("snils_enc"),
    snilsHash: text("snils_hash"),
    enpEnc: text("enp_enc"),
    enpHash: text("enp_hash"),
    notificationChannels: text("notification_channels", { enum: NOTIFICATION_CHANNELS })
      .array()
      .notNull()
      .default(sql`'{cabinet}'::text[]`),
    snilsCheckState: text("snils_check_state", { enum: REGISTRY_CHECK_STATES })
      .notNull()
      .default("not_checked"),
    snilsCheckedAt: timestamp("snils_checked_at", { withTimezone: true, mode: "date" }),
    enpCheckState: text("enp_check_state", { enum: REGISTRY_CHECK_STATES }).notNull().default("not_checked"),
    enpCheckedAt: timestamp("enp_checked_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("patient_profiles_enp_hash_key")
      .on(t.enpHash)
      .where(sql`${t.enpHash} is not null`),
    uniqueIndex("patient_profiles_snils_hash_key")
      .on(t.snilsHash)
      .where(sql`${t.snilsHash} is not null`),
    check(
      "patient_profiles_names_not_blank",
      sql`length(trim(${t.lastName})) > 0 and length(trim(${t.firstName})) > 0 and (${t.middleName} is null or length(trim(${t.middleName})) > 0)`,
    ),
    check("patient_profiles_sex", sql`${t.sex} is null or ${t.sex} in ('male', 'female')`),
    check(
      "patient_profiles_notification_channels",
      sql`${t.notificationChannels} <@ array['cabinet', 'email', 'sms']::text[]`,
    ),
    check(
      "patient_profiles_encrypted",
      sql`(${t.passportEnc} is null or ${t.passportEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)})
        and (${t.snilsEnc} is null or ${t.snilsEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)})
        and (${t.enpEnc} is null or ${t.enpEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)})`,
    ),
    check(
      "patient_profiles_snils_hash",
      sql`(${t.snilsEnc} is null) = (${t.snilsHash} is null) and (${t.snilsHash} is null or ${t.snilsHash} ~ ${sql.raw(`'${LOOKUP_HASH}'`)})`,
    ),
    check(
      "patient_profiles_enp_hash",
      sql`(${t.enpEnc} is null) = (${t.enpHash} is null) and (${t.enpHash} is null or ${t.enpHash} ~ ${sql.raw(`'${LOOKUP_HASH}'`)})`,
    ),
    check(
      "patient_profiles_snils_check_state",
      sql`${t.snilsCheckState} in ('not_checked', 'verified', 'not_found', 'unavailable') and (${t.snilsCheckState} = 'not_checked') = (${t.snilsCheckedAt} is null)`,
    ),
    check(
      "patient_profiles_enp_check_state",
      sql`${t.enpCheckState} in ('not_checked', 'verified', 'not_found', 'unavailable') and (${t.enpCheckState} = 'not_checked') = (${t.enpCheckedAt} is null)`,
    ),
  ],
);
