import type {
  TAppointment,
  TClinicCancelResponse,
  TStaffAppointment,
  TStaffAppointmentListResponse,
} from "@priyom/contracts";
import {
  appointments,
  children,
  clinics,
  doctors,
  patientProfiles,
  referrals,
  specialties,
  type Database,
} from "@priyom/db";
import { isReferralValidAt } from "@priyom/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import { AppError, type Locale } from "../../errors.ts";
import { notifyPatient } from "../../messages/notify.ts";
import {
  appointmentCancelledByClinic,
  appointmentDone,
  appointmentMissed,
} from "../../messages/templates.ts";
import { alternativesFor } from "../booking/alternatives.ts";
import { fullName } from "../booking/appointment-view.ts";
import { allowedClinicIds } from "../referrals/clinic-view.ts";
import type { SlotChange } from "../schedule/slot-events.ts";
import {
  checkedReason,
  ensureBooked,
  factsOf,
  freeBookedSlots,
  lockAppointment,
  moveReferral,
  viewOf,
  type LifecycleDeps,
} from "./visit.ts";

/**
 * Who marks or cancels a visit for the clinic: a clinic's system by its key (`clinic:<id>`), a
 * staff member (`staff:<userId>`) or an administrator (`admin:<userId>`). `clinicId` limits the
 * visits reached to that clinic's (another's is `not_found`); null for an administrator.
 */
export interface ClinicActor {
  clinicId: string | null;
  /** The actor written on referral events. */
  referralActor: string;
  /** The journal's actor: the staff member or administrator; null for a clinic key. */
  userId: string | null;
  /** For the journal: which door (ids only). */
  via: "clinic_api" | "staff" | "admin";
  keyId?: string;
}

const ownerOf = (actor: ClinicActor) => (actor.clinicId === null ? "any" : { clinicId: actor.clinicId });

const journalDetails = (
  actor: ClinicActor,
  row: { id: string; referralId: string; clinicId: string; ticketNumber: string },
) => ({
  appointmentId: row.id,
  referralId: row.referralId,
  clinicId: row.clinicId,
  ticketNumber: row.ticketNumber,
  via: actor.via,
  ...(actor.keyId ? { keyId: actor.keyId } : {}),
});

/** «Т-0001001», «T-0001001» (Latin T) or «0001001»: the ticket number as printed and in its QR code. */
export function normalizeTicketNumber(raw: string): string | null {
  const match = /^(?:[ТT]-?)?(\d{7})$/i.exec(raw.trim());
  return match?.[1] ? `Т-${match[1]}` : null;
}

/** The id of the clinic's appointment with this ticket number; `not_found` for another clinic's. */
export async function appointmentIdByTicket(db: Database, clinicId: string, ticket: string): Promise<string> {
  const number = normalizeTicketNumber(ticket);
  const [row] =
    number === null
      ? []
      : await db
          .select({ id: appointments.id })
          .from(appointments)
          .where(and(eq(appointments.ticketNumber, number), eq(appointments.clinicId, clinicId)));
  if (!row) throw new AppError("not_found", { logMessage: "no such ticket of this clinic" });
  return row.id;
}

/**
 * The clinic marks a visit after its start (DOMAIN.md "After booking"): `done` uses the referral
 * (event `used`); `missed` (a no-show) makes it bookable again while its last valid day has not
 * passed in its own zone, else expired (event `missed`). Before the start: 422 `visit_not_started`;
 * a visit not booked: 409. The patient is told; the journal names the patient's account as subject.
 */
export async function markVisit(
  deps: LifecycleDeps,
  input: { appointmentId: string; outcome: "done" | "missed"; actor: ClinicActor; requestId: string },
): Promise<TAppointment> {
  const now = deps.clock();
  const cutoff = deps.config.appointmentChangeCutoffHours;
  const { actor, outcome } = input;
  return deps.db.transaction(async (tx) => {
    const row = await lockAppointment(tx, input.appointmentId, ownerOf(actor));
    ensureBooked(row);
    if (now < row.startsAt) throw new AppError("visit_not_started");
    await tx
      .update(appointments)
      .set({ status: outcome, closedAt: now, updatedAt: sql`now()` })
      .where(eq(appointments.id, row.id));
    const [referral] = await tx
      .select({ lastValidDay: referrals.lastValidDay, timeZone: referrals.timeZone })
      .from(referrals)
      .where(eq(referrals.id, row.referralId));
    const stillValid = referral !== undefined && isReferralValidAt(referral, now);
    const to = outcome === "done" ? "used" : stillValid ? "active" : "expired";
    await moveReferral(tx, row.referralId, to, {
      kind: outcome === "done" ? "used" : "missed",
      actor: actor.referralActor,
      details: { appointmentId: row.id },
    });
    await recordAudit(tx, {
      action: `appointment.${outcome}`,
      result: "success",
      actorUserId: actor.userId,
      subjectUserId: row.userId,
      object: { type: "appointment", id: row.id },
      details: { ...journalDetails(actor, row), referralStatus: to },
      requestId: input.requestId,
    });
    const view = await viewOf(tx, row.id, cutoff);
    const facts = factsOf(view);
    await notifyPatient(
      tx,
      row.userId,
      outcome === "done"
        ? appointmentDone(facts)
        : appointmentMissed(facts, to === "active" ? (referral?.lastValidDay ?? null) : null),
    );
    return view;
  });
}

