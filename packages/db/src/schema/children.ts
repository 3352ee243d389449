import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { ENCRYPTED_VALUE, LOOKUP_HASH, REGISTRY_CHECK_STATES } from "./patient-profiles.ts";

/**
 * A child under 18 whose parent books for them (DOMAIN.md "Actors"). The link ends
 * (`link_ended_at`) when the child turns 18; ended links are kept out of every list. Birth
 * certificate, policy and СНИЛС are encrypted like a profile's; a policy or СНИЛС is unique among
 * active children (and, in the service, not equal to any profile's).
 */
export const children = pgTable(
  "children",
  {
    /** `chd_…`, shown in URLs. */
    id: text("id").primaryKey(),
    parentUserId: text("parent_user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    lastName: text("last_name").notNull(),
    firstName: text("first_name").notNull(),
    middleName: text("middle_name"),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    /** JSON `{ series, number, issuedOn }`, encrypted. */
    birthCertificateEnc: text("birth_certificate_enc").notNull(),
    enpEnc: text("enp_enc").notNull(),
    enpHash: text("enp_hash").notNull(),
    snilsEnc: text("snils_enc"),
    snilsHash: text("snils_hash"),
    snilsCheckState: text("snils_check_state", { enum: REGISTRY_CHECK_STATES })
      .notNull()
      .default("not_checked"),
    snilsCheckedAt: timestamp("snils_checked_at", { withTimezone: true, mode: "date" }),
    enpCheckState: text("enp_check_state", { enum: REGISTRY_CHECK_STATES }).notNull().default("not_checked"),
    enpCheckedAt: timestamp("enp_checked_at", { withTimezone: true, mode: "date" }),
    linkEndedAt: timestamp("link_ended_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("children_parent").on(t.parentUserId),
    uniqueIndex("children_enp_hash_key")
      .on(t.enpHash)
      .where(sql`${t.linkEndedAt} is null`),
    uniqueIndex("children_snils_hash_key")
      .on(t.snilsHash)
      .where(sql`${t.linkEndedAt} is null and ${t.snilsHash} is not null`),
    check("children_id_prefix", sql`${t.id} ~ '^chd_[a-z0-9]{8,32}$'`),
    check(
      "children_names_not_blank",
      sql`length(trim(${t.lastName})) > 0 and length(trim(${t.firstName})) > 0 and (${t.middleName} is null or length(trim(${t.middleName})) > 0)`,
    ),
    check(
      "children_encrypted",
      sql`${t.birthCertificateEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)}
        and ${t.enpEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)}
        and (${t.snilsEnc} is null or ${t.snilsEnc} ~ ${sql.raw(`'${ENCRYPTED_VALUE}'`)})`,
    ),
    check("children_enp_hash", sql`${t.enpHash} ~ ${sql.raw(`'${LOOKUP_HASH}'`)}`),
    check(
      "children_snils_hash",
      sql`(${t.snilsEnc} is null) = (${t.snilsHash} is null) and (${t.snilsHash} is null or ${t.snilsHash} ~ ${sql.raw(`'${LOOKUP_HASH}'`)})`,
    ),
    check(
      "children_snils_check_state",
      sql`${t.snilsCheckState} in ('not_checked', 'verified', 'not_found', 'unavailable') and (${t.snilsCheckState} = 'not_checked') = (${t.snilsCheckedAt} is null)`,
    ),
    check(
      "children_enp_check_state",
      sql`${t.enpCheckState} in ('not_checked', 'verified', 'not_found', 'unavailable') and (${t.enpCheckState} = 'not_checked') = (${t.enpCheckedAt} is null)`,
    ),
  ],
);
