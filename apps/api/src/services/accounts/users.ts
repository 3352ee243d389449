import { createHmac } from "node:crypto";
import type { TSessionUser } from "@priyom/contracts";
import { user, type Database } from "@priyom/db";
import { checkEmail, checkMobilePhone } from "@priyom/domain";
import { eq, sql } from "drizzle-orm";
import { roleOf } from "../../auth/session.ts";

export type UserRow = typeof user.$inferSelect;

/** A login typed by a person: an e-mail (has `@`) or a mobile phone in any accepted form. */
export type Login =
  { kind: "email"; value: string } | { kind: "phone"; value: string } | { kind: "invalid"; value: string };

export function parseLogin(raw: string): Login {
  const trimmed = raw.trim();
  if (trimmed.includes("@")) {
    const email = checkEmail(trimmed);
    return email.ok
      ? { kind: "email", value: email.value.toLowerCase() }
      : { kind: "invalid", value: trimmed };
  }
  const phone = checkMobilePhone(trimmed);
  return phone.ok ? { kind: "phone", value: phone.value } : { kind: "invalid", value: trimmed };
}

export async function findUserByLogin(db: Database, login: Login): Promise<UserRow | undefined> {
  if (login.kind === "invalid") return undefined;
  const [row] = await db
    .select()
    .from(user)
    .where(
      login.kind === "email" ? eq(sql`lower(${user.email})`, login.value) : eq(user.phoneNumber, login.value),
    )
    .limit(1);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(user).where(eq(user.id, id)).limit(1);
  return row;
}

/** Key of a login in the lockout table: the account when it exists, else a keyed hash of the login. */
export function lockoutKey(secret: string, login: Login, found: UserRow | undefined): string {
  if (found) return `user:${found.id}`;
  return `login:${createHmac("sha256", secret).update(`login:${login.value.toLowerCase()}`).digest("hex")}`;
}

/** `+79990000001` → `+7 999 ***-**-01`. */
export function maskPhone(phone: string | null): string {
  if (!phone || !/^\+7\d{10}$/.test(phone)) return "";
  return `+7 ${phone.slice(2, 5)} ***-**-${phone.slice(-2)}`;
}

export function toSessionUser(row: UserRow): TSessionUser {
  return {
    id: row.id,
    role: roleOf(row.role),
    displayName: row.name,
    phoneMasked: maskPhone(row.phoneNumber),
    email: row.email,
    twoFactorEnabled: row.twoFactorEnabled === true,
  };
}

/** Whether both contacts are confirmed (a staff or admin account without a phone needs only e-mail). */
export function isActive(row: UserRow): boolean {
  return row.emailVerified && (row.phoneNumber === null || row.phoneNumberVerified === true);
}
