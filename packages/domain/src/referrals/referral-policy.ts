/** Kinds of referral, each with its own default validity. */
export type ReferralKind = "regular" | "therapist" | "long_term" | "emergency";

/** Every referral kind. */
export const REFERRAL_KINDS: readonly ReferralKind[] = ["regular", "therapist", "long_term", "emergency"];

/**
 * Regional referral settings. Days count from the issue date: a referral issued on D with N days is
 * valid through D + N (see `referralLastValidDay`).
 */
export type ReferralPolicy = {
  /** Validity at issue by kind, in days. */
  defaultDays: Readonly<Record<ReferralKind, number>>;
  /** No referral is issued or extended to fewer days than this. */
  minDays: number;
  /** No referral is issued or extended to more days than this. */
  maxDays: number;
  /** The most days a referral of each kind may reach by extension (0 or its default: not extendable). */
  maxExtendedDays: Readonly<Record<ReferralKind, number>>;
  /** Whether the visit itself must fall on or before the last valid day (DOMAIN.md: default yes). */
  visitMustFallBeforeExpiry: boolean;
  /** The shortest accepted reason for an extension, in characters after trimming. */
  extensionReasonMinLength: number;
};

/**
 * The defaults of DOMAIN.md: regular 30, therapist 60, long-term treatment 30 (extendable to 90 in
 * total), emergency 7; every referral 7–90 days; the visit must fall before the referral expires.
 * Extension is a doctor's decision with a motivated reason for any kind, never past 90 days in total.
 *
 * @example
 * DEFAULT_REFERRAL_POLICY.defaultDays.therapist; // 60
 * const strict: ReferralPolicy = { ...DEFAULT_REFERRAL_POLICY, visitMustFallBeforeExpiry: false };
 */
export const DEFAULT_REFERRAL_POLICY: ReferralPolicy = {
  defaultDays: { regular: 30, therapist: 60, long_term: 30, emergency: 7 },
  minDays: 7,
  maxDays: 90,
  maxExtendedDays: { regular: 90, therapist: 90, long_term: 90, emergency: 90 },
  visitMustFallBeforeExpiry: true,
  extensionReasonMinLength: 10,
};
