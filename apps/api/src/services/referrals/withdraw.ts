import type { TClinicReferral, TReferralWithdrawRequest } from "@priyom/contracts";
import { transitionReferral } from "@priyom/domain";
import { referralEvents, referrals, type Database } from "@priyom/db";
import { and, eq, sql } from "drizzle-orm";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { clinicReferralView, findClinicReferral } from "./clinic-view.ts";

/**
 * Withdraws a referral of `clinicId` (active or booked → withdrawn, the domain's
 * `transitionReferral`), with a reason, recorded on a `withdrawn` event in the same transaction.
 * Any other status → 409. (A booked referral's appointment is not cancelled here yet: appointments
 * arrive with the booking issue.)
 */
export async function withdrawClinicReferral(
  db: Database,
  input: {
    clinicId: string;
    actor: string;
    number: string;
    request: TReferralWithdrawRequest;
    locale: Locale;
  },
): Promise<TClinicReferral> {
  const referral = await findClinicReferral(db, input.clinicId, input.number);
  const reason = input.request.reason.replace(/\s+/g, " ").trim();
  const errors = new FieldErrors(input.locale);
  if (reason.length < 3) {
    errors.addLocal("reason", {
      ru: "Укажите причину отзыва направления",
      en: "Give the reason for withdrawing the referral",
    });
  }
  errors.throwIfAny();
  const transition = transitionReferral(referral.status, "withdrawn");
  if (!transition.ok) {
    throw new AppError("conflict", {
      logMessage: `withdraw of a ${referral.status} referral`,
      message:
        input.locale === "en"
          ? "Only an active or booked referral can be withdrawn"
          : "Отозвать можно только действующее направление (активное или с записью)",
    });
  }
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(referrals)
      .set({ status: transition.value, updatedAt: sql`now()` })
      .where(and(eq(referrals.id, referral.id), eq(referrals.status, referral.status)))
      .returning();
    if (!row) return null;
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      kind: "withdrawn",
      actor: input.actor,
      reason,
      details: { from: referral.status },
    });
    return row;
  });
  if (!updated) throw new AppError("conflict", { logMessage: "referral changed while withdrawing" });
  return clinicReferralView(db, updated);
}
