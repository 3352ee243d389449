import type { TAccountExport } from "@priyom/contracts";
import { children, patientProfiles, user, type Database } from "@priyom/db";
import { asc, eq } from "drizzle-orm";
import type { ProfileDeps } from "./registry-checks.ts";
import { toChild } from "./children.ts";
import { toProfile } from "./patient-profile.ts";

/**
 * Everything this part of the service holds about one account, unmasked, for the patient to
 * download (personal-data law): the profile and every child ever added, including links that
 * ended at 18 (`linkEndedAt`).
 */
export async function exportPersonalData(
  deps: Pick<ProfileDeps, "db" | "cipher">,
  userId: string,
  now: Date = new Date(),
): Promise<TAccountExport> {
  const [account] = await deps.db
    .select({ id: user.id, phone: user.phoneNumber, email: user.email, createdAt: user.createdAt })
    .from(user)
    .where(eq(user.id, userId));
  const [profile] = await deps.db
    .select({ profile: patientProfiles, phone: user.phoneNumber, email: user.email })
    .from(patientProfiles)
    .innerJoin(user, eq(user.id, patientProfiles.userId))
    .where(eq(patientProfiles.userId, userId));
  const childRows = await deps.db
    .select()
    .from(children)
    .where(eq(children.parentUserId, userId))
    .orderBy(asc(children.birthDate), asc(children.id));
  return {
    exportedAt: now.toISOString(),
    account:
      account === undefined
        ? null
        : {
            id: account.id,
            phone: account.phone ?? "",
            email: account.email.endsWith(".invalid") ? "" : account.email,
            createdAt: account.createdAt.toISOString(),
          },
    profile: profile === undefined ? null : toProfile(deps.cipher, profile, false),
    children: childRows.map((row) => ({
      ...toChild(deps.cipher, row, false),
      linkEndedAt: row.linkEndedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Removes the account's profile and children rows. Call it inside the account-deletion
 * transaction (pass its `tx`), with the removal of the auth user and the journal entry.
 */
export async function deletePersonalData(
  tx: Database,
  userId: string,
): Promise<{ profiles: number; children: number }> {
  const removedChildren = await tx
    .delete(children)
    .where(eq(children.parentUserId, userId))
    .returning({ id: children.id });
  const removedProfiles = await tx
    .delete(patientProfiles)
    .where(eq(patientProfiles.userId, userId))
    .returning({ userId: patientProfiles.userId });
  return { profiles: removedProfiles.length, children: removedChildren.length };
}
