import { ZReferralIssueRequest, type TReferralIssueRequest } from "@priyom/contracts";
import { children, patientProfiles, type Database } from "@priyom/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { fieldContext, type FieldCipher } from "../../crypto/index.ts";
import { attachWaitingReferrals } from "./matching.ts";

/** A person whose referrals are asked for: the account holder or one of their children. */
export interface SourcePerson {
  userId: string | null;
  childId: string | null;
  enp: string | null;
  snils: string | null;
  enpHash: string | null;
  snilsHash: string | null;
}

/** A referral a clinic's system reports, to be issued (idempotently) under that clinic. */
export interface ReportedReferral {
  clinicId: string;
  request: TReferralIssueRequest;
}

/**
 * Where «Обновить сведения» asks for a patient's referrals again. The built-in source is the
 * database itself (it re-matches referrals that wait for this person); the HTTP source asks a
 * clinic information system. Throws when the source is slow or failing — the caller then changes
 * nothing.
 */
export interface ReferralSource {
  name: string;
  fetch: (people: SourcePerson[]) => Promise<ReportedReferral[]>;
}

export const builtInReferralSource: ReferralSource = { name: "database", fetch: () => Promise.resolve([]) };

const ZSourceAnswer = z.object({
  referrals: z.array(z.object({ clinicId: z.string(), referral: ZReferralIssueRequest })),
});

/** `POST {baseUrl}/referrals/search` with `{ patients: [{ enp, snils }] }`, 5 s at most. */
export function httpReferralSource(baseUrl: string, timeoutMs = 5_000): ReferralSource {
  return {
    name: "http",
    fetch: async (people) => {
      const response = await fetch(`${baseUrl.replace(/\/$/, "")}/referrals/search`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          patients: people.filter((p) => p.enp).map((p) => ({ enp: p.enp, snils: p.snils })),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`referral source answered ${response.status}`);
      const answer = ZSourceAnswer.parse(await response.json());
      return answer.referrals.map((r) => ({ clinicId: r.clinicId, request: r.referral }));
    },
  };
}

/** The account holder and their linked children, with their numbers (decrypted) and hashes. */
export async function sourcePeople(
  db: Database,
  cipher: FieldCipher,
  userId: string,
): Promise<SourcePerson[]> {
  const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, userId));
  const kids = await db
    .select()
    .from(children)
    .where(and(eq(children.parentUserId, userId), isNull(children.linkEndedAt)));
  const people: SourcePerson[] = [];
  if (profile) {
    people.push({
      userId,
      childId: null,
      enp: profile.enpEnc
        ? cipher.decrypt(profile.enpEnc, fieldContext("patient_profiles.enp_enc", userId))
        : null,
      snils: profile.snilsEnc
        ? cipher.decrypt(profile.snilsEnc, fieldContext("patient_profiles.snils_enc", userId))
        : null,
      enpHash: profile.enpHash,
      snilsHash: profile.snilsHash,
    });
  }
  for (const kid of kids) {
    people.push({
      userId: null,
      childId: kid.id,
      enp: cipher.decrypt(kid.enpEnc, fieldContext("children.enp_enc", kid.id)),
      snils: kid.snilsEnc ? cipher.decrypt(kid.snilsEnc, fieldContext("children.snils_enc", kid.id)) : null,
      enpHash: kid.enpHash,
      snilsHash: kid.snilsHash,
    });
  }
  return people;
}

/** Re-attaches referrals waiting for these people; returns how many changed. */
export async function rematch(db: Database, people: SourcePerson[]): Promise<number> {
  return db.transaction(async (tx) => {
    let changed = 0;
    for (const p of people) {
      const who = p.userId ? { userId: p.userId, childId: null } : { userId: null, childId: p.childId ?? "" };
      changed += await attachWaitingReferrals(tx, { ...who, enpHash: p.enpHash, snilsHash: p.snilsHash });
    }
    return changed;
  });
}
