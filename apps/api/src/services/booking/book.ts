import { createHash, randomBytes } from "node:crypto";
import type { TAlternativeSlot, TBookingFailure, TBookingPreview, TBookingRequest } from "@priyom/contracts";
import {
  appointments,
  children,
  clinics,
  doctors,
  idempotencyKeys,
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
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { AppServices } from "../../context.ts";
import { recordAudit } from "../../audit.ts";
import { AppError, apiErrorMessage, type Locale } from "../../errors.ts";
import { enqueueMessage } from "../../messages/outbox.ts";
import { constraintViolation } from "../constraint-violation.ts";
import { maskEnp, maskSnils } from "../profile/masking.ts";
import { allowedClinicIds } from "../referrals/clinic-view.ts";
import { canonicalJson } from "../referrals/issue.ts";
import { publishSlotChanges, slotChange, type SlotChange } from "../schedule/slot-events.ts";
import { alternativesFor } from "./alternatives.ts";
import { fullName, toAppointment } from "./appointment-view.ts";
import { takeableBy } from "./holds.ts";

export type BookingDeps = Pick<AppServices, "db" | "cipher" | "slotIndex">;

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
interface BookingContext {
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
  account: { phone: string | null; email: string; channels: string[] };
  referral: typeof referrals.$inferSelect & { allowedClinicIds: string[] };
  doctor: typeof doctors.$inferSelect;
  clinic: typeof clinics.$inferSelect;
  slot: typeof slots.$inferSelect;
  patientAppointments: { id: string; referralId: string; status: "booked"; start: number; end: number }[];
}

async function loadContext(
  tx: Database,
  deps: Pick<BookingDeps, "cipher">,
  userId: string,
  referralId: string,
  slotId: string,
): Promise<BookingContext | null> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
  if (!referral) return null;
  const [account] = await tx
    .select({ profile: patientProfiles, phone: user.phoneNumber, email: user.email })
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
      snils: p.snilsEnc === null ? null : deps.cipher.decrypt(p.snilsEnc),
      enp: p.enpEnc === null ? null : deps.cipher.decrypt(p.enpEnc),
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
      snils: child.snilsEnc === null ? null : deps.cipher.decrypt(child.snilsEnc),
      enp: deps.cipher.decrypt(child.enpEnc),
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
    account: {
      phone: account.phone,
      email: account.email,
      channels: account.profile?.notificationChannels ?? ["cabinet"],
    },
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

/** Every booking rule of the domain against the context; the failures in the request's language. */
function failuresOf(
  ctx: BookingContext,
  userId: string,
  contactPhone: string,
  now: Date,
  locale: Locale,
): TBookingFailure[] {
  const { slot } = ctx;
  const result = checkBookingEligibility(
    {
      patient: { id: ctx.patientKey, ...ctx.patient },
      contactPhone,
      referral: {
        id: ctx.referral.id,
        patientId: ctx.patientKey,
        status: ctx.referral.status,
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
      patientAppointments: ctx.patientAppointments,
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
function refusal(
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
async function withDeadlockRetry<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !hasSqlState(error, "40P01")) throw error;
    }
  }
}

/** A booking write refused by the database or a conditional update: which rule. */
class BookingRace extends Error {
  constructor(readonly code: DomainErrorCode) {
    super(code);
  }
}

function visitText(ctx: BookingContext, ticketNumber: string): string {
  const [y, m, d] = ctx.slot.localDate.split("-");
  return (
    `Вы записаны к врачу: ${d}.${m}.${y} в ${ctx.slot.localTime} (местное время, ${ctx.slot.timeZone}), ` +
    `${ctx.clinic.shortName}, ${ctx.clinic.address}, каб. ${ctx.doctor.room}. Талон ${ticketNumber}.`
  );
}

/**
 * Takes the slot (one conditional UPDATE), moves the referral to "booked", creates the appointment
 * (ticket number from the sequence), and writes the referral event, the journal entry, the outbox
 * messages and the slot NOTIFY — in the caller's transaction. The database's partial unique indexes
 * and exclusion constraints back every rule up; their refusals come back as `BookingRace`.
 */
async function writeBooking(
  tx: Database,
  ctx: BookingContext,
  userId: string,
  phone: string,
  now: Date,
  requestId: string,
): Promise<{ appointment: typeof appointments.$inferSelect; change: SlotChange }> {
  // A slot someone else is writing right now (a booking, a hold) is answered at once as taken instead
  // of waiting on its row lock: racing requests then free their connections at once.
  await tx.execute(sql`select id from slots where id = ${ctx.slot.id} for update nowait`);
  const [taken] = await tx
    .update(slots)
    .set({ status: "booked", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
    .where(and(eq(slots.id, ctx.slot.id), gt(slots.startsAt, now), takeableBy(userId, now)))
    .returning();
  if (!taken) throw new BookingRace("slot_taken");
  const [moved] = await tx
    .update(referrals)
    .set({ status: "booked", updatedAt: sql`now()` })
    .where(and(eq(referrals.id, ctx.referral.id), eq(referrals.status, "active")))
    .returning({ id: referrals.id });
  if (!moved) throw new BookingRace("referral_already_booked");
  const id = `apt_${randomBytes(10).toString("hex")}`;
  const [created] = await tx
    .insert(appointments)
    .values({
      id,
      userId,
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
      contactPhone: phone,
    })
    .returning();
  if (!created) throw new Error("unreachable: an insert returns its row");
  const { ticketNumber } = created;
  await tx.insert(referralEvents).values({
    referralId: ctx.referral.id,
    kind: "booked",
    actor: "system",
    reason: null,
    details: { appointmentId: id, slotId: taken.id, by: "patient" },
  });
  await recordAudit(tx, {
    action: "appointment.book",
    result: "success",
    actorUserId: userId,
    details: { appointmentId: id, referralId: ctx.referral.id, slotId: taken.id, ticketNumber },
    requestId,
  });
  // The phone was given for this visit: the confirmation goes there; by e-mail too where allowed.
  await enqueueMessage(tx, { channel: "sms", recipient: phone, body: visitText(ctx, ticketNumber) });
  if (ctx.account.channels.includes("email") && !ctx.account.email.endsWith(".invalid")) {
    await enqueueMessage(tx, {
      channel: "email",
      recipient: ctx.account.email,
      subject: `Запись к врачу, талон ${ticketNumber}`,
      body: visitText(ctx, ticketNumber),
    });
  }
  const change = slotChange(taken, "taken");
  await publishSlotChanges(tx, [change]);
  return { appointment: created, change };
}

/** `Idempotency-Key` values: 8–100 of `[A-Za-z0-9_-]` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Books a visit (DOMAIN.md "Booking"): all eligibility rules, then the writes in one transaction. The
 * idempotency key is claimed first in the same transaction, so a concurrent repeat waits for it and
 * then replays the stored answer; a key reused with another request is refused. Every answer — 201,
 * 404, 409 with alternatives, 422 with all failures — is stored with the key.
 */
export async function bookAppointment(
  deps: BookingDeps,
  input: { userId: string; key: string; request: TBookingRequest; locale: Locale; requestId: string },
  now = new Date(),
): Promise<BookingAnswer & { replayed: boolean }> {
  const { userId, key, request, locale, requestId } = input;
  const requestHash = createHash("sha256").update(canonicalJson(request)).digest("hex");
  await deps.slotIndex.ready();
  let change: SlotChange | null = null;
  const answer = await deps.db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, scope: SCOPE, key, requestHash, responseStatus: 0, responseBody: "" })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [prior] = await tx
        .select()
        .from(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.userId, userId),
            eq(idempotencyKeys.scope, SCOPE),
            eq(idempotencyKeys.key, key),
          ),
        );
      if (!prior || prior.requestHash !== requestHash) throw new AppError("idempotency_key_reused");
      if (prior.responseStatus === 0) throw new AppError("conflict", { logMessage: "same key in progress" });
      return {
        status: prior.responseStatus as BookingAnswer["status"],
        body: JSON.parse(prior.responseBody) as unknown,
        replayed: true,
      };
    }

    const decided = await decide(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: decided.status, responseBody: JSON.stringify(decided.body) })
      .where(
        and(
          eq(idempotencyKeys.userId, userId),
          eq(idempotencyKeys.scope, SCOPE),
          eq(idempotencyKeys.key, key),
        ),
      );
    return { ...decided, replayed: false };
  });
  if (change) deps.slotIndex.apply([change]);
  return answer;

  async function decide(tx: Database): Promise<BookingAnswer> {
    const ctx = await loadContext(tx, deps, userId, request.referralId, request.slotId);
    if (!ctx) {
      return {
        status: 404,
        body: { error: { code: "not_found", message: apiErrorMessage("not_found", locale), requestId } },
      };
    }
    const failures = failuresOf(ctx, userId, request.contactPhone, now, locale);
    if (failures.length > 0) {
      await recordAudit(tx, {
        action: "appointment.book",
        result: "failure",
        actorUserId: userId,
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
        tx.transaction((sp) => writeBooking(sp, ctx, userId, phone.value, now, requestId)),
      );
      change = written.change;
      const { doctor, clinic } = ctx;
      const view = toAppointment(written.appointment, {
        doctor: { ...doctor, specialty: doctor.specialtyCode },
        specialtyName:
          SPECIALTIES.find((s) => s.code === doctor.specialtyCode)?.nameRu ?? doctor.specialtyCode,
        clinic: {
          shortName: clinic.shortName,
          fullName: clinic.fullName,
          address: clinic.address,
          phone: clinic.registryPhone,
        },
        referralNumber: ctx.referral.number,
        patient: { kind: ctx.patient.kind, name: fullName(ctx.patient) },
      });
      return { status: 201, body: view };
    } catch (error) {
      const code =
        error instanceof BookingRace
          ? error.code
          : isLockNotAvailable(error)
            ? "slot_taken"
            : CONSTRAINT_CODES[constraintViolation(error)?.constraint ?? ""];
      if (code === undefined) throw error;
      return refusal(
        deps,
        ctx,
        [
          {
            code,
            message: errorMessage(code, locale),
            field: code === "referral_already_booked" ? "referralId" : "slotId",
          },
        ],
        now,
        locale,
        requestId,
      );
    }
  }
}

/** «Проверка введенных данных»: what will be booked, masked, with the problems already visible. */
export async function bookingPreview(
  deps: BookingDeps,
  input: { userId: string; referralId: string; slotId: string; locale: Locale },
  now = new Date(),
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

/** How long a stored answer is replayed; later the key is forgotten (clients retry within minutes). */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** Deletes stored answers older than a day; returns how many. */
export async function forgetOldIdempotencyKeys(db: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000);
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
