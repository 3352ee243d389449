import { addDays } from "../dates/add-days.ts";
import { isIsoDate } from "../dates/parse-iso-date.ts";
import { fail, ok, type Result } from "../errors/result.ts";
import { DEFAULT_REFERRAL_POLICY, type ReferralKind, type ReferralPolicy } from "./referral-policy.ts";

/**
 * The last valid day (inclusive, a calendar date in the issuing clinic's zone) of a referral: the
 * issue date plus its validity in calendar days — the kind's default, or `validityDays` when given,
 * which must be a whole number within the policy's bounds (7–90 by default).
 *
 * @example
 * referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular" }); // { ok: true, value: "2025-03-02" }
 * referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular", validityDays: 6 });
 * // { ok: false, error: { code: "referral_validity_out_of_range", field: "validityDays", … } }
 */
export function referralLastValidDay(
  r: { issuedOn: string; kind: ReferralKind; validityDays?: number },
  policy: ReferralPolicy = DEFAULT_REFERRAL_POLICY,
): Result<string> {
  if (!isIsoDate(r.issuedOn)) return fail("referral_issue_date_invalid", "issuedOn");
  const days = r.validityDays ?? policy.defaultDays[r.kind];
  if (!Number.isInteger(days) || days < policy.minDays || days > policy.maxDays) {
    return fail("referral_validity_out_of_range", "validityDays");
  }
  return ok(addDays(r.issuedOn, days));
}
