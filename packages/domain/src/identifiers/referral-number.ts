import { fail, ok, type Result } from "../errors/result.ts";
import { DIGITS_ONLY, stripSeparators } from "./strip-separators.ts";

/**
 * Checks a referral number: 8–12 digits after stripping spaces, hyphens and no-break spaces.
 * (Uniqueness across the system is the database's job.)
 *
 * @example
 * checkReferralNumber("1234 5678"); // { ok: true, value: "12345678" }
 * checkReferralNumber("1234567"); // { ok: false, error: { code: "referral_number_invalid_format", … } }
 */
export function checkReferralNumber(input: string): Result<string> {
  const digits = stripSeparators(input);
  if (digits === "") return fail("referral_number_required", "referralNumber");
  if (!DIGITS_ONLY.test(digits) || digits.length < 8 || digits.length > 12) {
    return fail("referral_number_invalid_format", "referralNumber");
  }
  return ok(digits);
}
