/**
 * The single list of where the service holds a patient's data (personal-data law, 152-ФЗ): every
 * table, the column that ties a row to the patient, which columns are personal, and what erasure
 * does with the row (the target treatment; `note` says where today's code falls short).
 * test/privacy.test.ts fails when a table appears in the database that is classified neither here
 * nor in `TABLES_WITHOUT_PATIENT_DATA`, so a new table cannot silently escape export and erasure.
 */

import type { TAccountExport } from "@priyom/contracts";

/** What erasure does with a holding's rows. */
export type ErasureTreatment =
  /** The rows are removed (with the account, or before it). */
  | "delete"
  /** The rows stay without identifiers: personal columns nulled or replaced. */
  | "anonymise"
  /** Another party's document (a clinic's referral), kept unlinked from the account with `erasedFlagColumn` set. */
  | "retain_by_law"
  /** The journal: append-only and hash-chained, holds ids only; never updated or deleted. */
  | "keep_ids_only";

export interface Holding {
  table: string;
  /** Columns that tie a row to the account (or its child); a row matches when any of them does. */
  ownerColumns: readonly string[];
  /** Columns holding personal data (identifiers, names, contacts, hashes of identifiers, free text about the patient). */
  personalColumns: readonly string[];
  /** Columns naming someone else (the staff member who decided), untouched by the patient's erasure. */
  otherPeopleColumns?: readonly string[];
  erasure: ErasureTreatment;
  /**
   * In the patient's export (GET /api/v1/account/export, services/profile/personal-data.ts): `true`
   * with `exportKey`, or `false` with `withheldFromExport` (test/privacy.test.ts holds both).
   */
  exported: boolean;
  /** The key of the export (TAccountExport) where this table's rows appear. */
  exportKey?: Exclude<keyof TAccountExport, "exportedAt">;
  /** Why the table's rows are not exported: secrets that only authenticate, short-lived counters. */
  withheldFromExport?: string;
  /** For "retain_by_law": the column erasure sets on the rows it keeps (the identifier search allows hits only there). */
  erasedFlagColumn?: string;
  /** Why, in one line (read by people classifying a new table). */
  note: string;
}

