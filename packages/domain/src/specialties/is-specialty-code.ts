import { SPECIALTY_CODES, type SpecialtyCode } from "./specialties.ts";

/**
 * Whether a value is one of the specialty codes.
 *
 * @example
 * isSpecialtyCode("cardiologist"); // true
 * isSpecialtyCode("кардиолог"); // false: codes, not names
 */
export function isSpecialtyCode(x: unknown): x is SpecialtyCode {
  return typeof x === "string" && (SPECIALTY_CODES as readonly string[]).includes(x);
}
