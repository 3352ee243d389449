import { ADULT_AGE, SPECIALTIES, type SpecialtyCode } from "./specialties.ts";

/**
 * Whether a specialty serves a patient of this age in full years (a pediatrician: under 18 only).
 *
 * @example
 * specialtyServesAge("pediatrician", 17); // true
 * specialtyServesAge("pediatrician", 18); // false
 */
export function specialtyServesAge(code: SpecialtyCode, age: number): boolean {
  const specialty = SPECIALTIES.find((s) => s.code === code);
  return specialty?.patientAge !== "child" || age < ADULT_AGE;
}