/**
 * The clinic cancels a visit (the doctor fell ill, the schedule changed): a reason is required, any
 * time before the start (after it: 422 `visit_started` — mark it instead). In one transaction: the
 * appointment cancelled by the clinic, its slot freed and offered to the waitlist first, the referral
 * bookable again (event `cancelled`), the journal entry `appointment.cancel_by_clinic`, and the
 * patient told with up to three alternatives (DOMAIN.md's order). Answers the appointment and the
 * alternatives offered.
 */
export async function cancelByClinic(
  deps: LifecycleDeps,
  input: { appointmentId: string; reason: string; actor: ClinicActor; requestId: string; locale: Locale },
): Promise<TClinicCancelResponse> {
  const now = deps.clock();
  const cutoff = deps.config.appointmentChangeCutoffHours;
  const { actor } = input;
  const reason = checkedReason(input.reason, input.locale);
  await deps.slotIndex.ready();
  let changes: SlotChange[] = [];
  const answer = await deps.db.transaction(async (tx) => {
    const row = await lockAppointment(tx, input.appointmentId, ownerOf(actor));
    ensureBooked(row);
    if (now >= row.startsAt) throw new AppError("visit_started");
    await tx
      .update(appointments)
      .set({
        status: "cancelled",
        cancelledBy: "clinic",
        cancelReason: reason,
        closedAt: now,
        updatedAt: sql`now()`,
      })
      .where(eq(appointments.id, row.id));
    changes = await freeBookedSlots(tx, [row.slotId], now);
    await moveReferral(tx, row.referralId, "active", {
      kind: "cancelled",
      actor: actor.referralActor,
      reason,
      details: { appointmentId: row.id, slotId: row.slotId, by: "clinic" },
    });
    const [referral] = await tx
      .select({ specialty: referrals.specialtyCode, lastValidDay: referrals.lastValidDay })
      .from(referrals)
      .where(eq(referrals.id, row.referralId));
    const alternatives = referral
      ? alternativesFor(
          deps.slotIndex,
          {
            slotId: row.slotId,
            doctorId: row.doctorId,
            startsAt: row.startsAt.getTime(),
            referral: {
              specialty: referral.specialty,
              allowedClinicIds: (await allowedClinicIds(tx, [row.referralId])).get(row.referralId) ?? [],
              lastValidDay: referral.lastValidDay,
            },
          },
          now,
        )
      : [];
    await recordAudit(tx, {
      action: "appointment.cancel_by_clinic",
      result: "success",
      actorUserId: actor.userId,
      subjectUserId: row.userId,
      object: { type: "appointment", id: row.id },
      details: { ...journalDetails(actor, row), slotId: row.slotId, alternatives: alternatives.length },
      requestId: input.requestId,
    });
    const view = await viewOf(tx, row.id, cutoff);
    await notifyPatient(
      tx,
      row.userId,
      appointmentCancelledByClinic(
        factsOf(view),
        reason,
        alternatives.map((a) => ({
          localDate: a.localDate,
          localTime: a.localTime,
          timeZone: a.timeZone,
          startsAt: new Date(a.startsAt),
          doctorName: a.doctor.name,
          clinicName: a.clinic.shortName,
        })),
      ),
    );
    return { appointment: view, alternatives };
  });
  deps.slotIndex.apply(changes);
  return answer;
}

/**
 * A clinic's visits of one local day (any status), by time, for the registry desk: the patient by
 * name only (no documents), the doctor, the referral number. An unknown clinic is `not_found`.
 */
export async function listClinicDay(
  db: Database,
  clinicId: string,
  date: string,
): Promise<TStaffAppointmentListResponse> {
  const [clinic] = await db
    .select({ id: clinics.id, shortName: clinics.shortName, timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  if (!clinic) throw new AppError("not_found", { logMessage: "no such clinic" });
  const rows = await db
    .select({
      a: appointments,
      doctor: {
        lastName: doctors.lastName,
        firstName: doctors.firstName,
        middleName: doctors.middleName,
        room: doctors.room,
      },
      specialty: specialties.nameRu,
      referralNumber: referrals.number,
      self: {
        lastName: patientProfiles.lastName,
        firstName: patientProfiles.firstName,
        middleName: patientProfiles.middleName,
      },
      child: { lastName: children.lastName, firstName: children.firstName, middleName: children.middleName },
    })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(specialties, eq(specialties.code, doctors.specialtyCode))
    .innerJoin(referrals, eq(referrals.id, appointments.referralId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.userId))
    .leftJoin(children, eq(children.id, appointments.childId))
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.localDate, date)))
    .orderBy(asc(appointments.startsAt), asc(appointments.createdAt));
  const items: TStaffAppointment[] = rows.map(({ a, doctor, specialty, referralNumber, self, child }) => {
    const person = a.childId !== null && child?.lastName ? child : self;
    return {
      id: a.id,
      ticketNumber: a.ticketNumber,
      status: a.status,
      localDate: a.localDate,
      localTime: a.localTime,
      minutes: a.minutes,
      timeZone: a.timeZone,
      startsAt: a.startsAt.toISOString(),
      patientName: person?.lastName
        ? fullName({
            lastName: person.lastName,
            firstName: person.firstName ?? "",
            middleName: person.middleName ?? null,
          })
        : "",
      doctor: { id: a.doctorId, name: fullName(doctor), room: doctor.room, specialty },
      referralNumber,
    };
  });
  return { clinic, date, items };
}
