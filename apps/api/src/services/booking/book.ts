import { randomBytes } from "node:crypto";
import type {
  TAlternativeSlot,
  TAppointment,
  TBookingFailure,
  TBookingPreview,
  TBookingRequest,
} from "@priyom/contracts";
import {
  appointments,
  children,
  clinics,
  doctors,
  patientProfiles,
  referralEvents,
  referrals,
  slots,
  user,
  type Database,
} from "@priyom/db";
import {
  checkBookingEligibility,
  checkMobilePhone,
  errorMessage,
  SPECIALTIES,
  type DomainErrorCode,
  type SpecialtyCode,
} from "@priyom/domain";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { AppServices } from "../../context.ts";
import { recordAudit } from "../../audit.ts";
import { fieldContext } from "../../crypto/field-cipher.ts";
import { AppError, apiErrorMessage, type Locale } from "../../errors.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { bookingConfirmed, type VisitFacts } from "../../messages/templates.ts";
import { constraintViolation } from "../constraint-violation.ts";
import { maskEnp, maskSnils } from "../profile/masking.ts";
import { allowedClinicIds } from "../referrals/clinic-view.ts";
import { publishSlotChanges, slotChange, type SlotChange } from "../schedule/slot-events.ts";
import { alternativesFor } from "./alternatives.ts";
import { fullName, toAppointment } from "./appointment-view.ts";
import { takeableBy } from "./holds.ts";
import { answerOnce } from "./idempotency.ts";

/**
 * What a booking needs; `clock` (the time of the rules) and `config` (the change cut-off shown on
 * the ticket) are taken when given, else the real time and 24 hours.
 */
export type BookingDeps = Pick<AppServices, "db" | "cipher" | "slotIndex"> &
  Partial<Pick<AppServices, "clock" | "config">>;

/** Scope of the idempotency keys of this endpoint. */
const SCOPE = "POST /api/v1/appointments";
/** Failures that mean "someone or something else got there first": 409, not 422. */
const CONFLICTS: ReadonlySet<DomainErrorCode> = new Set([
  "slot_taken",
  "slot_held",
  "referral_already_booked",
  "appointment_overlap",
]);
/** Which rule a refused write broke, by the constraint's name. */
const CONSTRAINT_CODES: Readonly<Record<string, DomainErrorCode>> = {
  appointments_slot_booked_key: "slot_taken",
  appointments_doctor_no_overlap: "slot_taken",
  appointments_referral_booked_key: "referral_already_booked",
  appointments_patient_no_overlap: "appointment_overlap",
};

/** An answer as it is sent (and, for a request with a key, stored and replayed). */
export interface BookingAnswer {
  status: 201 | 404 | 409 | 422;
  body: unknown;
}

/** Everything a booking is checked against, read in one go (inside the booking's transaction). */
export interface BookingContext {
  patientKey: string;
  childId: string | null;
  patient: {
    kind: "self" | "child";
    lastName: string;
    firstName: string;
    middleName: string | null;
    birthDate: string;
    snils: string | null;
    enp: string | null;
  };
  account: { phone: string | null };
  referral: typeof referrals.$inferSelect & { allowedClinicIds: string[] };
  doctor: typeof doctors.$inferSelect;
  clinic: typeof clinics.$inferSelect;
  slot: typeof slots.$inferSelect;
  patientAppointments: { id: string; referralId: string; status: "booked"; start: number; end: number }[];
}

/**
 * Reads what a booking of `slotId` on `referralId` by the account `userId` is checked against; null
 * when the referral is not the account's (or its child's) or the slot does not exist.
 */
