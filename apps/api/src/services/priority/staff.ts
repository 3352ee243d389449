import { createHash } from "node:crypto";
import type { TAlternativeSlot, TStaffPriorityRequest } from "@priyom/contracts";
import { auditEvents, priorityRequests, referrals, user, type Database } from "@priyom/db";
import { and, count, eq, ne, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { AppServices } from "../../context.ts";
import { AppError, type Locale } from "../../errors.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { FieldErrors } from "../../validation.ts";
import { bookAppointment, type BookingAnswer } from "../booking/book.ts";
import { allowedClinicIds } from "../referrals/clinic-view.ts";
import { toFreeSlot } from "../schedule/slot-events.ts";
import { ruDate } from "../waitlist/offer.ts";
import { PRIORITY_MESSAGES } from "./messages.ts";
import { findStaffRequest } from "./view.ts";

type StaffDeps = Pick<AppServices, "db" | "slotIndex" | "cipher" | "clock">;

/** The administrator deciding, and the request they do it in. */
export interface Admin {
  userId: string;
  locale: Locale;
  requestId: string;
}

/** Free slots shown per doctor, and in all, for one request. */
const PER_DOCTOR = 10;
const SLOTS_SHOWN = 40;

async function requestRow(db: Database, id: string) {
  const [row] = await db
    .select({ r: priorityRequests, referral: referrals })
    .from(priorityRequests)
    .innerJoin(referrals, eq(referrals.id, priorityRequests.referralId))
    .where(eq(priorityRequests.id, id));
  if (!row) throw new AppError("not_found", { logMessage: "no such priority request" });
  return row;
}

/**
 * Free slots an administrator may book for a request, read from the slot index: doctors of the
 * referral's specialty in the clinics it allows, slots after `now` and on or before the referral's
 * last valid day, nearest first. `group` is `same_clinic` for the clinic that issued the referral,
 * `other_clinic` for the others it allows.
 */
export async function slotsForRequest(services: StaffDeps, id: string): Promise<TAlternativeSlot[]> {
  const { referral } = await requestRow(services.db, id);
  const allowed = (await allowedClinicIds(services.db, [referral.id])).get(referral.id) ?? [];
  await services.slotIndex.ready();
  const now = services.clock().getTime();
  const found: TAlternativeSlot[] = [];
  for (const d of services.slotIndex.doctors({ specialty: referral.specialtyCode, clinicIds: allowed })) {
    for (const slot of services.slotIndex.nearest(d.id, now, PER_DOCTOR, referral.lastValidDay)) {
      found.push({
        ...toFreeSlot(slot),
        group: d.clinicId === referral.issuingClinicId ? "same_clinic" : "other_clinic",
        doctor: { id: d.id, name: d.name, room: d.room },
        clinic: { id: d.clinicId, shortName: d.clinicShortName, address: d.clinicAddress },
      });
    }
  }
  return found.sort((a, b) => a.startsAt.localeCompare(b.startsAt)).slice(0, SLOTS_SHOWN);
}

/**
 * The booking's idempotency key of an approval: derived from the request, the slot and how many
 * approvals of it were refused before — a retried click replays the same answer, while a new try
 * after a refusal (the same slot freed again, or another slot) is decided afresh.
 */
async function approvalKey(db: Database, id: string, slotId: string): Promise<string> {
  const [refused] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "priority.approve"),
        eq(auditEvents.result, "failure"),
        sql`${auditEvents.details}->>'priorityRequestId' = ${id}`,
      ),
    );
  const digest = createHash("sha256")
    .update(`${id}:${slotId}:${refused?.n ?? 0}`)
    .digest("hex");
  return `prq-${digest.slice(0, 40)}`;
}

/**
 * Approves a pending request by booking the chosen slot for the patient through `bookAppointment`
 * (every booking rule applies, as the patient's; the journal names the administrator). A refusal —
 * 422 with failures, 409 with alternatives — is the answer and the request stays pending; on success
 * the request is `approved` with the appointment, the patient is told (`priority_decided`) and the
 * journal has `priority.approve` with the patient as subject.
 */
