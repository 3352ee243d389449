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
  },
  (t) => [
    index("audit_events_subject").on(t.subjectUserId, t.at),
    check("audit_events_result", sql`${t.result} in ('success', 'failure')`),
    check("audit_events_action", sql`${t.action} ~ '^[a-z_.]{3,64}$'`),
  ],
);
