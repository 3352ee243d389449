import type {
  TNearestSlotsResponse,
  TReferralFreeDatesResponse,
  TFreeDatesResponse,
  TDaySlotsResponse,
  TReferralDetail,
  TReferralDoctorsResponse,
} from "@priyom/contracts";
import { clinics, doctors, type Database } from "@priyom/db";
import { guaranteedWaitDeadline, localDateTimeInZone } from "@priyom/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { toFreeSlot, type SlotChange } from "./slot-events.ts";
import type { IndexedDoctor, SlotIndex } from "./slot-index.ts";

/**
 * Free-slot search, read from the in-process slot index (`slot-index.ts`); doctors' descriptions come
 * from the database. Callers `await index.ready()` first.
 */

/** Filters of the doctors list (DOMAIN.md): qualification, place type, visit mode. */
export interface DoctorFilters {
  qualification?: string;
  placeType?: string;
  visitMode?: string;
}

/**
 * Doctors of the referral's specialty in the clinics it allows (narrowed by the filters), each with
 * its 3 nearest free slots that fall on or before the referral's last valid day, nearest first; and
 * whether anything is free within the guaranteed waiting time (DOMAIN.md "When nothing is free").
 */
export async function doctorsForReferral(
  db: Database,
  index: SlotIndex,
  referral: TReferralDetail,
  now: Date,
  filters: DoctorFilters = {},
): Promise<TReferralDoctorsResponse> {
  const allowed = referral.allowedClinics.map((c) => c.id);
  const candidates =
    allowed.length === 0
      ? []
      : await db
          .select({ doctor: doctors, clinic: clinics })
          .from(doctors)
          .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
          .where(
            and(
              eq(doctors.specialtyCode, referral.specialty.code),
              inArray(doctors.clinicId, allowed),
              filters.qualification === undefined
                ? undefined
                : eq(doctors.qualification, filters.qualification),
              filters.placeType === undefined
                ? undefined
                : eq(clinics.placeType, filters.placeType as "polyclinic"),
              filters.visitMode === undefined
                ? undefined
                : sql`${doctors.visitModes} @> ${JSON.stringify([filters.visitMode])}::jsonb`,
            ),
          );
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
      nearestSlots: index.nearest(doctor.id, now.getTime(), 3, referral.lastValidDay).map(toFreeSlot),
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

/** The doctor's zone: from the index, or from the database for a doctor the index has not met yet. */
async function doctorZone(db: Database, index: SlotIndex, doctorId: string): Promise<string | null> {
  const known = index.doctor(doctorId);
  if (known) return known.timeZone;
  const [doctor] = await db
    .select({ timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(doctors.id, doctorId));
  return doctor?.timeZone ?? null;
}

/** Dates between `from` and `to` (local, inclusive) on which the doctor has a free future slot. */
export async function freeDates(
  db: Database,
  index: SlotIndex,
  doctorId: string,
  range: { from: string; to: string },
  now: Date,
): Promise<TFreeDatesResponse | null> {
  const timeZone = await doctorZone(db, index, doctorId);
  if (timeZone === null) return null;
  return { timeZone, dates: index.freeDates(doctorId, range.from, range.to, now.getTime()) };
}

/** The doctor's free future starts on one local date, in order. */
export async function daySlots(
  db: Database,
  index: SlotIndex,
  doctorId: string,
  date: string,
  now: Date,
): Promise<TDaySlotsResponse | null> {
  const timeZone = await doctorZone(db, index, doctorId);
  if (timeZone === null) return null;
  return { timeZone, date, slots: index.day(doctorId, date, now.getTime()).map(toFreeSlot) };
}

/** The nearest free slots of a specialty across a region's clinics, nearest first (index only). */
export function nearestInRegion(
  index: SlotIndex,
  query: { specialty: string; region: string; limit: number },
  now: Date,
): TNearestSlotsResponse {
  const found: { slot: SlotChange; doctor: IndexedDoctor }[] = [];
  for (const doctor of index.doctors({ specialty: query.specialty, region: query.region })) {
    for (const slot of index.nearest(doctor.id, now.getTime(), query.limit)) found.push({ slot, doctor });
  }
  found.sort((a, b) => a.slot.startsAt - b.slot.startsAt);
  return {
    items: found.slice(0, query.limit).map(({ slot, doctor }) => ({
      ...toFreeSlot(slot),
      doctor: { id: doctor.id, name: doctor.name, room: doctor.room },
      clinic: { id: doctor.clinicId, shortName: doctor.clinicShortName, address: doctor.clinicAddress },
    })),
  };
}

/**
 * Free dates from `from` to `to` over every doctor of the referral's specialty in the clinics it
 * allows, on or before its last valid day: per local date, the free starts and which doctors have them.
 */
export function referralFreeDates(
  index: SlotIndex,
  referral: Pick<TReferralDetail, "specialty" | "allowedClinics" | "lastValidDay">,
  range: { from: string; to: string },
  now: Date,
): TReferralFreeDatesResponse {
  const to = range.to < referral.lastValidDay ? range.to : referral.lastValidDay;
  const byDate = new Map<string, { free: number; doctorIds: string[] }>();
  const doctors = index.doctors({
    specialty: referral.specialty.code,
    clinicIds: referral.allowedClinics.map((c) => c.id),
  });
  for (const doctor of doctors) {
    for (const { date, free } of index.freeDates(doctor.id, range.from, to, now.getTime())) {
      const entry = byDate.get(date) ?? { free: 0, doctorIds: [] };
      entry.free += free;
      entry.doctorIds.push(doctor.id);
      byDate.set(date, entry);
    }
  }
  return {
    dates: [...byDate.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, entry]) => ({ date, ...entry })),
  };
}
