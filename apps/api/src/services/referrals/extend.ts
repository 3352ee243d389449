import type { TClinicReferral, TReferralExtendRequest } from "@priyom/contracts";
import { DEFAULT_REFERRAL_POLICY, extendReferral, type ReferralPolicy } from "@priyom/domain";
import { doctors, referralAllowedClinics, referralEvents, referrals, slots, type Database } from "@priyom/db";
import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { clinicReferralView, findClinicReferral } from "./clinic-view.ts";

/** Domain fields of `extendReferral` → the request's fields. */
const FIELD: Record<string, string> = {
  reason: "reason",
  requestedValidityDays: "validityDays",
  newLastValidDay: "validityDays",
  issuedOn: "validityDays",
};

/**
 * Whether the referral's specialty can still be seen in one of its clinics before the new last
 * valid day (DOMAIN.md: an extension only "while the chosen clinic has free slots in the extended
 * window"): a free, future slot of a doctor of that specialty in an allowed clinic, dated on or
 * before `newLastValidDay` in the clinic's own zone.
 */
async function hasCapacity(
  db: Database,
  referralId: string,
  specialtyCode: string,
  newLastValidDay: string,
): Promise<boolean> {
  const allowed = db
    .select({ clinicId: referralAllowedClinics.clinicId })
    .from(referralAllowedClinics)
    .where(eq(referralAllowedClinics.referralId, referralId));
  const [found] = await db
    .select({ id: slots.id })
    .from(slots)
    .innerJoin(doctors, eq(doctors.id, slots.doctorId))
    .where(
      and(
        eq(doctors.specialtyCode, specialtyCode),
        inArray(doctors.clinicId, allowed),
        eq(slots.status, "free"),
        gt(slots.startsAt, sql`now()`),
        lte(slots.localDate, newLastValidDay),
      ),
    )
    .limit(1);
  return found !== undefined;
}

/**
 * Extends a referral of `clinicId` by the doctor's decision (DOMAIN.md "Referrals"): only an active
 * or booked one; the motivated reason (≥ 10 characters), a longer validity and never past 90 days
 * in total are the domain's `extendReferral` rules, answered together as field errors; no capacity
 * → 409. Writes the new validity and an `extended` event with the reason in one transaction; the
 * 3-day expiry notice is re-armed for the new last day.
 */
export async function extendClinicReferral(
  db: Database,
  input: {
    clinicId: string;
    actor: string;
    number: string;
    request: TReferralExtendRequest;
    locale: Locale;
    policy?: ReferralPolicy;
  },
): Promise<TClinicReferral> {
  const policy = input.policy ?? DEFAULT_REFERRAL_POLICY;
  const referral = await findClinicReferral(db, input.clinicId, input.number);
  if (referral.status !== "active" && referral.status !== "booked") {
    throw new AppError("conflict", {
      logMessage: `extend of a ${referral.status} referral`,
      message:
        input.locale === "en"
          ? "Only an active or booked referral can be extended"
          : "Продлить можно только действующее направление (активное или с записью)",
    });
  }
  const base = {
    issuedOn: referral.issuedOn,
    kind: referral.kind,
    currentValidityDays: referral.validityDays,
    requestedValidityDays: input.request.validityDays,
    reason: input.request.reason,
    targetHasFreeCapacityInWindow: true,
  };
  const result = extendReferral(base, policy);
  if (!result.ok) {
    // The domain stops at its first failure; when that is the reason, ask again with a valid one
    // so that a wrong number of days is reported together with it.
    const errors = new FieldErrors(input.locale);
    let failure = result;
    if (failure.error.field === "reason") {
      errors.check("reason", failure);
      const again = extendReferral({ ...base, reason: "x".repeat(policy.extensionReasonMinLength) }, policy);
      if (again.ok) errors.throwIfAny();
      else failure = again;
    }
    errors.check(FIELD[failure.error.field ?? ""] ?? "validityDays", failure);
    errors.throwIfAny();
  }
  if (!result.ok) throw new Error("unreachable: a failed extension throws above");
  const checked = result.value;

  if (!(await hasCapacity(db, referral.id, referral.specialtyCode, checked.lastValidDay))) {
    throw new AppError("conflict", {
      logMessage: "extension refused: no free slots of the specialty in the allowed clinics",
      message:
        input.locale === "en"
          ? "Cannot extend: the referral's clinics have no free time with a doctor of this specialty before the new date"
          : "Продление невозможно: в поликлиниках, указанных в направлении, нет свободного времени у врачей этой специальности до новой даты",
    });
  }

  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(referrals)
      .set({
        validityDays: checked.validityDays,
        lastValidDay: checked.lastValidDay,
        expiryNoticeSentAt: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(referrals.id, referral.id),
          eq(referrals.validityDays, referral.validityDays),
          inArray(referrals.status, ["active", "booked"]),
        ),
      )
      .returning();
    if (!row) return null;
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      kind: "extended",
      actor: input.actor,
      reason: input.request.reason.trim(),
      details: {
        fromDays: referral.validityDays,
        toDays: checked.validityDays,
        lastValidDay: checked.lastValidDay,
      },
    });
    return row;
  });
  if (!updated) {
    throw new AppError("conflict", { logMessage: "referral changed while extending" });
  }
  return clinicReferralView(db, updated);
}
