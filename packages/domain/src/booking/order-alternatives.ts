import type { SpecialtyCode } from "../specialties/specialties.ts";
import { instantMs, type Instant } from "./instant.ts";

/** A free slot offered as an alternative. */
export type AlternativeSlot = {
  doctorId: string;
  clinicId: string;
  specialty: SpecialtyCode;
  start: Instant;
};

/** Why an alternative is offered, in order of preference. */
export type AlternativeGroup = "same_doctor" | "same_clinic" | "other_clinic";

const GROUP_RANK: Readonly<Record<AlternativeGroup, number>> = {
  same_doctor: 0,
  same_clinic: 1,
  other_clinic: 2,
};

/**
 * The group of a candidate relative to the wanted slot, or `null` when it is not offered (another
 * specialty, or a clinic the referral does not allow).
 *
 * @example
 * alternativeGroup(wanted, { ...wanted, doctorId: "d2" }, ["c1"]); // "same_clinic"
 */
export function alternativeGroup(
  wanted: AlternativeSlot,
  candidate: AlternativeSlot,
  allowedClinicIds: readonly string[],
): AlternativeGroup | null {
  if (candidate.specialty !== wanted.specialty || !allowedClinicIds.includes(candidate.clinicId)) return null;
  if (candidate.doctorId === wanted.doctorId && candidate.clinicId === wanted.clinicId) return "same_doctor";
  return candidate.clinicId === wanted.clinicId ? "same_clinic" : "other_clinic";
}

/**
 * Orders free slots offered when the wanted one is gone: the same doctor first, then the same
 * specialty in the same clinic, then the other clinics the referral allows; within each group the
 * slot nearest the wanted time first (ties: the earlier one, then by doctor and clinic id, so the
 * order is stable). Other specialties, clinics the referral does not allow and the wanted slot itself
 * are left out. The input is not modified.
 *
 * @example
 * const wanted = { doctorId: "d1", clinicId: "c1", specialty: "cardiologist", start: Date.UTC(2025, 2, 3, 6) };
 * orderAlternatives(wanted, [
 *   { doctorId: "d9", clinicId: "c2", specialty: "cardiologist", start: Date.UTC(2025, 2, 3, 6) },
 *   { doctorId: "d1", clinicId: "c1", specialty: "cardiologist", start: Date.UTC(2025, 2, 5, 6) },
 * ], ["c1", "c2"]);
 * // [the d1 slot on 5 March, the d9 slot in c2]
 */
export function orderAlternatives<T extends AlternativeSlot>(
  wanted: AlternativeSlot,
  candidates: readonly T[],
  allowedClinicIds: readonly string[],
  limit = Number.POSITIVE_INFINITY,
): T[] {
  const wantedMs = instantMs(wanted.start);
  const ranked: { slot: T; rank: number; start: number; distance: number }[] = [];
  for (const slot of candidates) {
    const group = alternativeGroup(wanted, slot, allowedClinicIds);
    const start = instantMs(slot.start);
    if (group === null || (group === "same_doctor" && start === wantedMs)) continue;
    ranked.push({ slot, rank: GROUP_RANK[group], start, distance: Math.abs(start - wantedMs) });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.distance - b.distance ||
      a.start - b.start ||
      compareText(a.slot.doctorId, b.slot.doctorId) ||
      compareText(a.slot.clinicId, b.slot.clinicId),
  );
  return ranked.slice(0, limit).map((r) => r.slot);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
