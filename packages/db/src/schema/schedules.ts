import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { doctors } from "./doctors.ts";

/** A break within working hours, `[from, to)` as `HH:MM` in the clinic's zone. */
export type ScheduleBreak = { from: string; to: string };

/** `HH:MM` on the 15-minute grid (00:00 … 23:45), or 24:00 as an end of day. */
const GRID_TIME = "^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$";

/** A weekly working interval of a doctor, in the clinic's zone (ISO weekday, Monday = 1). */
export const scheduleRules = pgTable(
  "schedule_rules",
  {
    /** `srl_…`. */
    id: text("id").primaryKey(),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    fromTime: text("from_time").notNull(),
    toTime: text("to_time").notNull(),
    breaks: jsonb("breaks").$type<ScheduleBreak[]>().notNull().default([]),
    visitMinutes: integer("visit_minutes").notNull(),
    ...timestamps,
  },
  (t) => [
    index("schedule_rules_doctor").on(t.doctorId, t.weekday),
    check("schedule_rules_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "schedule_rules_times",
      sql`${t.fromTime} ~ ${sql.raw(`'${GRID_TIME}'`)} and ${t.toTime} ~ ${sql.raw(`'${GRID_TIME}'`)} and ${t.fromTime} < ${t.toTime}`,
    ),
    check("schedule_rules_breaks", sql`jsonb_typeof(${t.breaks}) = 'array'`),
    check("schedule_rules_visit_minutes", sql`${t.visitMinutes} > 0 and ${t.visitMinutes} % 15 = 0`),
  ],
);

/** A dated exception to a doctor's weekly rules: no work that day, or other hours instead. */
export const scheduleExceptions = pgTable(
  "schedule_exceptions",
  {
    /** `sex_…`. */
    id: text("id").primaryKey(),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    /** Local date `YYYY-MM-DD` in the clinic's zone. */
    date: text("date").notNull(),
    kind: text("kind", { enum: ["day_off", "sick_leave", "other_hours"] }).notNull(),
    fromTime: text("from_time"),
    toTime: text("to_time"),
    breaks: jsonb("breaks").$type<ScheduleBreak[]>(),
    /** Visit length on other hours; null = that weekday's rule. */
    visitMinutes: integer("visit_minutes"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("schedule_exceptions_doctor_date_key").on(t.doctorId, t.date),
    check("schedule_exceptions_date", sql`${t.date} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check("schedule_exceptions_kind", sql`${t.kind} in ('day_off', 'sick_leave', 'other_hours')`),
    check(
      "schedule_exceptions_hours",
      sql`(${t.kind} = 'other_hours' and ${t.fromTime} ~ ${sql.raw(`'${GRID_TIME}'`)} and ${t.toTime} ~ ${sql.raw(`'${GRID_TIME}'`)} and ${t.fromTime} < ${t.toTime} and jsonb_typeof(${t.breaks}) = 'array')
        or (${t.kind} <> 'other_hours' and ${t.fromTime} is null and ${t.toTime} is null and ${t.breaks} is null)`,
    ),
    check(
      "schedule_exceptions_visit_minutes",
      sql`${t.visitMinutes} is null or (${t.kind} = 'other_hours' and ${t.visitMinutes} > 0 and ${t.visitMinutes} % 15 = 0)`,
    ),
  ],
);
