import { fail, ok, type Result } from "../errors/result.ts";
import { DIGITS_ONLY, stripSeparators } from "./strip-separators.ts";

/**
 * The check digit of an ОГРН (13 digits: first 12 mod 11, then mod 10) or ОГРНИП (15 digits: first
 * 14 mod 13, then mod 10), from the digits before it. BigInt keeps the arithmetic exact whatever
 * the length, so no one has to reason about where doubles stop being integers.
 *
 * @example
 * ogrnCheckDigit("102770013219"); // 5
 * ogrnCheckDigit("30450011600015"); // 7
 */
export function ogrnCheckDigit(body: string): number {
  const divisor = body.length === 14 ? 13n : 11n;
  return Number((BigInt(body) % divisor) % 10n);
}

/**
 * Checks an ОГРН (13 digits, first digit 1 or 5) or ОГРНИП (15 digits, first digit 3) and returns its
 * bare digits.
 *
 * @example
 * checkOgrn("1027700132195"); // { ok: true, value: "1027700132195" }
 * checkOgrn("304500116000157"); // { ok: true, value: "304500116000157" }
 * checkOgrn("3027700132195"); // { ok: false, error: { code: "ogrn_invalid_first_digit", … } }
 */
export function checkOgrn(input: string): Result<string> {
  const digits = stripSeparators(input);
  if (digits === "") return fail("ogrn_required", "ogrn");
  if (!DIGITS_ONLY.test(digits) || (digits.length !== 13 && digits.length !== 15)) {
    return fail("ogrn_invalid_format", "ogrn");
  }
  const first = digits[0];
  const firstOk = digits.length === 13 ? first === "1" || first === "5" : first === "3";
  if (!firstOk) return fail("ogrn_invalid_first_digit", "ogrn");
  if (ogrnCheckDigit(digits.slice(0, -1)) !== Number(digits.slice(-1))) return fail("ogrn_checksum", "ogrn");
  return ok(digits);
}
