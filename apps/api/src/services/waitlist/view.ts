import type { TWaitlistEntry } from "@priyom/contracts";
import { clinics, doctors, referrals, slots, specialties, waitlistEntries, type Database } from "@priyom/db";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { fullName } from "../booking/appointment-view.ts";

/**
 * Entries as their patient sees them, live first, then newest first. `position` is 1 + the live
 * entries of the same specialty created earlier whose date range overlaps this one's (null once the
 * entry ended); an offer shows the held slot and the seconds left by `now`.
 */
export async function findEntries(
  db: Database,
  where: SQL | undefined,
  now: Date,
): Promise<TWaitlistEntry[]> {
  const live = sql`${waitlistEntries.status} in ('waiting', 'offered')`;
  const rows = await db
    .select({
      e: waitlistEntries,
      referralNumber: referrals.number,
      specialtyName: specialties.nameRu,
      position: sql<number | null>`case when ${live} then (1 + (
          select count(*) from waitlist_entries other
          where other.status in ('waiting', 'offered')
            and other.specialty_code = ${waitlistEntries.specialtyCode}
            and (other.created_at, other.id) < (${waitlistEntries.createdAt}, ${waitlistEntries.id})
            and other.from_date <= ${waitlistEntries.toDate}
            and other.to_date >= ${waitlistEntries.fromDate}))::int end`,
      slot: {
        localDate: slots.localDate,
        localTime: slots.localTime,
        timeZone: slots.timeZone,
        doctorId: slots.doctorId,
      },
      doctor: {
        lastName: doctors.lastName,
        firstName: doctors.firstName,
        middleName: doctors.middleName,
        room: doctors.room,
      },
      clinic: { id: clinics.id, shortName: clinics.shortName, address: clinics.address },
    })
    .from(waitlistEntries)
    .innerJoin(referrals, eq(referrals.id, waitlistEntries.referralId))
    .innerJoin(specialties, eq(specialties.code, waitlistEntries.specialtyCode))
    .leftJoin(slots, and(eq(slots.id, waitlistEntries.offeredSlotId), eq(waitlistEntries.status, "offered")))
    .leftJoin(doctors, eq(doctors.id, slots.doctorId))
    .leftJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(where)
    .orderBy(desc(live), desc(waitlistEntries.createdAt), desc(waitlistEntries.id));
  return rows.map(({ e, referralNumber, specialtyName, position, slot, doctor, clinic }) => {
    const expiresAt = e.offerExpiresAt;
    const offer =
      e.status === "offered" && e.offeredSlotId !== null && expiresAt !== null && slot && doctor && clinic
        ? {
            slotId: e.offeredSlotId,
            localDate: slot.localDate,
            localTime: slot.localTime,
            timeZone: slot.timeZone,
            expiresAt: expiresAt.toISOString(),
            secondsLeft: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
            doctor: { id: slot.doctorId, name: fullName(doctor), room: doctor.room },
            clinic,
          }
        : null;
    return {
      id: e.id,
      referral: { id: e.referralId, number: referralNumber, specialty: specialtyName },
      fromDate: e.fromDate,
      toDate: e.toDate,
      clinicIds: e.clinicIds,
      doctorIds: e.doctorIds,
      status: e.status,
      position: position === null ? null : Number(position),
      offer,
      appointmentId: e.appointmentId,
      createdAt: e.createdAt.toISOString(),
    };
  });
}

/** The account's entries (its own referrals' and its children's). */
export function listEntries(db: Database, userId: string, now: Date): Promise<TWaitlistEntry[]> {
  return findEntries(db, eq(waitlistEntries.userId, userId), now);
}

/** One entry of the account, or null (another account's is null too). */
export async function findEntry(
  db: Database,
  userId: string,
  id: string,
  now: Date,
): Promise<TWaitlistEntry | null> {
  const [found] = await findEntries(
    db,
    and(eq(waitlistEntries.userId, userId), eq(waitlistEntries.id, id)),
    now,
  );
  return found ?? null;
}
