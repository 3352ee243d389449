import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Messages to send (SMS, e-mail), written in the same transaction as what caused them and sent by
 * the outbox worker. `transport` records where a message went: `smtp`, `sms_gateway`, or
 * `dev_mailbox` when no real transport is configured.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: text("id").primaryKey(),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** The template it came from (`booking_confirmed`, `reminder`, `sign_up_code` …), for administrators. */
    kind: text("kind").notNull().default("other"),
    /**
     * Set for messages that must be queued at most once whatever the jobs do (the day-before
     * reminder of an appointment per channel, the expiry warning of a referral): a unique index.
     */
    dedupeKey: text("dedupe_key"),
    /** Bodies holding a one-time code are blanked once delivered by a real transport. */
    sensitive: integer("sensitive").notNull().default(0),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    transport: text("transport"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull().defaultNow(),
    sentAt: instant("sent_at"),
  },
  (t) => [
    index("outbox_messages_due").on(t.status, t.nextAttemptAt),
    uniqueIndex("outbox_messages_dedupe_key").on(t.dedupeKey),
    check("outbox_messages_kind", sql`${t.kind} ~ '^[a-z_]{3,40}$'`),
    check("outbox_messages_channel", sql`${t.channel} in ('sms', 'email')`),
    check("outbox_messages_status", sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
    check("outbox_messages_sent_at", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check("outbox_messages_attempts", sql`${t.attempts} >= 0`),
  ],
);
