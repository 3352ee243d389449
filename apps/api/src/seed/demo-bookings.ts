import { randomBytes } from "node:crypto";
import { appointments, clinics, doctors, referrals, slots, type Database } from "@priyom/db";
import { addDays, localDateTimeInZone } from "@priyom/domain";
import { and, asc, between, count, eq, gt, inArray, like, sql } from "drizzle-orm";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { createBulkPatients, type BulkPatient } from "./bulk-patients.ts";

/** The demo doctor whose next 3 weeks are fully booked, so the calendar has to show alternatives. */
export const FULLY_BOOKED_DOCTOR = { clinicId: "cln_msk0002", externalId: "demo-cardiologist" };
/** Share of the other demo doctors' slots over the next two weeks taken by other (seeded) patients. */
const BUSY_SHARE = 0.3;

/**
 * Other patients' visits in the demo: every demo doctor has some of the next two weeks' slots booked
 * (every third one, so the free times are scattered as in a real clinic), and the Moscow cardiologist
 * is fully booked for 3 weeks. Written straight to the database (slots booked, appointments, referrals
 * booked) — once: nothing happens when demo bookings exist.
 */
export async function seedDemoBookings(deps: { db: Database; cipher: FieldCipher }, now = new Date()) {
  const { db } = deps;
  const [existing] = await db
    .select({ n: count() })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(like(doctors.externalId, "demo-%"));
  if ((existing?.n ?? 0) > 0) return;
  const demoDoctors = await db
    .select({
      id: doctors.id,
      clinicId: doctors.clinicId,
      externalId: doctors.externalId,
      specialty: doctors.specialtyCode,
      timeZone: clinics.timeZone,
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(like(doctors.externalId, "demo-%"))
    .orderBy(asc(doctors.id));
  const chosen: (typeof slots.$inferSelect & { clinicId: string; specialty: string })[] = [];
  for (const d of demoDoctors) {
    const today = localDateTimeInZone(now, d.timeZone).localDate;
    const fully =
      d.clinicId === FULLY_BOOKED_DOCTOR.clinicId && d.externalId === FULLY_BOOKED_DOCTOR.externalId;
    const rows = await db
      .select()
      .from(slots)
      .where(
        and(
          eq(slots.doctorId, d.id),
          eq(slots.status, "free"),
          gt(slots.startsAt, now),
          between(slots.localDate, today, addDays(today, fully ? 21 : 14)),
        ),
      )
      .orderBy(asc(slots.startsAt));
    const step = Math.round(1 / BUSY_SHARE);
    for (const [i, row] of rows.entries()) {
      if (fully || i % step === 1) chosen.push({ ...row, clinicId: d.clinicId, specialty: d.specialty });
    }
  }
  if (chosen.length === 0) return;
  // One patient per visit, with a referral of the doctor's specialty valid in every demo clinic.
  const clinicIds = [...new Set(demoDoctors.map((d) => d.clinicId))];
  const patients: BulkPatient[] = [];
  chosen.sort((a, b) => a.specialty.localeCompare(b.specialty));
  for (const specialty of [...new Set(chosen.map((s) => s.specialty))]) {
    const made = await createBulkPatients(deps, {
      count: chosen.filter((s) => s.specialty === specialty).length,
      specialties: [specialty],
      issuingClinicId: FULLY_BOOKED_DOCTOR.clinicId,
      allowedClinicIds: clinicIds,
      now,
    });
    patients.push(...made);
  }
  await db.transaction(async (tx) => {
    const CHUNK = 500;
    for (let i = 0; i < chosen.length; i += CHUNK) {
      const part = chosen.slice(i, i + CHUNK);
      await tx
        .update(slots)
        .set({ status: "booked", updatedAt: sql`now()` })
        .where(
          inArray(
            slots.id,
            part.map((s) => s.id),
          ),
        );
      await tx.insert(appointments).values(
        part.map((slot, j) => {
          const patient = patients[i + j];
          if (!patient) throw new Error("unreachable: one patient per slot");
          return {
            id: `apt_${randomBytes(10).toString("hex")}`,
            userId: patient.userId,
            patientKey: patient.userId,
            referralId: patient.referralIds[0] ?? "",
            slotId: slot.id,
            doctorId: slot.doctorId,
            clinicId: slot.clinicId,
            localDate: slot.localDate,
            localTime: slot.localTime,
            timeZone: slot.timeZone,
            minutes: slot.minutes,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            contactPhone: patient.phone,
          };
        }),
      );
      await tx
        .update(referrals)
        .set({ status: "booked" })
        .where(
          inArray(
            referrals.id,
            part.map((_, j) => patients[i + j]?.referralIds[0] ?? ""),
          ),
        );
    }
  });
}
