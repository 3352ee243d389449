import type { TReferralDetail } from "@priyom/contracts";
import type { Database } from "@priyom/db";
import { isDomainErrorCode } from "@priyom/domain";
import { AppError, type Locale } from "../../errors.ts";
import type { FieldErrors } from "../../validation.ts";
import { findPatientReferral } from "../referrals/patient-view.ts";

/**
 * The account's (or its child's) referral by id, through the patients' reader — 404 for anyone
 * else's; when it cannot be booked now (booked, used, withdrawn, expired in its zone), the domain's
 * reason is filed under `referralId`.
 */
export async function ownReferral(
  db: Database,
  userId: string,
  referralId: string,
  now: Date,
  locale: Locale,
  errors: FieldErrors,
): Promise<TReferralDetail> {
  const referral = await findPatientReferral(db, { id: userId, name: "" }, { id: referralId }, now, locale);
  if (!referral) throw new AppError("not_found", { logMessage: "referral not the account's" });
  const reason = referral.notBookableReason?.code;
  if (!referral.bookable) {
    if (reason !== undefined && isDomainErrorCode(reason)) errors.addDomain("referralId", reason);
    else errors.addDomain("referralId", "referral_not_active");
  }
  return referral;
}
