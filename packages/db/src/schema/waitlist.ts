import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { referrals } from "./referrals.ts";
import { slots } from "./slots.ts";

export type WaitlistStatus = "waiting" | "offered" | "booked" | "left" | "expired";

/**
 * «Ожидание места»: a patient waits for a slot of the referral's specialty between two local dates,
 * optionally in chosen clinics or with chosen doctors (empty = any the referral allows). When a
 * matching slot frees, the first entry in line (oldest `created_at`) is `offered`: the slot is held
 * for its account for 15 minutes. Accepting books it; declining or letting it lapse passes it on
 * (the slot joins `passed_slot_ids` so it is not offered to this entry again).
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    /** `wl_…`. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    /** Who attends: the child's id for a child's referral, else the account's. */
    patientKey: text("patient_key").notNull(),
    specialtyCode: text("specialty_code").notNull(),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date").notNull(),
    clinicIds: text("clinic_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    doctorIds: text("doctor_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status", { enum: ["waiting", "offered", "booked", "left", "expired"] })
      .notNull()
      .default("waiting"),
    offeredSlotId: text("offered_slot_id").references(() => slots.id),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true, mode: "date" }),
    offersMade: integer("offers_made").notNull().default(0),
    passedSlotIds: text("passed_slot_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The appointment it ended in (`booked`). */
    appointmentId: text("appointment_id"),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    // One live entry per referral; a slot is offered to one entry at a time.
    uniqueIndex("waitlist_entries_referral_live_key")
      .on(t.referralId)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    uniqueIndex("waitlist_entries_offered_slot_key")
      .on(t.offeredSlotId)
      .where(sql`${t.status} = 'offered'`),
    index("waitlist_entries_line").on(t.specialtyCode, t.status, t.createdAt),
    check("waitlist_entries_id_prefix", sql`${t.id} ~ '^wl_[a-z0-9]{8,40}$'`),
    check("waitlist_entries_status", sql`${t.status} in ('waiting', 'offered', 'booked', 'left', 'expired')`),
    check(
      "waitlist_entries_offer",
      sql`(${t.status} = 'offered') = (${t.offeredSlotId} is not null and ${t.offerExpiresAt} is not null)`,
    ),
    check("waitlist_entries_booked", sql`(${t.status} = 'booked') = (${t.appointmentId} is not null)`),
    check("waitlist_entries_ended", sql`(${t.status} in ('waiting', 'offered')) = (${t.endedAt} is null)`),
    check(
      "waitlist_entries_dates",
      sql`${t.fromDate} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and ${t.toDate} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and ${t.fromDate} <= ${t.toDate}`,
    ),
  ],
);