export async function loadContext(
  tx: Database,
  deps: Pick<BookingDeps, "cipher">,
  userId: string,
  referralId: string,
  slotId: string,
): Promise<BookingContext | null> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
  if (!referral) return null;
  const [account] = await tx
    .select({ profile: patientProfiles, phone: user.phoneNumber })
    .from(user)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, user.id))
    .where(eq(user.id, userId));
  if (!account) return null;
  let patient: BookingContext["patient"];
  let childId: string | null = null;
  if (referral.patientUserId === userId && account.profile) {
    const p = account.profile;
    patient = {
      kind: "self",
      lastName: p.lastName,
      firstName: p.firstName,
      middleName: p.middleName,
      birthDate: p.birthDate,
      snils:
        p.snilsEnc === null
          ? null
          : deps.cipher.decrypt(p.snilsEnc, fieldContext("patient_profiles.snils_enc", p.userId)),
      enp:
        p.enpEnc === null
          ? null
          : deps.cipher.decrypt(p.enpEnc, fieldContext("patient_profiles.enp_enc", p.userId)),
    };
  } else if (referral.patientChildId !== null) {
    const [child] = await tx
      .select()
      .from(children)
      .where(
        and(
          eq(children.id, referral.patientChildId),
          eq(children.parentUserId, userId),
          isNull(children.linkEndedAt),
        ),
      );
    if (!child) return null;
    childId = child.id;
    patient = {
      kind: "child",
      lastName: child.lastName,
      firstName: child.firstName,
      middleName: child.middleName,
      birthDate: child.birthDate,
      snils:
        child.snilsEnc === null
          ? null
          : deps.cipher.decrypt(child.snilsEnc, fieldContext("children.snils_enc", child.id)),
      enp: deps.cipher.decrypt(child.enpEnc, fieldContext("children.enp_enc", child.id)),
    };
  } else {
    return null;
  }
  const [found] = await tx
    .select({ slot: slots, doctor: doctors, clinic: clinics })
    .from(slots)
    .innerJoin(doctors, eq(doctors.id, slots.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(slots.id, slotId));
  if (!found) return null;
  const allowed = (await allowedClinicIds(tx, [referral.id])).get(referral.id) ?? [];
  const patientKey = childId ?? userId;
  const booked = await tx
    .select({
      id: appointments.id,
      referralId: appointments.referralId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .where(and(eq(appointments.patientKey, patientKey), eq(appointments.status, "booked")));
  return {
    patientKey,
    childId,
    patient,
    account: { phone: account.phone },
    referral: { ...referral, allowedClinicIds: allowed },
    doctor: found.doctor,
    clinic: found.clinic,
    slot: found.slot,
    patientAppointments: booked.map((a) => ({
      id: a.id,
      referralId: a.referralId,
      status: "booked" as const,
      start: a.startsAt.getTime(),
      end: a.endsAt.getTime(),
    })),
  };
}

/**
 * Every booking rule of the domain against the context; the failures in the request's language.
 * `replacing` names the appointment a reschedule closes: its referral counts as bookable although
 * that very appointment books it, and the patient's overlap check leaves it out.
 */
export function failuresOf(
  ctx: BookingContext,
  userId: string,
  contactPhone: string,
  now: Date,
  locale: Locale,
  replacing?: { appointmentId: string },
): TBookingFailure[] {
  const { slot } = ctx;
  const replaced = replacing
    ? ctx.patientAppointments.find((a) => a.id === replacing.appointmentId)
    : undefined;
  const referralStatus =
    replaced && replaced.referralId === ctx.referral.id && ctx.referral.status === "booked"
      ? "active"
      : ctx.referral.status;
  const result = checkBookingEligibility(
    {
      patient: { id: ctx.patientKey, ...ctx.patient },
      contactPhone,
      referral: {
        id: ctx.referral.id,
        patientId: ctx.patientKey,
        status: referralStatus,
        specialty: ctx.referral.specialtyCode as SpecialtyCode,
        allowedClinicIds: ctx.referral.allowedClinicIds,
        lastValidDay: ctx.referral.lastValidDay,
        timeZone: ctx.referral.timeZone,
      },
      doctor: {
        id: ctx.doctor.id,
        specialty: ctx.doctor.specialtyCode as SpecialtyCode,
        clinicId: ctx.doctor.clinicId,
      },
      slot: {
        doctorId: slot.doctorId,
        start: slot.startsAt.getTime(),
        end: slot.endsAt.getTime(),
        localDate: slot.localDate,
        // A slot the clinic closed is as gone as a booked one.
        status: slot.status === "blocked" ? "booked" : slot.status,
        heldByPatientId: slot.heldByUserId === userId ? ctx.patientKey : slot.heldByUserId,
        holdExpiresAt: slot.holdExpiresAt?.getTime() ?? null,
      },
      patientAppointments: ctx.patientAppointments.filter((a) => a.id !== replaced?.id),
    },
    now,
  );
  if (result.ok) return [];
  return result.failures.map((f) => ({
    code: f.code,
    message: errorMessage(f.code as DomainErrorCode, locale),
    ...(f.field !== undefined ? { field: f.field } : {}),
  }));
}

function errorBody(
  code: Parameters<typeof apiErrorMessage>[0],
  locale: Locale,
  requestId: string,
  extra: { failures?: TBookingFailure[]; alternatives?: TAlternativeSlot[] } = {},
) {
  const fields: Record<string, string> = {};
  for (const f of extra.failures ?? []) if (f.field !== undefined) fields[f.field] ??= f.message;
  return {
    error: {
      code,
      message: apiErrorMessage(code, locale),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...extra,
      requestId,
    },
  };
}

/** The answer to failed rules: 409 when only "got there first" rules failed, else 422 with all of them. */
export function refusal(
  deps: BookingDeps,
  ctx: BookingContext,
  failures: TBookingFailure[],
  now: Date,
  locale: Locale,
  requestId: string,
): BookingAnswer {
  const slotGone = failures.some((f) => f.code === "slot_taken" || f.code === "slot_held");
  const alternatives = slotGone
    ? alternativesFor(
        deps.slotIndex,
        {
          slotId: ctx.slot.id,
          doctorId: ctx.slot.doctorId,
          startsAt: ctx.slot.startsAt.getTime(),
          referral: {
            specialty: ctx.referral.specialtyCode,
            allowedClinicIds: ctx.referral.allowedClinicIds,
            lastValidDay: ctx.referral.lastValidDay,
          },
        },
        now,
      )
    : undefined;
  const first = failures[0];
  if (first && failures.every((f) => CONFLICTS.has(f.code as DomainErrorCode))) {
    return {
      status: 409,
      body: errorBody(first.code as "slot_taken", locale, requestId, alternatives ? { alternatives } : {}),
    };
  }
  return {
    status: 422,
    body: errorBody("booking_not_allowed", locale, requestId, {
      failures,
      ...(alternatives ? { alternatives } : {}),
    }),
  };
}

/** Whether a driver error (through drizzle's wrapping) has this SQLSTATE. */
function hasSqlState(error: unknown, code: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** 55P03: `for update nowait` met a lock. */
const isLockNotAvailable = (error: unknown) => hasSqlState(error, "55P03");

/**
 * Runs the booking's savepoint again when PostgreSQL chose it as a deadlock victim (40P01). Two
 * bookings of one patient at the same moment insert rows that conflict in the exclusion constraint;
 * each then waits for the other and the server aborts one. Run again, it waits for the other to finish
 * and gets the real answer (`appointment_overlap`). The rollback to the savepoint released its locks.
 */
export async function withDeadlockRetry<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !hasSqlState(error, "40P01")) throw error;
    }
  }
}

