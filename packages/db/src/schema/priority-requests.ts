import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { appointments } from "./appointments.ts";
import { user } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { referrals } from "./referrals.ts";

export type PriorityRequestStatus = "pending" | "approved" | "declined" | "withdrawn";

/**
 * A patient's request for an earlier visit when nothing suits («приоритетная запись»). An
 * administrator approves it by booking a chosen slot for the patient (every booking rule still
 * applies) or declines it with a reason. One pending request per referral.
 */
export const priorityRequests = pgTable(
  "priority_requests",
  {
    /** `prq_…`. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    /** The patient's words: why it is urgent (never personal documents). */
    reason: text("reason").notNull(),
    urgency: text("urgency", { enum: ["normal", "urgent"] }).notNull(),
    status: text("status", { enum: ["pending", "approved", "declined", "withdrawn"] })
      .notNull()
      .default("pending"),
    decidedByUserId: text("decided_by_user_id"),
    decisionReason: text("decision_reason"),
    appointmentId: text("appointment_id").references(() => appointments.id),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("priority_requests_referral_pending_key")
      .on(t.referralId)
      .where(sql`${t.status} = 'pending'`),
    index("priority_requests_queue").on(t.status, t.urgency, t.createdAt),
    check("priority_requests_id_prefix", sql`${t.id} ~ '^prq_[a-z0-9]{8,40}$'`),
    check("priority_requests_urgency", sql`${t.urgency} in ('normal', 'urgent')`),
    check("priority_requests_status", sql`${t.status} in ('pending', 'approved', 'declined', 'withdrawn')`),
    check("priority_requests_reason", sql`char_length(${t.reason}) between 10 and 1000`),
    check("priority_requests_approved", sql`(${t.status} = 'approved') = (${t.appointmentId} is not null)`),
    check(
      "priority_requests_declined",
      sql`${t.status} <> 'declined' or char_length(coalesce(${t.decisionReason}, '')) >= 5`,
    ),
    check(
      "priority_requests_decided",
      sql`(${t.status} = 'pending') = (${t.decidedAt} is null)
        and (${t.status} in ('approved', 'declined')) = (${t.decidedByUserId} is not null)`,
    ),
  ],
);