export const PATIENT_HOLDINGS: readonly Holding[] = [
  {
    table: "user",
    ownerColumns: ["id"],
    personalColumns: ["name", "email", "phone_number", "image"],
    erasure: "delete",
    exported: true,
    exportKey: "account",
    note: "The account itself; its removal cascades to sessions, devices, codes.",
  },
  {
    table: "account",
    ownerColumns: ["user_id"],
    personalColumns: ["account_id", "password"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Hashed password and provider ids: they only authenticate.",
    note: "Sign-in credentials (hashed password); cascades with the user.",
  },
  {
    table: "session",
    ownerColumns: ["user_id"],
    personalColumns: ["ip_address", "user_agent", "token"],
    erasure: "delete",
    exported: true,
    exportKey: "sessions",
    note: "Signed-in devices; cascades with the user.",
  },
  {
    table: "two_factor",
    ownerColumns: ["user_id"],
    personalColumns: ["secret", "backup_codes"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Second-factor secrets: they only authenticate.",
    note: "Second-factor secrets; never exported.",
  },
  {
    table: "verification",
    ownerColumns: ["identifier"],
    personalColumns: ["identifier", "value"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "One-time codes of the auth library: secrets, minutes long.",
    note: "Auth library codes keyed by phone or e-mail; short-lived.",
  },
  {
    table: "verification_codes",
    ownerColumns: ["user_id"],
    personalColumns: ["code_hash"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Hashes of one-time codes: secrets, minutes long.",
    note: "Our confirmation codes; cascades with the user.",
  },
  {
    table: "known_devices",
    ownerColumns: ["user_id"],
    personalColumns: ["device_hash"],
    erasure: "delete",
    exported: true,
    exportKey: "devices",
    note: "Devices seen at sign-in; cascades with the user.",
  },
  {
    table: "sign_in_failures",
    ownerColumns: ["key"],
    personalColumns: ["key"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Lock-out counters, minutes long.",
    note: "Lock-out counters keyed by login; short-lived.",
  },
  {
    table: "rate_limit",
    ownerColumns: ["key"],
    personalColumns: ["key"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Rate-limit counters, minutes long.",
    note: "Auth library rate limits keyed by IP and path; short-lived.",
  },
  {
    table: "rate_limit_buckets",
    ownerColumns: ["key"],
    personalColumns: ["key"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Rate-limit counters, minutes long.",
    note: "Our rate-limit windows, keys may name the user or IP; short-lived.",
  },
  {
    table: "widget_tokens",
    ownerColumns: ["user_id"],
    personalColumns: ["token_hash"],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Hashes of partner widget tokens: they only authenticate.",
    note: "Partner widget tokens; revoked and removed.",
  },
  {
    table: "patient_profiles",
    ownerColumns: ["user_id"],
    personalColumns: [
      "last_name",
      "first_name",
      "middle_name",
      "birth_date",
      "sex",
      "passport_enc",
      "snils_enc",
      "snils_hash",
      "enp_enc",
      "enp_hash",
    ],
    erasure: "delete",
    exported: true,
    exportKey: "profile",
    note: "The profile with encrypted identifiers and their look-up hashes.",
  },
  {
    table: "children",
    ownerColumns: ["parent_user_id"],
    personalColumns: [
      "last_name",
      "first_name",
      "middle_name",
      "birth_date",
      "birth_certificate_enc",
      "enp_enc",
      "enp_hash",
      "snils_enc",
      "snils_hash",
    ],
    erasure: "delete",
    exported: true,
    exportKey: "children",
    note: "Children the patient books for.",
  },
  {
    table: "referrals",
    ownerColumns: ["patient_user_id", "patient_child_id"],
    personalColumns: ["enp_hash", "snils_hash", "diagnosis_code", "issuing_doctor"],
    erasure: "retain_by_law",
    erasedFlagColumn: "subject_erased_at",
    exported: true,
    exportKey: "referrals",
    note: "The issuing clinic's document: it stays, unlinked (ON DELETE SET NULL), with subject_erased_at set and its identifier hashes (the clinic finds its referral by them).",
  },
  {
    table: "referral_events",
    ownerColumns: ["referral_id"],
    personalColumns: ["reason", "details"],
    erasure: "anonymise",
    exported: true,
    exportKey: "referrals",
    note: "A referral's history; follows its referral. Reasons the patient wrote are blanked on erasure; actors are ids.",
  },
  {
    table: "appointments",
    ownerColumns: ["user_id", "child_id", "patient_key"],
    personalColumns: ["contact_phone", "cancel_reason"],
    erasure: "delete",
    exported: true,
    exportKey: "appointments",
    note: "Priyom's own booking records: future visits are cancelled first (slot freed, waitlist moves, referral bookable again), then every row goes with the user. The medical record the law requires is kept by the clinic's medical information system, not here.",
  },
  {
    table: "slots",
    ownerColumns: ["held_by_user_id"],
    personalColumns: [],
    erasure: "anonymise",
    exported: false,
    withheldFromExport: "A hold lasts minutes; the visit it leads to is in `appointments`.",
    note: "A hold names the user; released (and offered to the waitlist) on erasure.",
  },
  {
    table: "idempotency_keys",
    ownerColumns: ["user_id"],
    personalColumns: ["response_body"],
    erasure: "delete",
    exported: false,
    withheldFromExport:
      "Stored replies to the patient's own requests, kept a day; their content is exported from its own tables.",
    note: "Stored responses may repeat booking details; short-lived.",
  },
  {
    table: "waitlist_entries",
    ownerColumns: ["user_id", "patient_key"],
    personalColumns: [],
    erasure: "delete",
    exported: true,
    exportKey: "waitlist",
    note: "Waiting-list entries; ended and removed.",
  },
  {
    table: "priority_requests",
    ownerColumns: ["user_id"],
    personalColumns: ["reason", "decision_reason"],
    otherPeopleColumns: ["decided_by_user_id"],
    erasure: "delete",
    exported: true,
    exportKey: "priorityRequests",
    note: "Requests for an earlier visit with the patient's own words.",
  },
  {
    table: "notifications",
    ownerColumns: ["user_id"],
    personalColumns: ["title", "body"],
    erasure: "delete",
    exported: true,
    exportKey: "notifications",
    note: "Cabinet messages.",
  },
  {
    table: "outbox_messages",
    ownerColumns: ["recipient"],
    personalColumns: ["recipient", "subject", "body", "last_error"],
    erasure: "anonymise",
    exported: true,
    exportKey: "messages",
    note: "E-mail and SMS to the patient: pending ones dropped, sent ones lose recipient and body.",
  },
  {
    table: "audit_events",
    ownerColumns: ["actor_user_id", "subject_user_id"],
    personalColumns: [],
    erasure: "keep_ids_only",
    exported: true,
    exportKey: "accountHistory",
    note: "The journal: ids only, append-only and hash-chained; sign-in history comes from here.",
  },
  {
    table: "clinic_staff",
    ownerColumns: ["user_id"],
    personalColumns: [],
    erasure: "delete",
    exported: false,
    withheldFromExport: "Staff membership: a patient account has none.",
    note: "Staff membership; cascades with the user (patients have none).",
  },
  {
    table: "partners",
    ownerColumns: ["created_by"],
    personalColumns: [],
    erasure: "keep_ids_only",
    exported: false,
    withheldFromExport: "Partners are created by administrators: a patient account has none.",
    note: "Created by an admin, never by a patient; the id names staff only.",
  },
];

/** Tables that hold nothing about a patient: reference data, schedules, clinic keys. */
export const TABLES_WITHOUT_PATIENT_DATA: readonly string[] = [
  "clinics",
  "clinic_api_keys",
  "doctors",
  "referral_allowed_clinics",
  "schedule_exceptions",
  "schedule_rules",
  "specialties",
  "specialty_relations",
  "visit_instructions",
];

/** Tables the migrator itself keeps (not application data). */
export const MIGRATOR_TABLES: readonly string[] = ["__drizzle_migrations"];
