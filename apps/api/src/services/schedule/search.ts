import type {
  TFreeDatesResponse,
  TDaySlotsResponse,
  TFreeSlot,
  TReferralDetail,
  TReferralDoctorsResponse,
} from "@priyom/contracts";
import { clinics, doctors, queryRows, slots, type Database } from "@priyom/db";
import { guaranteedWaitDeadline, localDateTimeInZone } from "@priyom/domain";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";

/**
 * Free-slot search straight from the slot table (indexed by doctor and start). The in-process
 * bitmap index of ARCHITECTURE.md comes with the booking step, when slot changes are published;
 * the database stays the truth either way.
 */

const toFreeSlot = (row: {
  id: string;
  localDate: string;
  localTime: string;
  minutes: number;
  timeZone: string;
  startsAt: Date;
}): TFreeSlot => ({
  slotId: row.id,
  localDate: row.localDate,
  localTime: row.localTime,
  minutes: row.minutes,
  timeZone: row.timeZone,
  startsAt: row.startsAt.toISOString(),
});

/**
 * Doctors of the referral's specialty in the clinics it allows, each with its 3 nearest free
 * slots that fall on or before the referral's last valid day, nearest first; and whether anything
 * is free within the guaranteed waiting time (DOMAIN.md "When nothing is free").
 */
export async function doctorsForReferral(
  db: Database,
  referral: TReferralDetail,
  now: Date,
): Promise<TReferralDoctorsResponse> {
  const allowed = referral.allowedClinics.map((c) => c.id);
  const candidates =
    allowed.length === 0
      ? []
      : await db
          .select({ doctor: doctors, clinic: clinics })
          .from(doctors)
          .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
          .where(and(eq(doctors.specialtyCode, referral.specialty.code), inArray(doctors.clinicId, allowed)));
  const ids = candidates.map((c) => c.doctor.id);
  const nearest =
    ids.length === 0
      ? []
      : await queryRows<{
          id: string;
          doctor_id: string;
          local_date: string;
          local_time: string;
          minutes: number;
          time_zone: string;
          starts_at: string | Date;
        }>(
          db,
          sql`select id, doctor_id, local_date, local_time, minutes, time_zone, starts_at from (
                select s.*, row_number() over (partition by s.doctor_id order by s.starts_at) as n
                from slots s
                where s.doctor_id in (${sql.join(
                  ids.map((id) => sql`${id}`),
                  sql`, `,
                )})
                  and s.status = 'free' and s.starts_at > ${now.toISOString()}::timestamptz
                  and s.local_date <= ${referral.lastValidDay}
              ) ranked where n <= 3 order by starts_at`,
        );
  const byDoctor = new Map<string, TFreeSlot[]>();
  for (const row of nearest) {
    const list = byDoctor.get(row.doctor_id) ?? [];
    list.push(
      toFreeSlot({
        id: row.id,
        localDate: row.local_date,
        localTime: row.local_time,
        minutes: Number(row.minutes),
        timeZone: row.time_zone,
        startsAt: new Date(row.starts_at),
      }),
    );
    byDoctor.set(row.doctor_id, list);
  }
  const items = candidates
    .map(({ doctor, clinic }) => ({
      id: doctor.id,
      lastName: doctor.lastName,
      firstName: doctor.firstName,
      middleName: doctor.middleName,
      specialty: doctor.specialtyCode,
      qualification: doctor.qualification,
      licenceNumber: doctor.licenceNumber,
      room: doctor.room,
      visitModes: doctor.visitModes,
      clinic: {
        id: clinic.id,
        shortName: clinic.shortName,
        address: clinic.address,
        timeZone: clinic.timeZone,
        placeType: clinic.placeType,
      },
      nearestSlots: byDoctor.get(doctor.id) ?? [],
    }))
    // Doctors with the earliest free slot first; those with none last.
    .sort((a, b) =>
      (a.nearestSlots[0]?.startsAt ?? "9999").localeCompare(b.nearestSlots[0]?.startsAt ?? "9999"),
    );
  const today = localDateTimeInZone(now, "Europe/Moscow").localDate;
  const guaranteedWaitUntil = guaranteedWaitDeadline(today, referral.urgency, []);
  return {
    items,
    guaranteedWaitUntil,
    freeWithinGuaranteedWait: items.some((d) =>
      d.nearestSlots.some((s) => s.localDate <= guaranteedWaitUntil),
    ),
  };
}

/** Dates between `from` and `to` (local, inclusive) on which the doctor has a free future slot. */
export async function freeDates(
  db: Database,
  doctorId: string,
  range: { from: string; to: string },
  now: Date,
): Promise<TFreeDatesResponse | null> {
  const [doctor] = await db
    .select({ timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(doctors.id, doctorId));
  if (!doctor) return null;
  const rows = await queryRows<{ local_date: string; free: number }>(
    db,
    sql`select local_date, count(*)::int as free from slots
        where doctor_id = ${doctorId} and status = 'free' and starts_at > ${now.toISOString()}::timestamptz
          and local_date between ${range.from} and ${range.to}
        group by local_date order by local_date`,
  );
  return {
    timeZone: doctor.timeZone,
    dates: rows.map((r) => ({ date: r.local_date, free: Number(r.free) })),
  };
}

/** The doctor's free future starts on one local date, in order. */
export async function daySlots(
  db: Database,
  doctorId: string,
  date: string,
  now: Date,
): Promise<TDaySlotsResponse | null> {
  const [doctor] = await db
    .select({ timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(doctors.id, doctorId));
  if (!doctor) return null;
  const rows = await db
    .select()
    .from(slots)
    .where(
      and(
        eq(slots.doctorId, doctorId),
        eq(slots.localDate, date),
        eq(slots.status, "free"),
        gt(slots.startsAt, now),
      ),
    )
    .orderBy(asc(slots.localTime));
  return { timeZone: doctor.timeZone, date, slots: rows.map(toFreeSlot) };
}
