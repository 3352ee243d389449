import { fail, ok, type Result } from "../errors/result.ts";

/** Where a referral is in its life. */
export type ReferralStatus = "active" | "booked" | "used" | "expired" | "withdrawn";

/**
 * The allowed status changes: booking (active → booked), cancelling (booked → active), the visit done
 * (booked → used), withdrawal by the clinic (active or booked → withdrawn), lapse (active → expired).
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  active: ["booked", "withdrawn", "expired"],
  booked: ["active", "used", "withdrawn"],
  used: [],
  expired: [],
  withdrawn: [],
};

/**
 * Moves a referral from one status to another, or fails with `referral_transition_not_allowed`.
 *
 * @example
 * transitionReferral("active", "booked"); // { ok: true, value: "booked" }
 * transitionReferral("used", "active"); // { ok: false, error: { code: "referral_transition_not_allowed", … } }
 */
export function transitionReferral(from: ReferralStatus, to: ReferralStatus): Result<ReferralStatus> {
  return REFERRAL_TRANSITIONS[from].includes(to) ? ok(to) : fail("referral_transition_not_allowed", "status");
}
