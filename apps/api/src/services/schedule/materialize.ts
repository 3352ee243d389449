import { randomBytes } from "node:crypto";
import {
  clinics,
  doctors,
  scheduleExceptions,
  scheduleRules,
  slots,
  type Database,
  type SlotStatus,
} from "@priyom/db";
import {
  addDays,
  generateSlots,
  localDateTimeInZone,
  type ScheduleException,
  type Slot,
  type WeeklyRule,
} from "@priyom/domain";
import { and, asc, between, count, eq, inArray, sql } from "drizzle-orm";
import { publishSlotChanges, SLOT_CHANGE_COLUMNS, slotChange, type SlotChange } from "./slot-events.ts";

/** Slots are materialised this far ahead by default. */
export const HORIZON_WEEKS = 8;
const INSERT_CHUNK = 500;

/** A booked slot the schedule no longer produces: left as it is, for the caller to refuse or resolve. */
export type SlotConflict = { id: string; localDate: string; localTime: string; status: SlotStatus };

export type MaterializeResult = {
  from: string;
  to: string;
  inserted: number;
  /** Blocked slots the schedule produces again, free once more. */
  reopened: number;
  /** Free slots the schedule no longer produces, now blocked. */
  blocked: number;
  conflicts: SlotConflict[];
  /** Slots that became free or were closed, already announced (NOTIFY) in the caller's transaction. */
  changes: SlotChange[];
  /** Free and blocked slots of the doctor over `from`–`to` afterwards. */
  slotsFree: number;
  slotsBlocked: number;
};

/** The default horizon in a zone: today and the following 8 weeks less a day. */
export function defaultHorizon(
  timeZone: string,
  now = new Date(),
  weeks = HORIZON_WEEKS,
): { from: string; to: string } {
  const from = localDateTimeInZone(now, timeZone).localDate;
  return { from, to: addDays(from, weeks * 7 - 1) };
}

/** A doctor's weekly rules and exceptions over `from`–`to`, in the domain's shape. */
export async function loadSchedule(
  db: Database,
  doctorId: string,
  range: { from: string; to: string },
): Promise<{ rules: WeeklyRule[]; exceptions: ScheduleException[] }> {
  const ruleRows = await db
    .select()
    .from(scheduleRules)
    .where(eq(scheduleRules.doctorId, doctorId))
    .orderBy(asc(scheduleRules.weekday), asc(scheduleRules.fromTime));
  const exceptionRows = await db
    .select()
    .from(scheduleExceptions)
    .where(
      and(eq(scheduleExceptions.doctorId, doctorId), between(scheduleExceptions.date, range.from, range.to)),
    );
  return {
    rules: ruleRows.map((r) => ({
      weekday: r.weekday,
      from: r.fromTime,
      to: r.toTime,
      breaks: r.breaks,
      visitMinutes: r.visitMinutes,
    })),
    exceptions: exceptionRows.map((e) => ({
      date: e.date,
      kind: e.kind,
      ...(e.fromTime !== null ? { from: e.fromTime } : {}),
      ...(e.toTime !== null ? { to: e.toTime } : {}),
      ...(e.breaks !== null ? { breaks: e.breaks } : {}),
      ...(e.visitMinutes !== null ? { visitMinutes: e.visitMinutes } : {}),
    })),
  };
}

const keyOf = (s: { localDate: string; localTime: string }) => `${s.localDate} ${s.localTime}`;

/**
 * Brings a doctor's slots over local dates `from`–`to` (the clinic's zone; default: the next 8 weeks)
 * in line with the doctor's rules and exceptions: missing slots are inserted, blocked ones the rules
 * produce again are reopened, and free (or merely held) slots the rules no longer produce are blocked.
 * Booked slots are never touched: those the rules dropped are returned as conflicts, and no new slot
 * is opened over them. Every change is announced (NOTIFY) in the same transaction. Run it inside a transaction (the route and `materializeAll` do).
 */
