import type { TAppointment } from "@priyom/contracts";
import { appointments, referralEvents, referrals, slots, type Database } from "@priyom/db";
import { checkChangeWindow } from "@priyom/domain";
import { and, eq, sql } from "drizzle-orm";
import type { AppServices } from "../../context.ts";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import type { VisitFacts } from "../../messages/templates.ts";
import { findAppointments } from "../booking/appointment-view.ts";
import {
  publishSlotChanges,
  SLOT_CHANGE_COLUMNS,
  slotChange,
  type SlotChange,
} from "../schedule/slot-events.ts";
import { offerFreedSlots } from "../waitlist/offer.ts";

/** What the lifecycle services use. */
export type LifecycleDeps = Pick<AppServices, "db" | "cipher" | "slotIndex" | "clock" | "config">;

export type AppointmentRow = typeof appointments.$inferSelect;

/**
 * Locks one appointment row for the rest of the transaction. `owner` limits it to an account's
 * appointments (its own and its children's: the parent's account books them) or a clinic's; one
 * outside that is `not_found`, exactly like one that does not exist.
 */
export async function lockAppointment(
  tx: Database,
  id: string,
  owner: { userId: string } | { clinicId: string } | "any",
): Promise<AppointmentRow> {
  const scope =
    owner === "any"
      ? undefined
      : "userId" in owner
        ? eq(appointments.userId, owner.userId)
        : eq(appointments.clinicId, owner.clinicId);
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), scope))
    .for("update");
  if (!row) throw new AppError("not_found", { logMessage: "no such appointment of this owner" });
  return row;
}

/** A cancellation's reason: spaces collapsed, 3–500 characters, else 400 naming the field `reason`. */
export function checkedReason(raw: string, locale: Locale): string {
  const reason = raw.replace(/\s+/g, " ").trim();
  const errors = new FieldErrors(locale);
  if (reason.length < 3 || reason.length > 500) {
    errors.addLocal("reason", {
      ru: "Укажите причину отмены: от 3 до 500 символов",
      en: "Give the reason for cancelling: 3 to 500 characters",
    });
  }
  errors.throwIfAny();
  return reason;
}

/** Only a booked visit changes (cancelled, moved or marked): any other status is a 409. */
export function ensureBooked(row: AppointmentRow): void {
  if (row.status !== "booked") {
    throw new AppError("appointment_not_booked", { logMessage: `appointment is ${row.status}` });
  }
}

/**
 * The patient's 24-hour rule (`APPOINTMENT_CHANGE_CUTOFF_HOURS`): past it, 422
 * `change_window_closed` with the message naming the configured cut-off.
 */
export function ensureChangeWindow(
  row: AppointmentRow,
  now: Date,
  cutoffHours: number,
  locale: Locale,
): void {
  const window = checkChangeWindow(row.startsAt, now, cutoffHours);
  if (window.ok) return;
  throw new AppError("change_window_closed", {
    message:
      locale === "en"
        ? `An appointment can be changed or cancelled no later than ${cutoffHours} hours before it starts`
        : window.error.message,
    details: {
      changeableUntil: new Date(row.startsAt.getTime() - cutoffHours * 3_600_000).toISOString(),
    },
  });
}

/** One appointment as the patient sees it, read in the transaction (after its changes). */
export async function viewOf(tx: Database, id: string, changeCutoffHours: number): Promise<TAppointment> {
  const [view] = await findAppointments(tx, eq(appointments.id, id), { changeCutoffHours });
  if (!view) throw new Error("unreachable: the appointment was just read");
  return view;
}

/** What the patient's messages say about an appointment, from its view. */
export function factsOf(view: TAppointment): VisitFacts {
  return {
    appointmentId: view.id,
    referralId: view.referral.id,
    ticketNumber: view.ticketNumber,
    localDate: view.localDate,
    localTime: view.localTime,
    timeZone: view.timeZone,
    startsAt: new Date(view.startsAt),
    doctorName: view.doctor.name,
    specialtyName: view.doctor.specialty.nameRu,
    room: view.doctor.room,
    clinicName: view.clinic.shortName,
    clinicAddress: view.clinic.address,
    contactPhone: view.contactPhone,
  };
}

/**
 * Frees the booked slots of closed visits in the caller's transaction and offers them to the
 * waitlist first (`offerFreedSlots`); announces those still free (NOTIFY). Returns the changes to
 * apply to this process's slot index after the commit.
 */
export async function freeBookedSlots(
  tx: Database,
  slotIds: readonly string[],
  now: Date,
): Promise<SlotChange[]> {
  const freed: SlotChange[] = [];
  for (const slotId of slotIds) {
    const [row] = await tx
      .update(slots)
      .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
      .where(and(eq(slots.id, slotId), eq(slots.status, "booked")))
      .returning(SLOT_CHANGE_COLUMNS);
    if (row) freed.push(slotChange(row, "free"));
  }
  if (freed.length === 0) return [];
  const offered = await offerFreedSlots(
    tx,
    freed.map((c) => c.slotId),
    now,
  );
  const stillFree = freed.filter((c) => !offered.includes(c.slotId));
  await publishSlotChanges(tx, stillFree);
  return stillFree;
}

/**
 * Moves the referral of a closed visit from `booked` to `to` and writes its event(s), in the
 * caller's transaction. A referral no longer `booked` (withdrawn by the clinic meanwhile) keeps its
 * status; the event is still written.
 */
export async function moveReferral(
  tx: Database,
  referralId: string,
  to: "active" | "used" | "expired",
  event: {
    kind: "cancelled" | "used" | "missed";
    actor: string;
    reason?: string | null;
    details: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await tx
    .update(referrals)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(referrals.id, referralId), eq(referrals.status, "booked")));
  await tx.insert(referralEvents).values({
    referralId,
    kind: event.kind,
    actor: event.actor,
    reason: event.reason ?? null,
    details: event.details,
  });
  if (to === "expired") {
    await tx.insert(referralEvents).values({ referralId, kind: "expired", actor: "system" });
  }
}