export async function approveRequest(
  services: StaffDeps,
  admin: Admin,
  id: string,
  slotId: string,
): Promise<{ ok: true; request: TStaffPriorityRequest } | { ok: false; answer: BookingAnswer }> {
  const { db } = services;
  const now = services.clock();
  const { r, referral } = await requestRow(db, id);
  if (r.status !== "pending") throw new AppError("priority_request_decided");
  const [account] = await db.select({ phone: user.phoneNumber }).from(user).where(eq(user.id, r.userId));
  const answer = await bookAppointment(
    services,
    {
      userId: r.userId,
      actingUserId: admin.userId,
      key: await approvalKey(db, id, slotId),
      request: { referralId: referral.id, slotId, contactPhone: account?.phone ?? "" },
      locale: admin.locale,
      requestId: admin.requestId,
    },
    now,
  );
  if (answer.status !== 201) {
    const code = (answer.body as { error?: { code?: unknown } }).error?.code;
    await recordAudit(db, {
      action: "priority.approve",
      result: "failure",
      actorUserId: admin.userId,
      subjectUserId: r.userId,
      details: {
        priorityRequestId: id,
        referralId: referral.id,
        slotId,
        code: typeof code === "string" ? code : "refused",
      },
      requestId: admin.requestId,
    });
    return { ok: false, answer };
  }
  const appointment = answer.body as {
    id: string;
    localDate: string;
    localTime: string;
    timeZone: string;
    ticketNumber: string;
    doctor: { name: string };
    clinic: { id: string; shortName: string; address: string };
  };
  await db.transaction(async (tx) => {
    // The visit is booked whatever happened to the request meanwhile: the request says so.
    await tx
      .update(priorityRequests)
      .set({
        status: "approved",
        appointmentId: appointment.id,
        decidedByUserId: admin.userId,
        decidedAt: now,
        decisionReason: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(priorityRequests.id, id), ne(priorityRequests.status, "approved")));
    await notifyPatient(tx, r.userId, {
      kind: "priority_decided",
      title: "Заявка на приоритетную запись одобрена",
      text:
        `Администратор записал вас к врачу: ${ruDate(appointment.localDate)} в ${appointment.localTime} ` +
        `(местное время, ${appointment.timeZone}), ${appointment.doctor.name}, ${appointment.clinic.shortName}, ` +
        `${appointment.clinic.address}. Талон ${appointment.ticketNumber}.`,
      appointmentId: appointment.id,
      referralId: referral.id,
    });
    await recordAudit(tx, {
      action: "priority.approve",
      result: "success",
      actorUserId: admin.userId,
      subjectUserId: r.userId,
      details: {
        priorityRequestId: id,
        referralId: referral.id,
        slotId,
        appointmentId: appointment.id,
        clinicId: appointment.clinic.id,
      },
      requestId: admin.requestId,
    });
  });
  const request = await findStaffRequest(db, id);
  if (!request) throw new AppError("not_found");
  return { ok: true, request };
}

/**
 * Declines a pending request with a reason (at least 5 characters) the patient is shown; the patient
 * is told (`priority_decided`); journal `priority.decline` (ids only, not the reason's words).
 */
export async function declineRequest(
  services: StaffDeps,
  admin: Admin,
  id: string,
  reasonInput: string,
): Promise<TStaffPriorityRequest> {
  const { db } = services;
  const reason = reasonInput.trim();
  const errors = new FieldErrors(admin.locale);
  if ([...reason].length < 5) errors.addLocal("reason", PRIORITY_MESSAGES.decline_reason_length);
  errors.throwIfAny();
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(priorityRequests).where(eq(priorityRequests.id, id)).for("update");
    if (!row) throw new AppError("not_found", { logMessage: "no such priority request" });
    if (row.status !== "pending") throw new AppError("priority_request_decided");
    await tx
      .update(priorityRequests)
      .set({
        status: "declined",
        decisionReason: reason,
        decidedByUserId: admin.userId,
        decidedAt: services.clock(),
        updatedAt: sql`now()`,
      })
      .where(eq(priorityRequests.id, id));
    await notifyPatient(tx, row.userId, {
      kind: "priority_decided",
      title: "Заявка на приоритетную запись отклонена",
      text: `Администратор отклонил заявку на приоритетную запись. Причина: ${reason}`,
      referralId: row.referralId,
    });
    await recordAudit(tx, {
      action: "priority.decline",
      result: "success",
      actorUserId: admin.userId,
      subjectUserId: row.userId,
      details: { priorityRequestId: id, referralId: row.referralId },
      requestId: admin.requestId,
    });
  });
  const request = await findStaffRequest(db, id);
  if (!request) throw new AppError("not_found");
  return request;
}
