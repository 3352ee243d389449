import { addDays } from "../dates/add-days.ts";
import { daysBetween } from "../dates/days-between.ts";
import { isIsoDate } from "../dates/parse-iso-date.ts";
import { fail, ok, type Result } from "../errors/result.ts";
import { DEFAULT_REFERRAL_POLICY, type ReferralKind, type ReferralPolicy } from "./referral-policy.ts";

/** A doctor's request to extend a referral: the new validity as days or as the new last valid day. */
export type ReferralExtensionRequest = {
  issuedOn: string;
  kind: ReferralKind;
  currentValidityDays: number;
  requestedValidityDays?: number;
  newLastValidDay?: string;
  reason: string;
  /** Whether the chosen clinic has free slots for the specialty inside the extended window. */
  targetHasFreeCapacityInWindow: boolean;
};

/**
 * Extends a referral by the doctor's decision. The motivated reason is required (at least
 * `policy.extensionReasonMinLength` characters after trimming); the new validity must be longer than
 * the current one and at most the kind's `maxExtendedDays` and `maxDays` (90 days in total by
 * default); refused when the chosen clinic has no free slots in the extended window.
 *
 * @example
 * extendReferral({
 *   issuedOn: "2025-01-31", kind: "long_term", currentValidityDays: 30, requestedValidityDays: 90,
 *   reason: "Курс химиотерапии продолжается", targetHasFreeCapacityInWindow: true,
 * });
 * // { ok: true, value: { validityDays: 90, lastValidDay: "2025-05-01" } }
 */
export function extendReferral(
  request: ReferralExtensionRequest,
  policy: ReferralPolicy = DEFAULT_REFERRAL_POLICY,
): Result<{ validityDays: number; lastValidDay: string }> {
  if (!isIsoDate(request.issuedOn)) return fail("referral_issue_date_invalid", "issuedOn");
  if (request.reason.trim().length < policy.extensionReasonMinLength) {
    return fail("extension_reason_required", "reason");
  }
  let days: number;
  if (request.requestedValidityDays !== undefined && request.newLastValidDay === undefined) {
    days = request.requestedValidityDays;
  } else if (request.newLastValidDay !== undefined && request.requestedValidityDays === undefined) {
    if (!isIsoDate(request.newLastValidDay)) return fail("extension_request_invalid", "newLastValidDay");
    days = daysBetween(request.issuedOn, request.newLastValidDay);
  } else {
    return fail("extension_request_invalid", "requestedValidityDays");
  }
  if (!Number.isInteger(days)) return fail("extension_request_invalid", "requestedValidityDays");
  if (days <= request.currentValidityDays) return fail("extension_not_longer", "requestedValidityDays");
  if (days > Math.min(policy.maxDays, policy.maxExtendedDays[request.kind])) {
    return fail("extension_too_long", "requestedValidityDays");
  }
  if (!request.targetHasFreeCapacityInWindow) return fail("extension_no_capacity", "clinicId");
  return ok({ validityDays: days, lastValidDay: addDays(request.issuedOn, days) });
}
