import type { TClinicReferral } from "@priyom/contracts";
import { checkReferralNumber } from "@priyom/domain";
import { referralAllowedClinics, referrals, type Database } from "@priyom/db";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { AppError } from "../../errors.ts";

export type ReferralRow = typeof referrals.$inferSelect;

/** The clinics where each referral may be used, by referral id (in id order). */
export async function allowedClinicIds(db: Database, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byReferral = new Map<string, string[]>();
  if (ids.length === 0) return byReferral;
  const rows = await db
    .select()
    .from(referralAllowedClinics)
    .where(inArray(referralAllowedClinics.referralId, [...ids]))
    .orderBy(asc(referralAllowedClinics.clinicId));
  for (const row of rows) {
    const list = byReferral.get(row.referralId) ?? [];
    list.push(row.clinicId);
    byReferral.set(row.referralId, list);
  }
  return byReferral;
}

function toClinicReferral(row: ReferralRow, allowed: string[]): TClinicReferral {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    issuedOn: row.issuedOn,
    lastValidDay: row.lastValidDay,
    validityDays: row.validityDays,
    specialty: row.specialtyCode,
    allowedClinicIds: allowed,
    urgency: row.urgency,
    kind: row.kind,
    matched: row.patientUserId !== null || row.patientChildId !== null,
  };
}

/** A referral as its issuing clinic sees it (no patient data). */
export async function clinicReferralView(db: Database, row: ReferralRow): Promise<TClinicReferral> {
  const allowed = await allowedClinicIds(db, [row.id]);
  return toClinicReferral(row, allowed.get(row.id) ?? []);
}

/**
 * The referral with this number issued by this clinic. Another clinic's referral, a malformed
 * number and a number nobody issued are all the same 404: a key never learns about other clinics.
 */
export async function findClinicReferral(
  db: Database,
  clinicId: string,
  number: string,
): Promise<ReferralRow> {
  const normalized = checkReferralNumber(number);
  if (normalized.ok) {
    const [row] = await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.number, normalized.value), eq(referrals.issuingClinicId, clinicId)));
    if (row) return row;
  }
  throw new AppError("not_found", { logMessage: "referral not found for this clinic" });
}

export async function getClinicReferral(
  db: Database,
  clinicId: string,
  number: string,
): Promise<TClinicReferral> {
  return clinicReferralView(db, await findClinicReferral(db, clinicId, number));
}

/** The clinic's referrals, newest first (at most `limit`). */
export async function listClinicReferrals(
  db: Database,
  clinicId: string,
  limit = 200,
): Promise<TClinicReferral[]> {
  const rows = await db
    .select()
    .from(referrals)
    .where(eq(referrals.issuingClinicId, clinicId))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(limit);
  const allowed = await allowedClinicIds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toClinicReferral(r, allowed.get(r.id) ?? []));
}
