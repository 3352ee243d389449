import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { doctors } from "./doctors.ts";

export type SlotStatus = "free" | "held" | "booked" | "blocked";

/**
 * A materialised slot of a doctor. The visit is kept as local date + local time + IANA zone; the UTC
 * instants are derived from them. `slots_no_overlap` (an exclusion constraint written in SQL, see the
 * migrations) keeps one doctor's slots from overlapping.
 */
export const slots = pgTable(
  "slots",
  {
    /** `slt_…`. */
    id: text("id").primaryKey(),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    localTime: text("local_time").notNull(),
    timeZone: text("time_zone").notNull(),
    minutes: integer("minutes").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    status: text("status", { enum: ["free", "held", "booked", "blocked"] })
      .notNull()
      .default("free"),
    heldByUserId: text("held_by_user_id").references(() => user.id),
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("slots_doctor_local_key").on(t.doctorId, t.localDate, t.localTime),
    index("slots_status_start").on(t.status, t.startsAt),
    // One hold per patient at a time: taking another releases the first in the same transaction.
    uniqueIndex("slots_one_hold_per_user")
      .on(t.heldByUserId)
      .where(sql`${t.status} = 'held'`),
    check("slots_status", sql`${t.status} in ('free', 'held', 'booked', 'blocked')`),
    check(
      "slots_hold",
      sql`(${t.status} = 'held') = (${t.heldByUserId} is not null and ${t.holdExpiresAt} is not null)
        and (${t.status} = 'held' or (${t.heldByUserId} is null and ${t.holdExpiresAt} is null))`,
    ),
    check("slots_minutes", sql`${t.minutes} > 0 and ${t.minutes} % 15 = 0`),
    check("slots_local_date", sql`${t.localDate} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check("slots_local_time", sql`${t.localTime} ~ '^([01][0-9]|2[0-3]):(00|15|30|45)$'`),
    check("slots_time_zone_format", sql`${t.timeZone} ~ '^[A-Za-z_]+/[A-Za-z_]+$'`),
    check("slots_range", sql`${t.endsAt} = ${t.startsAt} + make_interval(mins => ${t.minutes})`),
  ],
);
