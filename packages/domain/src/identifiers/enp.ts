import { fail, ok, type Result } from "../errors/result.ts";
import { DIGITS_ONLY, stripSeparators } from "./strip-separators.ts";

/**
 * Whether a digit string passes the Luhn (mod 10) check, its last digit being the check digit.
 *
 * @example
 * luhnValid("79927398713"); // true
 * luhnValid("79927398710"); // false
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Checks a полис ОМС (ЕНП) number: 16 digits after stripping spaces, hyphens and no-break spaces;
 * the last is a Luhn check digit over all 16; all zeros are rejected.
 *
 * @example
 * checkEnp("1234 5678 9012 3452"); // { ok: true, value: "1234567890123452" }
 * checkEnp("1234567890123456"); // { ok: false, error: { code: "enp_checksum", field: "enp", … } }
 */
export function checkEnp(input: string): Result<string> {
  const digits = stripSeparators(input);
  if (digits === "") return fail("enp_required", "enp");
  if (!DIGITS_ONLY.test(digits) || digits.length !== 16) return fail("enp_invalid_format", "enp");
  if (/^0+$/.test(digits)) return fail("enp_all_zeros", "enp");
  if (!luhnValid(digits)) return fail("enp_checksum", "enp");
  return ok(digits);
}
