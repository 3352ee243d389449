import { fail, ok, type Result } from "../errors/result.ts";
import { DIGITS_ONLY, stripSeparators } from "./strip-separators.ts";

/** The first nine digits up to and including 001-001-998 predate the check number and pass with any. */
const LAST_UNCHECKED = 1_001_998;

/**
 * The two-digit check number of a СНИЛС from its first nine digits: weights 9…1; a sum below 100 is
 * the check number, 100 or 101 give `00`, above 101 the sum mod 101 (a remainder of 100 gives `00`).
 *
 * @example
 * snilsCheckNumber("112233445"); // "95"
 */
export function snilsCheckNumber(firstNine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i] ?? "0") * (9 - i);
  let check = sum;
  if (sum === 100 || sum === 101) check = 0;
  else if (sum > 101) check = sum % 101 === 100 ? 0 : sum % 101;
  return String(check).padStart(2, "0");
}

/**
 * Checks a СНИЛС and returns its 11 bare digits. Spaces, hyphens and no-break spaces are stripped;
 * any other character is a format error. All zeros are rejected; numbers up to and including
 * `001-001-998` are not checked (any check digits pass).
 *
 * @example
 * checkSnils("112-233-445 95"); // { ok: true, value: "11223344595" }
 * checkSnils("112-233-445 96"); // { ok: false, error: { code: "snils_checksum", field: "snils", … } }
 */
export function checkSnils(input: string): Result<string> {
  const digits = stripSeparators(input);
  if (digits === "") return fail("snils_required", "snils");
  if (!DIGITS_ONLY.test(digits) || digits.length !== 11) return fail("snils_invalid_format", "snils");
  if (/^0+$/.test(digits)) return fail("snils_all_zeros", "snils");
  const firstNine = digits.slice(0, 9);
  if (Number(firstNine) > LAST_UNCHECKED && snilsCheckNumber(firstNine) !== digits.slice(9)) {
    return fail("snils_checksum", "snils");
  }
  return ok(digits);
}

/**
 * Formats a СНИЛС as `XXX-XXX-XXX YY`. Input that is not 11 digits after stripping separators is
 * returned unchanged.
 *
 * @example
 * formatSnils("11223344595"); // "112-233-445 95"
 */
export function formatSnils(digits: string): string {
  const bare = stripSeparators(digits);
  if (!DIGITS_ONLY.test(bare) || bare.length !== 11) return digits;
  return `${bare.slice(0, 3)}-${bare.slice(3, 6)}-${bare.slice(6, 9)} ${bare.slice(9)}`;
}
