import type { TAlternativeSlot } from "@priyom/contracts";
import { orderAlternatives, type SpecialtyCode } from "@priyom/domain";
import { toFreeSlot, type SlotChange } from "../schedule/slot-events.ts";
import type { SlotIndex } from "../schedule/slot-index.ts";

/** Free slots looked at per doctor when offering alternatives. */
const PER_DOCTOR = 8;
export const ALTERNATIVES_SHOWN = 10;

/** The slot that is gone, and what the booking was for. */
export interface WantedSlot {
  slotId: string;
  doctorId: string;
  startsAt: number;
  /** The referral's specialty and allowed clinics; without a referral, the doctor's specialty in its region. */
  referral?: { specialty: string; allowedClinicIds: readonly string[]; lastValidDay: string };
}

/**
 * Alternatives in DOMAIN.md's order — the same doctor, then the same specialty in the same clinic,
 * then the other clinics the referral allows, nearest the wanted time first — read from the index.
 */
export function alternativesFor(index: SlotIndex, wanted: WantedSlot, now: Date): TAlternativeSlot[] {
  const doctor = index.doctor(wanted.doctorId);
  if (!doctor) return [];
  const specialty = wanted.referral?.specialty ?? doctor.specialty;
  const allowed =
    wanted.referral?.allowedClinicIds ??
    index.doctors({ specialty, region: doctor.region }).map((d) => d.clinicId);
  const candidates: (SlotChange & { clinicId: string; specialty: SpecialtyCode; start: number })[] = [];
  for (const d of index.doctors({ specialty, clinicIds: allowed })) {
    for (const slot of index.nearest(d.id, now.getTime(), PER_DOCTOR, wanted.referral?.lastValidDay)) {
      if (slot.slotId === wanted.slotId) continue;
      candidates.push({
        ...slot,
        clinicId: d.clinicId,
        specialty: d.specialty as SpecialtyCode,
        start: slot.startsAt,
      });
    }
  }
  const ordered = orderAlternatives(
    {
      doctorId: doctor.id,
      clinicId: doctor.clinicId,
      specialty: specialty as SpecialtyCode,
      start: wanted.startsAt,
    },
    candidates,
    allowed,
    ALTERNATIVES_SHOWN,
  );
  return ordered.flatMap((slot) => {
    const d = index.doctor(slot.doctorId);
    if (!d) return [];
    const group =
      slot.doctorId === doctor.id
        ? "same_doctor"
        : slot.clinicId === doctor.clinicId
          ? "same_clinic"
          : "other_clinic";
    return [
      {
        ...toFreeSlot(slot),
        group,
        doctor: { id: d.id, name: d.name, room: d.room },
        clinic: { id: d.clinicId, shortName: d.clinicShortName, address: d.clinicAddress },
      },
    ];
  });
}
