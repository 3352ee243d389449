import { children, patientProfiles, referralEvents, referrals, type Database } from "@priyom/db";
import { and, eq, isNull, or, sql } from "drizzle-orm";

export type ReferralPatient = { userId: string; childId: null } | { userId: null; childId: string };

/**
 * The registered patient a referral names, by the keyed hashes of the policy and СНИЛС: an adult's
 * profile, or a child a parent added (while the parent's link lasts). The policy decides when it
 * matches someone; СНИЛС only when the policy matches nobody.
 */
export async function findReferralPatient(
  tx: Database,
  hashes: { enpHash: string; snilsHash: string | null },
): Promise<ReferralPatient | null> {
  for (const column of ["enp", "snils"] as const) {
    const hash = column === "enp" ? hashes.enpHash : hashes.snilsHash;
    if (!hash) continue;
    const [adult] = await tx
      .select({ userId: patientProfiles.userId })
      .from(patientProfiles)
      .where(column === "enp" ? eq(patientProfiles.enpHash, hash) : eq(patientProfiles.snilsHash, hash))
      .limit(1);
    if (adult) return { userId: adult.userId, childId: null };
    const [child] = await tx
      .select({ id: children.id })
      .from(children)
      .where(
        and(
          column === "enp" ? eq(children.enpHash, hash) : eq(children.snilsHash, hash),
          isNull(children.linkEndedAt),
        ),
      )
      .limit(1);
    if (child) return { userId: null, childId: child.id };
  }
  return null;
}

/**
 * Attaches the referrals that were waiting for this person (issued before they registered or
 * added their policy) and records a `matched` event on each. Call it in the transaction that
 * saved the person's policy or СНИЛС. Returns how many were attached.
 */
export async function attachWaitingReferrals(
  tx: Database,
  person: ReferralPatient & { enpHash: string | null; snilsHash: string | null },
): Promise<number> {
  const byHash = [
    ...(person.enpHash ? [eq(referrals.enpHash, person.enpHash)] : []),
    ...(person.snilsHash ? [eq(referrals.snilsHash, person.snilsHash)] : []),
  ];
  if (byHash.length === 0) return 0;
  const attached = await tx
    .update(referrals)
    .set({ patientUserId: person.userId, patientChildId: person.childId, updatedAt: sql`now()` })
    .where(and(isNull(referrals.patientUserId), isNull(referrals.patientChildId), or(...byHash)))
    .returning({ id: referrals.id });
  if (attached.length > 0) {
    await tx
      .insert(referralEvents)
      .values(attached.map((r) => ({ referralId: r.id, kind: "matched" as const, actor: "system" })));
  }
  return attached.length;
}
