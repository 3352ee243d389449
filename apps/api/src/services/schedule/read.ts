import type { TStaffDoctor, TStaffSchedule } from "@priyom/contracts";
import { clinics, doctors, scheduleExceptions, scheduleRules, type Database } from "@priyom/db";
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "../../errors.ts";

/**
 * The doctors of `clinicId` for the staff screens, by last and first name: the clinic's own id
 * (`externalId`) the schedule routes take, the name as one line, specialty code and room.
 */
export async function listStaffDoctors(db: Database, clinicId: string): Promise<TStaffDoctor[]> {
  const rows = await db
    .select()
    .from(doctors)
    .where(eq(doctors.clinicId, clinicId))
    .orderBy(asc(doctors.lastName), asc(doctors.firstName), asc(doctors.id));
  return rows.map((d) => ({
    id: d.id,
    externalId: d.externalId,
    name: [d.lastName, d.firstName, d.middleName].filter(Boolean).join(" "),
    specialty: d.specialtyCode,
    room: d.room,
  }));
}

/**
 * A doctor's schedule as published, in the shape that replaces it (`PUT …/schedule`), so a reader
 * can change one thing and send the whole back: rules by weekday and start, exceptions by date (past
 * ones included — they are part of the schedule until replaced), and the clinic's zone. Another
 * clinic's doctor is 404, as for one that does not exist.
 * @example
 *   await readDoctorSchedule(db, "cln_msk0002", "card-1")
 *   // { timeZone: "Europe/Moscow", rules: [{ weekday: 1, from: "09:00", to: "15:00", breaks: [], visitMinutes: 30 }, …], exceptions: [] }
 */
export async function readDoctorSchedule(
  db: Database,
  clinicId: string,
  externalId: string,
): Promise<TStaffSchedule> {
  const [doctor] = await db
    .select({ id: doctors.id, timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(and(eq(doctors.clinicId, clinicId), eq(doctors.externalId, externalId)));
  if (!doctor) throw new AppError("not_found", { logMessage: "doctor not found for this clinic" });
  const [rules, exceptions] = await Promise.all([
    db
      .select()
      .from(scheduleRules)
      .where(eq(scheduleRules.doctorId, doctor.id))
      .orderBy(asc(scheduleRules.weekday), asc(scheduleRules.fromTime)),
    db
      .select()
      .from(scheduleExceptions)
      .where(eq(scheduleExceptions.doctorId, doctor.id))
      .orderBy(asc(scheduleExceptions.date)),
  ]);
  return {
    timeZone: doctor.timeZone,
    rules: rules.map((r) => ({
      weekday: r.weekday,
      from: r.fromTime,
      to: r.toTime,
      breaks: r.breaks.map((b) => ({ from: b.from, to: b.to })),
      visitMinutes: r.visitMinutes,
    })),
    exceptions: exceptions.map((e) =>
      e.kind === "other_hours"
        ? {
            date: e.date,
            kind: e.kind,
            ...(e.fromTime !== null ? { from: e.fromTime } : {}),
            ...(e.toTime !== null ? { to: e.toTime } : {}),
            breaks: (e.breaks ?? []).map((b) => ({ from: b.from, to: b.to })),
            ...(e.visitMinutes !== null ? { visitMinutes: e.visitMinutes } : {}),
          }
        : { date: e.date, kind: e.kind },
    ),
  };
}
