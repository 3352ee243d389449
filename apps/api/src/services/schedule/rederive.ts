import { appointments, slots, type Database } from "@priyom/db";
import { zonedLocalToUtc } from "@priyom/domain";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { publishSlotChanges, slotChange } from "./slot-events.ts";

/** Turns a local date and time in a zone into the UTC instant, by the time-zone rules in force. */
export type LocalToUtc = (localDate: string, localTime: string, timeZone: string) => Date;

export interface RederiveResult {
  slotsChecked: number;
  slotsMoved: number;
  appointmentsChecked: number;
  appointmentsMoved: number;
}

const CHUNK = 500;

/**
 * Re-derives the UTC instants of every future slot and booked appointment from their local date,
 * local time and IANA zone — after a time-zone rules update (Russia changed zones by law in 2011,
 * 2014, 2016, 2018 and 2020): a visit keeps its local time, its instant follows the new rules. Runs in
 * one transaction with the overlap constraints deferred to the commit (every visit of a doctor moves
 * together); free slots that moved are announced so running API processes update their index.
 * `toUtc` is the rule set (the runtime's tz database by default; a test passes a changed one).
 */
export async function rederiveInstants(
  db: Database,
  now = new Date(),
  toUtc: LocalToUtc = zonedLocalToUtc,
): Promise<RederiveResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set constraints all deferred`);
    const result: RederiveResult = {
      slotsChecked: 0,
      slotsMoved: 0,
      appointmentsChecked: 0,
      appointmentsMoved: 0,
    };
    const slotRows = await tx
      .select()
      .from(slots)
      .where(and(gt(slots.endsAt, now), ne(slots.status, "blocked")));
    result.slotsChecked = slotRows.length;
    const movedFree = [];
    for (const row of slotRows) {
      const startsAt = toUtc(row.localDate, row.localTime, row.timeZone);
      if (startsAt.getTime() === row.startsAt.getTime()) continue;
      const endsAt = new Date(startsAt.getTime() + row.minutes * 60_000);
      await tx
        .update(slots)
        .set({ startsAt, endsAt, updatedAt: sql`now()` })
        .where(eq(slots.id, row.id));
      result.slotsMoved += 1;
      if (row.status === "free") movedFree.push(slotChange({ ...row, startsAt }, "free"));
    }
    const booked = await tx
      .select()
      .from(appointments)
      .where(and(gt(appointments.endsAt, now), eq(appointments.status, "booked")));
    result.appointmentsChecked = booked.length;
    const moved: string[] = [];
    for (const row of booked) {
      const startsAt = toUtc(row.localDate, row.localTime, row.timeZone);
      if (startsAt.getTime() === row.startsAt.getTime()) continue;
      const endsAt = new Date(startsAt.getTime() + row.minutes * 60_000);
      await tx
        .update(appointments)
        .set({ startsAt, endsAt, updatedAt: sql`now()` })
        .where(eq(appointments.id, row.id));
      moved.push(row.id);
    }
    result.appointmentsMoved = moved.length;
    for (let i = 0; i < movedFree.length; i += CHUNK)
      await publishSlotChanges(tx, movedFree.slice(i, i + CHUNK));
    // Checked here, before the commit: a rules change can never be allowed to create an overlap.
    await tx.execute(sql`set constraints all immediate`);
    return result;
  });
}
