import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgSequence,
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
import { doctors } from "./doctors.ts";
import { referrals } from "./referrals.ts";
import { slots } from "./slots.ts";

/** Ticket numbers (талон): one sequence for the whole service, shown as «Т-0000123». */
export const appointmentTickets = pgSequence("appointment_tickets", { startWith: 1001 });

export type AppointmentStatus = "booked" | "cancelled" | "rescheduled" | "done" | "missed";

/**
 * A visit a patient booked on a referral. Like its slot it is kept as local date + local time + IANA
 * zone with the instants derived from them (`rederive-instants` re-derives them after a zone-rules
 * update). The database forbids what must never happen, whatever the code does:
 * - `appointments_slot_booked_key`: one booked appointment per slot;
 * - `appointments_referral_booked_key`: one booked appointment per referral;
 * - `appointments_patient_no_overlap` / `appointments_doctor_no_overlap` (exclusion constraints in
 *   the SQL migration): a patient is never in two places, a doctor never sees two patients at once.
 */
export const appointments = pgTable(
  "appointments",
  {
    /** `apt_…`. */
    id: text("id").primaryKey(),
    ticketNumber: text("ticket_number")
      .notNull()
      .default(sql`('Т-' || lpad(nextval('appointment_tickets')::text, 7, '0'))`),
    /** The account that booked (the patient, or the parent of a child patient). */
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    childId: text("child_id").references(() => children.id, { onDelete: "set null" }),
    /** Who attends: the child's id for a child's visit, else the account's; the overlap key. */
    patientKey: text("patient_key").notNull(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id),
    slotId: text("slot_id")
      .notNull()
      .references(() => slots.id),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    localDate: text("local_date").notNull(),
    localTime: text("local_time").notNull(),
    timeZone: text("time_zone").notNull(),
    minutes: integer("minutes").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    status: text("status", { enum: ["booked", "cancelled", "rescheduled", "done", "missed"] })
      .notNull()
      .default("booked"),
    /** `+79XXXXXXXXX`. */
    contactPhone: text("contact_phone").notNull(),
    /** In person, or by video (the ticket then carries the link built from the clinic's video service). */
    visitMode: text("visit_mode", { enum: ["in_person", "video"] })
      .notNull()
      .default("in_person"),
    /** Who cancelled (`cancelled` only): the patient (or parent), or the clinic. */
    cancelledBy: text("cancelled_by", { enum: ["patient", "clinic"] }),
    cancelReason: text("cancel_reason"),
    /**
     * The appointment that replaced this one (`rescheduled` only). Its foreign key is written in SQL
     * (migration 0010) as `DEFERRABLE INITIALLY DEFERRED`: a reschedule closes the old visit before the
     * new one exists (one booked visit per referral), inside one transaction.
     */
    rescheduledToId: text("rescheduled_to_id"),
    /** When the status last changed away from `booked`. */
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("appointments_ticket_number_key").on(t.ticketNumber),
    uniqueIndex("appointments_slot_booked_key")
      .on(t.slotId)
      .where(sql`${t.status} = 'booked'`),
    uniqueIndex("appointments_referral_booked_key")
      .on(t.referralId)
      .where(sql`${t.status} = 'booked'`),
    index("appointments_user_start").on(t.userId, t.startsAt),
    check("appointments_id_prefix", sql`${t.id} ~ '^apt_[a-z0-9]{8,40}$'`),
    check(
      "appointments_status",
      sql`${t.status} in ('booked', 'cancelled', 'rescheduled', 'done', 'missed')`,
    ),
    check("appointments_patient_key", sql`${t.patientKey} = coalesce(${t.childId}, ${t.userId})`),
    check("appointments_minutes", sql`${t.minutes} > 0 and ${t.minutes} % 15 = 0`),
    check("appointments_local_date", sql`${t.localDate} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check("appointments_local_time", sql`${t.localTime} ~ '^([01][0-9]|2[0-3]):(00|15|30|45)$'`),
    check("appointments_time_zone_format", sql`${t.timeZone} ~ '^[A-Za-z_]+/[A-Za-z_]+$'`),
    check("appointments_range", sql`${t.endsAt} = ${t.startsAt} + make_interval(mins => ${t.minutes})`),
    check("appointments_contact_phone", sql`${t.contactPhone} ~ '^\\+79[0-9]{9}$'`),
    check("appointments_visit_mode", sql`${t.visitMode} in ('in_person', 'video')`),
    check(
      "appointments_cancelled",
      sql`(${t.status} = 'cancelled') = (${t.cancelledBy} is not null)
        and (${t.cancelledBy} is null or ${t.cancelledBy} in ('patient', 'clinic'))
        and (${t.cancelReason} is null or ${t.status} = 'cancelled')`,
    ),
    check(
      "appointments_rescheduled",
      sql`(${t.status} = 'rescheduled') = (${t.rescheduledToId} is not null)`,
    ),
    check("appointments_closed_at", sql`(${t.status} = 'booked') = (${t.closedAt} is null)`),
  ],
);

/**
 * The first answer to a request sent with an `Idempotency-Key`, per account: a repeat of the key
 * with the same request gets this answer again; with another request, a refusal. The row is written
 * in the transaction of the work it answers, so a key never stands for work that did not happen.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** What the key was used for, e.g. `POST /api/v1/appointments`. */
    scope: text("scope").notNull(),
    /** SHA-256 of the canonical request body. */
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    /** The body exactly as first sent (text, not jsonb, so a replay is byte-for-byte the same). */
    responseBody: text("response_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.scope, t.key] }),
    index("idempotency_keys_created").on(t.createdAt),
    check("idempotency_keys_key", sql`${t.key} ~ '^[A-Za-z0-9_-]{8,100}$'`),
  ],
);
