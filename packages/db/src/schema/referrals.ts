import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { children } from "./children.ts";
import { clinics } from "./clinics.ts";
import { timestamps } from "./columns.ts";
import { specialties } from "./specialties.ts";

/**
 * A referral (направление). The patient is named by keyed hashes of the policy (ЕНП) and СНИЛС;
 * `patient_user_id` / `patient_child_id` are set once a registered patient (or a parent's child)
 * matches — until then the referral waits. The issuing clinic's name, ОГРН and address are a
 * snapshot taken at issue.
 */
export const referrals = pgTable(
  "referrals",
  {
    /** `ref_…`. */
    id: text("id").primaryKey(),
    number: text("number").notNull(),
    issuedOn: text("issued_on").notNull(),
    issuingClinicId: text("issuing_clinic_id")
      .notNull()
      .references(() => clinics.id),
    issuingClinicSnapshot: jsonb("issuing_clinic_snapshot")
      .$type<{ fullName: string; shortName: string; ogrn: string; address: string }>()
      .notNull(),
    /** IANA zone of the issuing clinic at issue: "valid until" is a date there. */
    timeZone: text("time_zone").notNull(),
    enpHash: text("enp_hash").notNull(),
    snilsHash: text("snils_hash"),
    patientUserId: text("patient_user_id").references(() => user.id, { onDelete: "set null" }),
    patientChildId: text("patient_child_id").references(() => children.id, { onDelete: "set null" }),
    specialtyCode: text("specialty_code")
      .notNull()
      .references(() => specialties.code),
    urgency: text("urgency", { enum: ["emergency", "urgent", "planned"] }).notNull(),
    kind: text("kind", { enum: ["regular", "therapist", "long_term", "emergency"] }).notNull(),
    diagnosisCode: text("diagnosis_code").notNull(),
    issuingDoctor: text("issuing_doctor").notNull(),
    validityDays: integer("validity_days").notNull(),
    lastValidDay: text("last_valid_day").notNull(),
    status: text("status", { enum: ["active", "booked", "used", "expired", "withdrawn"] })
      .notNull()
      .default("active"),
    /** SHA-256 of the issuing request's canonical payload: the same number with another payload is a conflict. */
    payloadHash: text("payload_hash").notNull(),
    /** Set when the patient was told the referral expires in 3 days (sent once). */
    expiryNoticeSentAt: timestamp("expiry_notice_sent_at", { withTimezone: true, mode: "date" }),
    /**
     * Set when the patient's account was erased: the referral is the clinic's document and stays,
     * unlinked, with its identifier hashes (services/privacy/holdings.ts "retain_by_law").
     */
    subjectErasedAt: timestamp("subject_erased_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("referrals_number_key").on(t.number),
    index("referrals_patient_user").on(t.patientUserId),
    index("referrals_patient_child").on(t.patientChildId),
    index("referrals_enp_hash").on(t.enpHash),
    index("referrals_status_last_day").on(t.status, t.lastValidDay),
    check("referrals_id_prefix", sql`${t.id} ~ '^ref_[a-z0-9]{4,40}$'`),
    check("referrals_number_format", sql`${t.number} ~ '^[0-9]{8,12}$'`),
    check(
      "referrals_dates",
      sql`${t.issuedOn} ~ '^\\d{4}-\\d{2}-\\d{2}$' and ${t.lastValidDay} ~ '^\\d{4}-\\d{2}-\\d{2}$' and ${t.lastValidDay} > ${t.issuedOn}`,
    ),
    check("referrals_validity_days", sql`${t.validityDays} between 7 and 90`),
    check("referrals_urgency", sql`${t.urgency} in ('emergency', 'urgent', 'planned')`),
    check("referrals_kind", sql`${t.kind} in ('regular', 'therapist', 'long_term', 'emergency')`),
    check("referrals_status", sql`${t.status} in ('active', 'booked', 'used', 'expired', 'withdrawn')`),
    check("referrals_diagnosis_icd10", sql`${t.diagnosisCode} ~ '^[A-Z][0-9]{2}(\\.[0-9]{1,2})?$'`),
    check(
      "referrals_one_patient",
      sql`not (${t.patientUserId} is not null and ${t.patientChildId} is not null)`,
    ),
    check(
      "referrals_hashes",
      sql`${t.enpHash} ~ '^[0-9a-f]{64}$' and (${t.snilsHash} is null or ${t.snilsHash} ~ '^[0-9a-f]{64}$')`,
    ),
  ],
);

/** The clinics where a referral may be used (the patient chooses among them). */
export const referralAllowedClinics = pgTable(
  "referral_allowed_clinics",
  {
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.clinicId] })],
);

/** Status history of a referral: what happened, when, by whom, why. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    kind: text("kind", {
      enum: [
        "issued",
        "extended",
        "matched",
        "booked",
        "rescheduled",
        "cancelled",
        "used",
        "missed",
        "expired",
        "withdrawn",
      ],
    }).notNull(),
    /** `clinic:<id>`, `staff:<user id>`, `patient:<user id>` or `system`. */
    actor: text("actor").notNull(),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [
    index("referral_events_referral").on(t.referralId, t.at),
    check(
      "referral_events_kind",
      sql`${t.kind} in ('issued', 'extended', 'matched', 'booked', 'rescheduled', 'cancelled', 'used', 'missed', 'expired', 'withdrawn')`,
    ),
    check("referral_events_actor", sql`${t.actor} ~ '^(system|(clinic|staff|patient|admin):[A-Za-z0-9_]+)$'`),
  ],
);
