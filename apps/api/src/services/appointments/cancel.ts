import type { TAppointment } from "@priyom/contracts";
import { appointments, type Database } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { Locale } from "../../errors.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { appointmentCancelledByPatient } from "../../messages/templates.ts";
import { answerOnce, type StoredAnswer } from "../booking/idempotency.ts";
import type { SlotChange } from "../schedule/slot-events.ts";
import {
  checkedReason,
  ensureBooked,
  ensureChangeWindow,
  factsOf,
  freeBookedSlots,
  lockAppointment,
  moveReferral,
  viewOf,
  type LifecycleDeps,
} from "./visit.ts";

/**
 * The patient (or the parent) cancels a visit (DOMAIN.md "Изменение или отмена записи"): only a
 * booked one of the account, only until the change cut-off (24 hours before the start). In one
 * transaction with the idempotency key: the appointment is cancelled (by the patient, with the
 * reason), its slot freed and offered to the waitlist first, the referral bookable again (event
 * `cancelled`), the journal entry `appointment.cancel`, the patient's notification and the slot
 * NOTIFY. Answers 200 with the cancelled appointment; a repeat of the key replays it.
 */
export async function cancelByPatient(
  deps: LifecycleDeps,
  input: {
    userId: string;
    appointmentId: string;
    key: string;
    reason: string;
    locale: Locale;
    requestId: string;
  },
): Promise<StoredAnswer & { replayed: boolean }> {
  const now = deps.clock();
  const cutoff = deps.config.appointmentChangeCutoffHours;
  const { userId, appointmentId } = input;
  const reason = checkedReason(input.reason, input.locale);
  let changes: SlotChange[] = [];
  const answer = await answerOnce(
    deps.db,
    {
      userId,
      scope: `POST /api/v1/appointments/${appointmentId}/cancel`,
      key: input.key,
      request: { reason },
    },
    async (tx): Promise<{ status: 200; body: TAppointment }> => {
      const cancelled = await cancelInTransaction(tx, {
        userId,
        appointmentId,
        reason,
        now,
        cutoffHours: cutoff,
        locale: input.locale,
        requestId: input.requestId,
        enforceChangeWindow: true,
        notify: true,
      });
      changes = cancelled.changes;
      return { status: 200, body: cancelled.view };
    },
  );
  deps.slotIndex.apply(changes);
  return answer;
}

/**
 * The cancellation itself, in the caller's transaction: the appointment cancelled by the patient,
 * the slot freed and offered to the waitlist first, the referral bookable again, the journal entry.
 * `enforceChangeWindow: false` is for account erasure only — a patient who deletes the account
 * must not leave a booked slot behind because the visit is less than 24 hours away. `notify: false`
 * skips the patient's notification (erasure removes the account it would go to). Returns the slot
 * changes for the caller to apply to the slot index after the commit.
 */
export async function cancelInTransaction(
  tx: Database,
  input: {
    userId: string;
    appointmentId: string;
    reason: string;
    now: Date;
    cutoffHours: number;
    locale: Locale;
    requestId: string;
    enforceChangeWindow: boolean;
    notify: boolean;
  },
): Promise<{ view: TAppointment; changes: SlotChange[] }> {
  const { userId, reason, now } = input;
  const row = await lockAppointment(tx, input.appointmentId, { userId });
  ensureBooked(row);
  if (input.enforceChangeWindow) ensureChangeWindow(row, now, input.cutoffHours, input.locale);
  await tx
    .update(appointments)
    .set({
      status: "cancelled",
      cancelledBy: "patient",
      cancelReason: reason,
      closedAt: now,
      updatedAt: sql`now()`,
    })
    .where(eq(appointments.id, row.id));
  const changes = await freeBookedSlots(tx, [row.slotId], now);
  await moveReferral(tx, row.referralId, "active", {
    kind: "cancelled",
    actor: `patient:${userId}`,
    reason,
    details: { appointmentId: row.id, slotId: row.slotId, by: "patient" },
  });
  await recordAudit(tx, {
    action: "appointment.cancel",
    result: "success",
    actorUserId: userId,
    subjectUserId: row.userId,
    object: { type: "appointment", id: row.id },
    details: {
      appointmentId: row.id,
      referralId: row.referralId,
      slotId: row.slotId,
      ticketNumber: row.ticketNumber,
    },
    requestId: input.requestId,
  });
  const view = await viewOf(tx, row.id, input.cutoffHours);
  if (input.notify) await notifyPatient(tx, row.userId, appointmentCancelledByPatient(factsOf(view)));
  return { view, changes };
}