/** A booking write refused by the database or a conditional update: which rule. */
export class BookingRace extends Error {
  constructor(readonly code: DomainErrorCode) {
    super(code);
  }
}

/** Which booking rule a failed write broke (a race, a lock, a constraint), or undefined for a fault. */
export function raceCodeOf(error: unknown): DomainErrorCode | undefined {
  if (error instanceof BookingRace) return error.code;
  if (isLockNotAvailable(error)) return "slot_taken";
  return CONSTRAINT_CODES[constraintViolation(error)?.constraint ?? ""];
}

/** The refusal of a write that lost a race: one failure, on the field it concerns. */
export function raceFailure(code: DomainErrorCode, locale: Locale): TBookingFailure {
  return {
    code,
    message: errorMessage(code, locale),
    field: code === "referral_already_booked" ? "referralId" : "slotId",
  };
}

/**
 * Takes the slot for the account: one conditional UPDATE (free, held by this account, or held by a
 * lapsed hold; not yet started). A slot someone else is writing right now (a booking, a hold) is
 * answered at once as taken instead of waiting on its row lock: racing requests then free their
 * connections at once. Throws `BookingRace("slot_taken")` when it is not takeable.
 */
export async function takeSlot(tx: Database, slotId: string, userId: string, now: Date) {
  await tx.execute(sql`select id from slots where id = ${slotId} for update nowait`);
  const [taken] = await tx
    .update(slots)
    .set({ status: "booked", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
    .where(and(eq(slots.id, slotId), gt(slots.startsAt, now), takeableBy(userId, now)))
    .returning();
  if (!taken) throw new BookingRace("slot_taken");
  return taken;
}

/** A video visit needs a doctor who sees patients by video (the clinic's video service builds the link). */
function visitModeFailures(
  ctx: BookingContext,
  visitMode: "in_person" | "video" | undefined,
  locale: Locale,
): TBookingFailure[] {
  if (visitMode !== "video" || ctx.doctor.visitModes.includes("video")) return [];
  return [
    {
      code: "visit_mode_unavailable",
      message:
        locale === "en"
          ? "This doctor does not see patients by video: choose an in-person visit or another doctor"
          : "Этот врач не ведёт видеоприём: выберите приём в поликлинике или другого врача",
      field: "visitMode",
    },
  ];
}

/** A new appointment id, `apt_…`. */
export const newAppointmentId = () => `apt_${randomBytes(10).toString("hex")}`;

/** Inserts the appointment of the context on the taken slot (ticket number from the sequence). */
export async function insertAppointment(
  tx: Database,
  ctx: BookingContext,
  taken: typeof slots.$inferSelect,
  values: { id: string; userId: string; contactPhone: string; visitMode?: "in_person" | "video" },
): Promise<typeof appointments.$inferSelect> {
  const [created] = await tx
    .insert(appointments)
    .values({
      id: values.id,
      userId: values.userId,
      childId: ctx.childId,
      patientKey: ctx.patientKey,
      referralId: ctx.referral.id,
      slotId: taken.id,
      doctorId: taken.doctorId,
      clinicId: ctx.clinic.id,
      localDate: taken.localDate,
      localTime: taken.localTime,
      timeZone: taken.timeZone,
      minutes: taken.minutes,
      startsAt: taken.startsAt,
      endsAt: taken.endsAt,
      contactPhone: values.contactPhone,
      ...(values.visitMode ? { visitMode: values.visitMode } : {}),
    })
    .returning();
  if (!created) throw new Error("unreachable: an insert returns its row");
  return created;
}

const specialtyNameOf = (code: string) => SPECIALTIES.find((s) => s.code === code)?.nameRu ?? code;

/** What the patient's messages say about an appointment of the context. */
export function visitFactsOf(ctx: BookingContext, a: typeof appointments.$inferSelect): VisitFacts {
  return {
    appointmentId: a.id,
    referralId: a.referralId,
    ticketNumber: a.ticketNumber,
    localDate: a.localDate,
    localTime: a.localTime,
    timeZone: a.timeZone,
    startsAt: a.startsAt,
    doctorName: fullName(ctx.doctor),
    specialtyName: specialtyNameOf(ctx.doctor.specialtyCode),
    room: ctx.doctor.room,
    clinicName: ctx.clinic.shortName,
    clinicAddress: ctx.clinic.address,
    contactPhone: a.contactPhone,
  };
}

/** An appointment of the context as the patient sees it (the ticket). */
export function appointmentViewOf(
  ctx: BookingContext,
  a: typeof appointments.$inferSelect,
  changeCutoffHours?: number,
): TAppointment {
  const { doctor, clinic } = ctx;
  return toAppointment(
    a,
    {
      doctor: { ...doctor, specialty: doctor.specialtyCode },
      specialtyName: specialtyNameOf(doctor.specialtyCode),
      clinic: {
        shortName: clinic.shortName,
        fullName: clinic.fullName,
        address: clinic.address,
        phone: clinic.registryPhone,
      },
      referralNumber: ctx.referral.number,
      patient: { kind: ctx.patient.kind, name: fullName(ctx.patient) },
    },
    changeCutoffHours,
  );
}

/**
 * Takes the slot, moves the referral to "booked", creates the appointment, and writes the referral
 * event, the journal entry, the patient's confirmation (cabinet, SMS to the visit's phone, e-mail
 * where allowed) and the slot NOTIFY — in the caller's transaction. The database's partial unique
 * indexes and exclusion constraints back every rule up; their refusals come back as `BookingRace`.
 * `actingUserId`: an administrator booking for the patient (a priority request).
 */
async function writeBooking(
  tx: Database,
  ctx: BookingContext,
  who: { userId: string; actingUserId?: string | undefined },
  phone: string,
  now: Date,
  requestId: string,
  visitMode: "in_person" | "video" = "in_person",
): Promise<{ appointment: typeof appointments.$inferSelect; change: SlotChange }> {
  const { userId, actingUserId } = who;
  const taken = await takeSlot(tx, ctx.slot.id, userId, now);
  const [moved] = await tx
    .update(referrals)
    .set({ status: "booked", updatedAt: sql`now()` })
    .where(and(eq(referrals.id, ctx.referral.id), eq(referrals.status, "active")))
    .returning({ id: referrals.id });
  if (!moved) throw new BookingRace("referral_already_booked");
  const created = await insertAppointment(tx, ctx, taken, {
    id: newAppointmentId(),
    userId,
    contactPhone: phone,
    visitMode,
  });
  const { id, ticketNumber } = created;
  await tx.insert(referralEvents).values({
    referralId: ctx.referral.id,
    kind: "booked",
    actor: actingUserId === undefined ? "system" : `admin:${actingUserId}`,
    reason: null,
    details: { appointmentId: id, slotId: taken.id, by: actingUserId === undefined ? "patient" : "admin" },
  });
  await recordAudit(tx, {
    action: "appointment.book",
    result: "success",
    actorUserId: actingUserId ?? userId,
    subjectUserId: userId,
    object: { type: "appointment", id },
    details: { appointmentId: id, referralId: ctx.referral.id, slotId: taken.id, ticketNumber },
    requestId,
  });
  await notifyPatient(tx, userId, bookingConfirmed(visitFactsOf(ctx, created)));
  const change = slotChange(taken, "taken");
  await publishSlotChanges(tx, [change]);
  return { appointment: created, change };
}

/**
 * Books a visit (DOMAIN.md "Booking"): all eligibility rules, then the writes in one transaction. The
 * idempotency key is claimed first in the same transaction (`answerOnce`), so a concurrent repeat
 * waits for it and then replays the stored answer; a key reused with another request is refused.
 * Every answer — 201, 404, 409 with alternatives, 422 with all failures — is stored with the key.
 *
 * `userId` is the patient's account (the key belongs to it); `actingUserId` an administrator booking
 * for them (a priority request): the journal names the administrator as actor and the patient as
 * subject, the referral event `admin:<id>`; every rule stays the patient's.
 */
export async function bookAppointment(
  deps: BookingDeps,
  input: {
    userId: string;
    actingUserId?: string;
    key: string;
    request: TBookingRequest;
    locale: Locale;
    requestId: string;
  },
  now = deps.clock?.() ?? new Date(),
): Promise<BookingAnswer & { replayed: boolean }> {
  const { userId, actingUserId, key, request, locale, requestId } = input;
  await deps.slotIndex.ready();
  let change: SlotChange | null = null;
  const answer = await answerOnce(deps.db, { userId, scope: SCOPE, key, request }, decide);
  if (change) deps.slotIndex.apply([change]);
  return answer as BookingAnswer & { replayed: boolean };

  async function decide(tx: Database): Promise<BookingAnswer> {
    const ctx = await loadContext(tx, deps, userId, request.referralId, request.slotId);
    if (!ctx) {
      return {
        status: 404,
        body: { error: { code: "not_found", message: apiErrorMessage("not_found", locale), requestId } },
      };
    }
    const failures = [
      ...failuresOf(ctx, userId, request.contactPhone, now, locale),
      ...visitModeFailures(ctx, request.visitMode, locale),
    ];
    if (failures.length > 0) {
      await recordAudit(tx, {
        action: "appointment.book",
        result: "failure",
        actorUserId: actingUserId ?? userId,
        subjectUserId: userId,
        // No appointment came to be: the slot is what the attempt was about.
        object: { type: "slot", id: ctx.slot.id },
        details: {
          referralId: ctx.referral.id,
          slotId: ctx.slot.id,
          codes: failures.map((f) => f.code).join(","),
        },
        requestId,
      });
      return refusal(deps, ctx, failures, now, locale, requestId);
    }
    const phone = checkMobilePhone(request.contactPhone);
    if (!phone.ok) throw new Error("unreachable: the eligibility check accepted the phone");
    try {
      // A savepoint: a refused write rolls back to here and the refusal is still stored with the key.
      const written = await withDeadlockRetry(() =>
        tx.transaction((sp) =>
          writeBooking(sp, ctx, { userId, actingUserId }, phone.value, now, requestId, request.visitMode),
        ),
      );
      change = written.change;
      return {
        status: 201,
        body: appointmentViewOf(ctx, written.appointment, deps.config?.appointmentChangeCutoffHours),
      };
    } catch (error) {
      const code = raceCodeOf(error);
      if (code === undefined) throw error;
      return refusal(deps, ctx, [raceFailure(code, locale)], now, locale, requestId);
    }
  }
}

/** «Проверка введенных данных»: what will be booked, masked, with the problems already visible. */
export async function bookingPreview(
  deps: BookingDeps,
  input: { userId: string; referralId: string; slotId: string; locale: Locale },
  now = deps.clock?.() ?? new Date(),
): Promise<TBookingPreview> {
  const ctx = await loadContext(deps.db, deps, input.userId, input.referralId, input.slotId);
  if (!ctx) throw new AppError("not_found");
  const contactPhone = ctx.account.phone ?? "";
  const { snils, enp, ...names } = ctx.patient;
  return {
    patient: {
      ...names,
      snils: snils === null ? null : maskSnils(snils),
      enp: enp === null ? null : maskEnp(enp),
    },
    contactPhone,
    referral: {
      id: ctx.referral.id,
      number: ctx.referral.number,
      specialty: ctx.referral.specialtyCode,
      lastValidDay: ctx.referral.lastValidDay,
    },
    doctor: {
      id: ctx.doctor.id,
      name: [ctx.doctor.lastName, ctx.doctor.firstName, ctx.doctor.middleName].filter(Boolean).join(" "),
      qualification: ctx.doctor.qualification,
      room: ctx.doctor.room,
    },
    clinic: { id: ctx.clinic.id, shortName: ctx.clinic.shortName, address: ctx.clinic.address },
    slot: {
      slotId: ctx.slot.id,
      localDate: ctx.slot.localDate,
      localTime: ctx.slot.localTime,
      minutes: ctx.slot.minutes,
      timeZone: ctx.slot.timeZone,
      startsAt: ctx.slot.startsAt.toISOString(),
    },
    failures: failuresOf(ctx, input.userId, contactPhone, now, input.locale),
  };
}
