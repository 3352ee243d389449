import { createHash, randomBytes } from "node:crypto";
import { knownDevices, type Database } from "@priyom/db";
import { and, eq, sql } from "drizzle-orm";

/** The long-lived cookie that remembers a browser an account has confirmed with a code. */
export const DEVICE_COOKIE = "priyom_device";
export const DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 400;

const hashDevice = (token: string) => createHash("sha256").update(token).digest("hex");

export function newDeviceToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether this account has confirmed this device before; refreshes its last use. */
export async function isKnownDevice(
  db: Database,
  userId: string,
  token: string | undefined,
): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const rows = await db
    .update(knownDevices)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, hashDevice(token))))
    .returning({ userId: knownDevices.userId });
  return rows.length > 0;
}

export async function rememberDevice(db: Database, userId: string, token: string): Promise<void> {
  await db
    .insert(knownDevices)
    .values({ userId, deviceHash: hashDevice(token) })
    .onConflictDoNothing();
}
