import type { TAppointment, TAppointmentScope } from "@priyom/contracts";
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
import { DEFAULT_CHANGE_CUTOFF_HOURS } from "@priyom/domain";
import { and, asc, desc, eq, gt, lte, ne, or, type SQL } from "drizzle-orm";

export const fullName = (p: { lastName: string; firstName: string; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(" ");

/**
 * Appointments matching `where` as the patient sees them, by start (nearest first, or newest first
 * with `order: "desc"`); `changeCutoffHours` gives their `changeableUntil`.
 */
export async function findAppointments(
  db: Database,
  where: SQL | undefined,
  options: { order?: "asc" | "desc"; changeCutoffHours?: number } = {},
): Promise<TAppointment[]> {
  const rows = await db
    .select({
      a: appointments,
      doctor: {
        lastName: doctors.lastName,
        firstName: doctors.firstName,
        middleName: doctors.middleName,
        room: doctors.room,
        specialty: doctors.specialtyCode,
      },
      specialtyName: specialties.nameRu,
      clinic: {
        shortName: clinics.shortName,
        fullName: clinics.fullName,
        address: clinics.address,
        phone: clinics.registryPhone,
      },
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
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .innerJoin(referrals, eq(referrals.id, appointments.referralId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.userId))
    .leftJoin(children, eq(children.id, appointments.childId))
    .where(where)
    .orderBy(
      options.order === "desc" ? desc(appointments.startsAt) : asc(appointments.startsAt),
      asc(appointments.createdAt),
    );
  return rows.map(({ a, doctor, specialtyName, clinic, referralNumber, self, child }) =>
    toAppointment(
      a,
      {
        doctor,
        specialtyName,
        clinic,
        referralNumber,
        patient:
          a.childId !== null && child?.lastName
            ? { kind: "child", name: fullName({ ...child, middleName: child.middleName ?? null }) }
            : {
                kind: "self",
                name: self?.lastName ? fullName({ ...self, middleName: self.middleName ?? null }) : "",
              },
      },
      options.changeCutoffHours,
    ),
  );
}

/** What an appointment is shown with besides its own row. */
export interface AppointmentParts {
  doctor: { lastName: string; firstName: string; middleName: string | null; room: string; specialty: string };
  specialtyName: string;
  clinic: { shortName: string; fullName: string; address: string; phone: string | null };
  referralNumber: string;
  patient: TAppointment["patient"];
}

/** Patients may reschedule or cancel until this many hours before the start (`APPOINTMENT_CHANGE_CUTOFF_HOURS`). */
export { DEFAULT_CHANGE_CUTOFF_HOURS };

/** An appointment row and its parts as the patient sees it (the ticket). */
export function toAppointment(
  a: typeof appointments.$inferSelect,
  parts: AppointmentParts,
  changeCutoffHours = DEFAULT_CHANGE_CUTOFF_HOURS,
): TAppointment {
  const { doctor } = parts;
  return {
    id: a.id,
    ticketNumber: a.ticketNumber,
    status: a.status,
    localDate: a.localDate,
    localTime: a.localTime,
    minutes: a.minutes,
    timeZone: a.timeZone,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    patient: parts.patient,
    doctor: {
      id: a.doctorId,
      name: fullName(doctor),
      specialty: { code: doctor.specialty, nameRu: parts.specialtyName },
      room: doctor.room,
    },
    clinic: { id: a.clinicId, ...parts.clinic },
    referral: { id: a.referralId, number: parts.referralNumber },
    contactPhone: a.contactPhone,
    visitMode: a.visitMode,
    cancelledBy: a.cancelledBy ?? null,
    cancelReason: a.cancelReason ?? null,
    rescheduledToId: a.rescheduledToId ?? null,
    changeableUntil:
      a.status === "booked"
        ? new Date(a.startsAt.getTime() - changeCutoffHours * 3_600_000).toISOString()
        : null,
    createdAt: a.createdAt.toISOString(),
  };
}

/** One appointment of the account (its own or its children's), or null (another account's is null too). */
export async function findAppointment(
  db: Database,
  userId: string,
  id: string,
  changeCutoffHours?: number,
): Promise<TAppointment | null> {
  const [found] = await findAppointments(db, and(eq(appointments.userId, userId), eq(appointments.id, id)), {
    ...(changeCutoffHours === undefined ? {} : { changeCutoffHours }),
  });
  return found ?? null;
}

/**
 * The account's appointments (its own and its children's: the parent's account books them).
 * `upcoming`: booked and not yet ended, nearest first; `past`: every other one (ended, cancelled,
 * rescheduled, done, missed), newest first; `all`: every one, by start.
 */
export function listAppointments(
  db: Database,
  userId: string,
  options: { scope?: TAppointmentScope; now?: Date; changeCutoffHours?: number } = {},
): Promise<TAppointment[]> {
  const { scope = "all", now = new Date() } = options;
  const cutoff =
    options.changeCutoffHours === undefined ? {} : { changeCutoffHours: options.changeCutoffHours };
  const mine = eq(appointments.userId, userId);
  if (scope === "upcoming") {
    return findAppointments(
      db,
      and(mine, eq(appointments.status, "booked"), gt(appointments.endsAt, now)),
      cutoff,
    );
  }
  if (scope === "past") {
    return findAppointments(
      db,
      and(mine, or(ne(appointments.status, "booked"), lte(appointments.endsAt, now))),
      { ...cutoff, order: "desc" },
    );
  }
  return findAppointments(db, mine, cutoff);
}
