import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

/**
 * The cabinet channel: messages shown in the patient's account (the shell shows the unread count).
 * Written in the transaction of what caused them, like the outbox; nothing else sends them.
 */
export const notifications = pgTable(
  "notifications",
  {
    /** `ntf_…`. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The template: `booking_confirmed`, `appointment_rescheduled`, `appointment_cancelled`, … */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** What it is about, for a link in the cabinet (ids only). */
    appointmentId: text("appointment_id"),
    referralId: text("referral_id"),
    /**
     * Set for notifications that must exist at most once whatever the jobs do (a reminder of one
     * appointment): a unique index.
     */
    dedupeKey: text("dedupe_key"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_created").on(t.userId, t.createdAt),
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    check("notifications_id_prefix", sql`${t.id} ~ '^ntf_[a-z0-9]{8,40}$'`),
    check("notifications_kind", sql`${t.kind} ~ '^[a-z_]{3,40}$'`),
  ],
);
