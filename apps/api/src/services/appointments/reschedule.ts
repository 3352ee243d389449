import { appointments, referralEvents, type Database } from "@priyom/db";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import { apiErrorMessage, type Locale } from "../../errors.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { appointmentRescheduled } from "../../messages/templates.ts";
import {
  appointmentViewOf,
  failuresOf,
  insertAppointment,
  loadContext,
  newAppointmentId,
  raceCodeOf,
  raceFailure,
  refusal,
  takeSlot,
  visitFactsOf,
  withDeadlockRetry,
  type BookingAnswer,
  type BookingContext,
} from "../booking/book.ts";
import { answerOnce } from "../booking/idempotency.ts";
import { publishSlotChanges, slotChange, type SlotChange } from "../schedule/slot-events.ts";
import {
  ensureBooked,
  ensureChangeWindow,
  factsOf,
  freeBookedSlots,
  lockAppointment,
  viewOf,
  type AppointmentRow,
  type LifecycleDeps,
} from "./visit.ts";

/**
 * The writes of a reschedule, in the caller's savepoint: the new slot taken, the old visit closed
 * (`rescheduled`, pointing at the new one — the foreign key is checked at commit, so the old one is
 * closed before the new one exists, as one booked visit per referral requires), the old slot freed
 * and offered to the waitlist first, the new appointment (a new ticket number), the referral event
 * `rescheduled` (the referral stays `booked`), the journal entry, the notification and the NOTIFY.
 */
async function writeReschedule(
  tx: Database,
  ctx: BookingContext,
  old: AppointmentRow,
  input: { userId: string; now: Date; requestId: string; cutoff: number },
): Promise<{ appointment: AppointmentRow; changes: SlotChange[] }> {
  const { userId, now } = input;
  const oldView = await viewOf(tx, old.id, input.cutoff);
  const taken = await takeSlot(tx, ctx.slot.id, userId, now);
  const id = newAppointmentId();
  const [closed] = await tx
    .update(appointments)
    .set({ status: "rescheduled", rescheduledToId: id, closedAt: now, updatedAt: sql`now()` })
    .where(and(eq(appointments.id, old.id), eq(appointments.status, "booked")))
    .returning({ id: appointments.id });
  if (!closed) throw new Error("unreachable: the old appointment is locked and booked");
  const freed = await freeBookedSlots(tx, [old.slotId], now);
  const visitMode =
    old.visitMode === "video" && ctx.doctor.visitModes.includes("video") ? "video" : "in_person";
  const created = await insertAppointment(tx, ctx, taken, {
    id,
    userId: old.userId,
    contactPhone: old.contactPhone,
    visitMode,
  });
  await tx.insert(referralEvents).values({
    referralId: ctx.referral.id,
    kind: "rescheduled",
    actor: `patient:${userId}`,
    reason: null,
    details: { fromAppointmentId: old.id, appointmentId: id, slotId: taken.id },
  });
  await recordAudit(tx, {
    action: "appointment.reschedule",
    result: "success",
    actorUserId: userId,
    subjectUserId: old.userId,
    object: { type: "appointment", id: old.id },
    details: {
      appointmentId: id,
      previousAppointmentId: old.id,
      referralId: ctx.referral.id,
      slotId: taken.id,
      previousSlotId: old.slotId,
      ticketNumber: created.ticketNumber,
      previousTicketNumber: old.ticketNumber,
    },
    requestId: input.requestId,
  });
  await notifyPatient(tx, old.userId, appointmentRescheduled(factsOf(oldView), visitFactsOf(ctx, created)));
  const took = slotChange(taken, "taken");
  await publishSlotChanges(tx, [took]);
  return { appointment: created, changes: [took, ...freed] };
}

/**
 * The patient moves a visit to another slot (DOMAIN.md: "a reschedule is atomic"). The old visit
 * must be booked, of the account, and inside the change window; the new slot passes every booking
 * rule — the referral counts as bookable although this very visit books it, and the patient's
 * overlap check leaves the old visit out. All writes happen in one transaction with the key, or
 * none: a failure midway leaves the old booking as it was. Answers 201 with the new appointment,
 * 409 with alternatives when the new slot is gone, 422 with every failed rule, 404 for another's
 * visit or an unknown slot.
 */
export async function rescheduleByPatient(
  deps: LifecycleDeps,
  input: {
    userId: string;
    appointmentId: string;
    key: string;
    slotId: string;
    locale: Locale;
    requestId: string;
  },
): Promise<BookingAnswer & { replayed: boolean }> {
  const now = deps.clock();
  const cutoff = deps.config.appointmentChangeCutoffHours;
  const { userId, appointmentId, slotId, locale, requestId } = input;
  await deps.slotIndex.ready();
  let changes: SlotChange[] = [];
  const answer = await answerOnce(
    deps.db,
    {
      userId,
      scope: `POST /api/v1/appointments/${appointmentId}/reschedule`,
      key: input.key,
      request: { slotId },
    },
    async (tx): Promise<BookingAnswer> => {
      const old = await lockAppointment(tx, appointmentId, { userId });
      ensureBooked(old);
      ensureChangeWindow(old, now, cutoff, locale);
      const ctx = await loadContext(tx, deps, userId, old.referralId, slotId);
      if (!ctx) {
        return {
          status: 404,
          body: { error: { code: "not_found", message: apiErrorMessage("not_found", locale), requestId } },
        };
      }
      const failures = failuresOf(ctx, userId, old.contactPhone, now, locale, { appointmentId: old.id });
      if (failures.length > 0) {
        await recordAudit(tx, {
          action: "appointment.reschedule",
          result: "failure",
          actorUserId: userId,
          subjectUserId: old.userId,
          object: { type: "appointment", id: old.id },
          details: {
            appointmentId: old.id,
            referralId: old.referralId,
            slotId,
            codes: failures.map((f) => f.code).join(","),
          },
          requestId,
        });
        return refusal(deps, ctx, failures, now, locale, requestId);
      }
      try {
        // A savepoint: a refused write rolls back to here (the old visit untouched) and the refusal
        // is stored with the key; any other failure rolls the whole transaction back.
        const written = await withDeadlockRetry(() =>
          tx.transaction((sp) => writeReschedule(sp, ctx, old, { userId, now, requestId, cutoff })),
        );
        changes = written.changes;
        return { status: 201, body: appointmentViewOf(ctx, written.appointment, cutoff) };
      } catch (error) {
        const code = raceCodeOf(error);
        if (code === undefined) throw error;
        return refusal(deps, ctx, [raceFailure(code, locale)], now, locale, requestId);
      }
    },
  );
  deps.slotIndex.apply(changes);
  return answer as BookingAnswer & { replayed: boolean };
}