export async function materializeSlots(
  db: Database,
  doctorId: string,
  range: { from?: string; to?: string } = {},
  now = new Date(),
): Promise<MaterializeResult> {
  const [doctor] = await db
    .select({ timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(doctors.id, doctorId));
  if (!doctor) throw new Error(`No doctor ${doctorId}`);
  const { timeZone } = doctor;
  const horizon = defaultHorizon(timeZone, now);
  const from = range.from ?? horizon.from;
  const to = range.to ?? (range.from !== undefined ? addDays(range.from, HORIZON_WEEKS * 7 - 1) : horizon.to);

  const schedule = await loadSchedule(db, doctorId, { from, to });
  const generated = generateSlots({ ...schedule, timeZone, from, to });
  if (!generated.ok) {
    throw new Error(
      `Stored schedule of ${doctorId} is invalid: ${generated.error.code} at ${generated.error.field ?? "?"}`,
    );
  }
  const desired = new Map<string, Slot>(generated.value.map((s) => [keyOf(s), s]));

  const existing = await db
    .select({
      id: slots.id,
      localDate: slots.localDate,
      localTime: slots.localTime,
      timeZone: slots.timeZone,
      minutes: slots.minutes,
      startsAt: slots.startsAt,
      status: slots.status,
    })
    .from(slots)
    .where(and(eq(slots.doctorId, doctorId), between(slots.localDate, from, to)));

  type Existing = (typeof existing)[number];
  const matches = (e: Existing, d: Slot | undefined): d is Slot =>
    d !== undefined &&
    d.minutes === e.minutes &&
    d.startUtc === e.startsAt.getTime() &&
    e.timeZone === timeZone;

  const changes: SlotChange[] = [];
  const toBlock: string[] = [];
  const conflicts: SlotConflict[] = [];
  /** Held and booked time the rules dropped: nothing new may open over it. */
  const busy: [number, number][] = [];
  for (const e of existing) {
    if (matches(e, desired.get(keyOf(e)))) continue;
    // A hold on time the doctor no longer works ends here: its booking would fail with alternatives.
    if (e.status === "free" || e.status === "held") {
      toBlock.push(e.id);
      if (e.status === "free") changes.push(slotChange({ ...e, doctorId }, "taken"));
    } else if (e.status === "booked") {
      conflicts.push({ id: e.id, localDate: e.localDate, localTime: e.localTime, status: e.status });
      const start = e.startsAt.getTime();
      busy.push([start, start + e.minutes * 60_000]);
    }
  }
  const overlapsBusy = (s: Slot) => busy.some(([b0, b1]) => s.startUtc < b1 && b0 < s.endUtc);

  // Block first: the exclusion constraint leaves blocked slots out, so new ones may then take their time.
  if (toBlock.length > 0) {
    await db
      .update(slots)
      .set({ status: "blocked", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
      .where(and(inArray(slots.id, toBlock), inArray(slots.status, ["free", "held"])));
  }

  const byKey = new Map(existing.map((e) => [keyOf(e), e]));
  const reopen: string[] = [];
  let reused = 0;
  const inserts: (typeof slots.$inferInsert)[] = [];
  for (const d of desired.values()) {
    const e = byKey.get(keyOf(d));
    if (e && matches(e, d)) {
      if (e.status === "blocked") {
        reopen.push(e.id);
        changes.push(slotChange({ ...e, doctorId }, "free"));
      }
      continue;
    }
    if (overlapsBusy(d)) continue;
    const values = {
      timeZone,
      minutes: d.minutes,
      startsAt: new Date(d.startUtc),
      endsAt: new Date(d.endUtc),
      status: "free" as const,
    };
    if (e) {
      // Same local start, other length or instant: the row (now blocked, or held/booked) is reused.
      if (e.status === "free" || e.status === "blocked") {
        await db
          .update(slots)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(slots.id, e.id));
        reused += 1;
        changes.push(
          slotChange(
            { id: e.id, doctorId, localDate: e.localDate, localTime: e.localTime, ...values },
            "free",
          ),
        );
      }
      continue;
    }
    inserts.push({
      id: `slt_${randomBytes(10).toString("hex")}`,
      doctorId,
      localDate: d.localDate,
      localTime: d.localTime,
      ...values,
    });
  }
  if (reopen.length > 0) {
    await db
      .update(slots)
      .set({ status: "free", updatedAt: sql`now()` })
      .where(and(inArray(slots.id, reopen), eq(slots.status, "blocked")));
  }
  let inserted = 0;
  for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
    const rows = await db
      .insert(slots)
      .values(inserts.slice(i, i + INSERT_CHUNK))
      .onConflictDoNothing({ target: [slots.doctorId, slots.localDate, slots.localTime] })
      .returning(SLOT_CHANGE_COLUMNS);
    inserted += rows.length;
    for (const row of rows) changes.push(slotChange(row, "free"));
  }
  await publishSlotChanges(db, changes);

  const counts = await db
    .select({ status: slots.status, n: count() })
    .from(slots)
    .where(and(eq(slots.doctorId, doctorId), between(slots.localDate, from, to)))
    .groupBy(slots.status);
  const countOf = (status: SlotStatus) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    from,
    to,
    inserted,
    reopened: reopen.length + reused,
    blocked: toBlock.length,
    conflicts,
    changes,
    slotsFree: countOf("free"),
    slotsBlocked: countOf("blocked"),
  };
}

/** Extends every doctor's slots over the next 8 weeks (a daily job), one transaction per doctor. */
export async function materializeAll(
  db: Database,
  now = new Date(),
  onChanges: (changes: SlotChange[]) => void = () => undefined,
  weeks = HORIZON_WEEKS,
): Promise<{ doctors: number; inserted: number; blocked: number; conflicts: number }> {
  const rows = await db.select({ id: doctors.id }).from(doctors).orderBy(asc(doctors.id));
  const total = { doctors: 0, inserted: 0, blocked: 0, conflicts: 0 };
  for (const { id } of rows) {
    const result = await db.transaction(async (tx) => {
      const [doctor] = await tx
        .select({ timeZone: clinics.timeZone })
        .from(doctors)
        .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
        .where(eq(doctors.id, id));
      return materializeSlots(tx, id, defaultHorizon(doctor?.timeZone ?? "Europe/Moscow", now, weeks), now);
    });
    total.doctors += 1;
    total.inserted += result.inserted;
    total.blocked += result.blocked;
    total.conflicts += result.conflicts.length;
    onChanges(result.changes);
  }
  return total;
}
