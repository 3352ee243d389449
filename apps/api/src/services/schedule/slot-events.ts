import type { TFreeSlot } from "@priyom/contracts";
import { queryRows, slots, type Database } from "@priyom/db";
import { sql } from "drizzle-orm";

/** The NOTIFY channel slot changes travel on (PostgreSQL LISTEN/NOTIFY; in process on PGlite). */
export const SLOT_CHANNEL = "priyom_slots";

/** A slot that became free, or was taken (held, booked, or closed by the clinic). */
export interface SlotChange {
  slotId: string;
  doctorId: string;
  localDate: string;
  localTime: string;
  minutes: number;
  timeZone: string;
  /** UTC instant of the start, ms. */
  startsAt: number;
  state: "free" | "taken";
}

/** A slot row as the services read it. */
export interface SlotRowLike {
  id: string;
  doctorId: string;
  localDate: string;
  localTime: string;
  minutes: number;
  timeZone: string;
  startsAt: Date;
}

/** The slot columns a change is made of, for `select(…)` and `returning(…)`. */
export const SLOT_CHANGE_COLUMNS = {
  id: slots.id,
  doctorId: slots.doctorId,
  localDate: slots.localDate,
  localTime: slots.localTime,
  minutes: slots.minutes,
  timeZone: slots.timeZone,
  startsAt: slots.startsAt,
};

/** A slot of the index (or a change) as the API shows a free start. */
export function toFreeSlot(slot: SlotChange): TFreeSlot {
  return {
    slotId: slot.slotId,
    localDate: slot.localDate,
    localTime: slot.localTime,
    minutes: slot.minutes,
    timeZone: slot.timeZone,
    startsAt: new Date(slot.startsAt).toISOString(),
  };
}

export function slotChange(row: SlotRowLike, state: SlotChange["state"]): SlotChange {
  return {
    slotId: row.id,
    doctorId: row.doctorId,
    localDate: row.localDate,
    localTime: row.localTime,
    minutes: row.minutes,
    timeZone: row.timeZone,
    startsAt: row.startsAt.getTime(),
    state,
  };
}

/** Compact wire form: NOTIFY payloads stay under PostgreSQL's 8,000-byte limit with ~40 changes each. */
type WireChange = [string, string, string, string, number, string, number, 0 | 1];
const CHANGES_PER_NOTIFY = 40;

const toWire = (c: SlotChange): WireChange => [
  c.slotId,
  c.doctorId,
  c.localDate,
  c.localTime,
  c.minutes,
  c.timeZone,
  c.startsAt,
  c.state === "free" ? 1 : 0,
];

/** Reads one NOTIFY payload; malformed payloads (not ours) give an empty list. */
export function parseSlotChanges(payload: string): SlotChange[] {
  try {
    const items = JSON.parse(payload) as unknown;
    if (!Array.isArray(items)) return [];
    return (items as WireChange[]).map(
      ([slotId, doctorId, localDate, localTime, minutes, timeZone, startsAt, free]) => ({
        slotId,
        doctorId,
        localDate,
        localTime,
        minutes,
        timeZone,
        startsAt,
        state: free === 1 ? "free" : "taken",
      }),
    );
  } catch {
    return [];
  }
}

/**
 * Announces slot changes to every API process (and its live calendars). Call it with the transaction
 * handle of the change: PostgreSQL delivers a NOTIFY only when that transaction commits.
 */
export async function publishSlotChanges(tx: Database, changes: readonly SlotChange[]): Promise<void> {
  for (let i = 0; i < changes.length; i += CHANGES_PER_NOTIFY) {
    const payload = JSON.stringify(changes.slice(i, i + CHANGES_PER_NOTIFY).map(toWire));
    await queryRows(tx, sql`select pg_notify(${SLOT_CHANNEL}, ${payload})`);
  }
}
