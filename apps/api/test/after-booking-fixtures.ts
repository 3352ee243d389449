import { appointments, notifications, referrals, slots, waitlistEntries } from "@priyom/db";
import { addDays, isoWeekday, localDateTimeInZone } from "@priyom/domain";
import { and, asc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { SessionUser } from "../src/context.ts";
import { publishSlotChanges, SLOT_CHANGE_COLUMNS, slotChange } from "../src/services/schedule/slot-events.ts";
import { offerFreedSlots } from "../src/services/waitlist/offer.ts";
import type { TestContext } from "./test-services.ts";

/** An administrator's session (the routes look at the role only; the journal keeps the id). */
export const asAdmin = (id = "usr_admin_test"): SessionUser => ({
  id,
  role: "admin",
  sessionId: `ses_${id}`,
});

/** The Moscow weekday at least `daysAhead` days from today (the test doctors work Monday to Friday). */
export function weekdayAhead(daysAhead: number): string {
  let date = addDays(localDateTimeInZone(new Date(), "Europe/Moscow").localDate, daysAhead);
  while (isoWeekday(date) > 5) date = addDays(date, 1);
  return date;
}

/** `count` different Moscow weekdays from `daysAhead` days on, in order (one per test keeps tests apart). */
export function weekdaysAhead(daysAhead: number, count: number): string[] {
  const dates: string[] = [];
  let date = weekdayAhead(daysAhead);
  while (dates.length < count) {
    dates.push(date);
    date = addDays(date, 1);
    while (isoWeekday(date) > 5) date = addDays(date, 1);
  }
  return dates;
}

/** Every slot of a doctor on a local date, in time order. */
export function slotsOn(ctx: TestContext, doctorId: string, date: string) {
  return ctx.services.db
    .select()
    .from(slots)
    .where(and(eq(slots.doctorId, doctorId), eq(slots.localDate, date)))
    .orderBy(asc(slots.startsAt));
}

/**
 * Closes every free slot of the doctor on the date except `keep` (as a clinic's schedule change
 * would, straight in the table), and reloads the slot index so searches agree.
 */
export async function closeDayExcept(ctx: TestContext, doctorId: string, date: string, keep: string[] = []) {
  await ctx.services.db
    .update(slots)
    .set({ status: "blocked" })
    .where(
      and(
        eq(slots.doctorId, doctorId),
        eq(slots.localDate, date),
        eq(slots.status, "free"),
        keep.length > 0 ? notInArray(slots.id, keep) : undefined,
      ),
    );
  await ctx.services.slotIndex.reload();
}

/**
 * Cancels an appointment the way a cancellation does, straight in the tables: the visit cancelled,
 * the referral active again, the slot free and announced — then, in the same transaction, the freed
 * slot is offered to the waitlist. Returns the slots offered.
 */
export async function cancelAndOffer(ctx: TestContext, appointmentId: string): Promise<string[]> {
  return ctx.services.db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(appointments)
      .set({ status: "cancelled", cancelledBy: "patient", cancelReason: "тест", closedAt: new Date() })
      .where(eq(appointments.id, appointmentId))
      .returning();
    if (!cancelled) throw new Error(`no appointment ${appointmentId}`);
    await tx.update(referrals).set({ status: "active" }).where(eq(referrals.id, cancelled.referralId));
    const freed = await tx
      .update(slots)
      .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
      .where(eq(slots.id, cancelled.slotId))
      .returning(SLOT_CHANGE_COLUMNS);
    await publishSlotChanges(
      tx,
      freed.map((row) => slotChange(row, "free")),
    );
    return offerFreedSlots(tx, [cancelled.slotId], ctx.services.clock());
  });
}

/** Frees a closed slot straight in the table and offers it to the waitlist in the same transaction. */
export async function reopenAndOffer(ctx: TestContext, slotId: string): Promise<string[]> {
  return ctx.services.db.transaction(async (tx) => {
    await tx
      .update(slots)
      .set({ status: "free", updatedAt: sql`now()` })
      .where(eq(slots.id, slotId));
    return offerFreedSlots(tx, [slotId], ctx.services.clock());
  });
}

export async function entryRow(ctx: TestContext, id: string) {
  const [row] = await ctx.services.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id));
  if (!row) throw new Error(`no waitlist entry ${id}`);
  return row;
}

export async function slotRow(ctx: TestContext, id: string) {
  const [row] = await ctx.services.db.select().from(slots).where(eq(slots.id, id));
  if (!row) throw new Error(`no slot ${id}`);
  return row;
}

/** The cabinet notifications of an account of some kinds, oldest first. */
export function notificationsOf(ctx: TestContext, userId: string, kinds: string[]) {
  return ctx.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.kind, kinds)))
    .orderBy(asc(notifications.createdAt));
}

/** Slots of the doctor on the date that are not the given one (for assertions that nothing else moved). */
export function otherSlotsOn(ctx: TestContext, doctorId: string, date: string, slotId: string) {
  return ctx.services.db
    .select()
    .from(slots)
    .where(and(eq(slots.doctorId, doctorId), eq(slots.localDate, date), ne(slots.id, slotId)));
}

/** JSON of a response, typed loosely for assertions. */
export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
