import { doctors, scheduleRules, type Database } from "@priyom/db";
import { count } from "drizzle-orm";
import { replaceDoctorSchedule } from "../services/schedule/replace.ts";

/**
 * Weekly hours of every demo doctor — weekdays, 08:00–20:00 or 09:00–15:00 by doctor, lunch
 * 13:00–14:00 in the long days, 30-minute visits (15 for the laboratory) — and their slots for the
 * next 8 weeks. Once: doctors that have rules keep them.
 */
export async function seedDemoSchedules(db: Database, now = new Date()): Promise<void> {
  const [existing] = await db.select({ n: count() }).from(scheduleRules);
  if ((existing?.n ?? 0) > 0) return;
  const all = await db
    .select({ clinicId: doctors.clinicId, externalId: doctors.externalId, specialty: doctors.specialtyCode })
    .from(doctors);
  for (const [i, doctor] of all.entries()) {
    const longDay = i % 2 === 0;
    const visitMinutes = doctor.specialty === "laboratory" ? 15 : 30;
    const rules = [1, 2, 3, 4, 5].map((weekday) =>
      longDay
        ? { weekday, from: "08:00", to: "20:00", breaks: [{ from: "13:00", to: "14:00" }], visitMinutes }
        : { weekday, from: "09:00", to: "15:00", visitMinutes },
    );
    await replaceDoctorSchedule(db, doctor.clinicId, doctor.externalId, { rules, exceptions: [] }, "ru", now);
  }
}
