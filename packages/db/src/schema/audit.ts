import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The journal: who did what, when, with what result. No foreign keys, so it outlives the accounts
 * it names, and never personal data in `details` (ids and codes only).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    subjectUserId: text("subject_user_id"),
    action: text("action").notNull(),
    result: text("result", { enum: ["success", "failure"] }).notNull(),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    requestId: text("request_id"),
    ip: text("ip"),
    objectType: text("object_type"),
    objectId: text("object_id"),
    // Both set by the database's BEFORE INSERT trigger (migration 0012): the chain cannot be forgotten.
    prevHash: text("prev_hash"),
    hash: text("hash")
      .notNull()
      .$defaultFn(() => ""),
  },
  (t) => [
    index("audit_events_subject").on(t.subjectUserId, t.at),
    check("audit_events_result", sql`${t.result} in ('success', 'failure')`),
    check("audit_events_action", sql`${t.action} ~ '^[a-z_.]{3,64}$'`),
    check("audit_events_hash_format", sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
  ],
);
