import { signInFailures, type Database } from "@priyom/db";
import { eq, sql } from "drizzle-orm";

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** Whether sign-in is locked for this key now. */
export async function isLocked(db: Database, key: string): Promise<boolean> {
  const [row] = await db
    .select({
      locked: sql<boolean>`${signInFailures.lockedUntil} is not null and ${signInFailures.lockedUntil} > now()`,
    })
    .from(signInFailures)
    .where(eq(signInFailures.key, key));
  return row?.locked === true;
}

/**
 * Counts a wrong password. The `maxFailures`-th in a row locks the key for `lockMinutes` and
 * restarts the count. Returns whether this failure set the lock.
 */
export async function recordFailure(db: Database, key: string, policy: LockoutPolicy): Promise<boolean> {
  const [row] = await db
    .insert(signInFailures)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        // An expired lock starts a fresh count.
        failures: sql`case when ${signInFailures.lockedUntil} is not null and ${signInFailures.lockedUntil} <= now() then 1 else ${signInFailures.failures} + 1 end`,
        lockedUntil: sql`case when ${signInFailures.lockedUntil} <= now() then null else ${signInFailures.lockedUntil} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: signInFailures.failures });
  if ((row?.failures ?? 0) < policy.maxFailures) return false;
  await db
    .update(signInFailures)
    .set({
      failures: 0,
      lockedUntil: sql`now() + make_interval(mins => ${policy.lockMinutes})`,
      updatedAt: sql`now()`,
    })
    .where(eq(signInFailures.key, key));
  return true;
}

/** A right password (or a password reset) ends the count and any lock. */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
