import type { TRole } from "@priyom/contracts";
import { user } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import type { AppServices } from "../../context.ts";

export interface ProvisionedAccount {
  email: string;
  password: string;
  name: string;
  role: TRole;
  /** `+79XXXXXXXXX`; staff and administrators may have none (their device codes go by e-mail). */
  phone?: string;
}

/**
 * Creates an account whose contacts count as confirmed — for the command line and the demo seed,
 * where an operator vouches for them. Returns the user id; an existing e-mail is left untouched
 * and its id returned with `created: false`.
 */
export async function provisionAccount(
  services: Pick<AppServices, "auth" | "db">,
  account: ProvisionedAccount,
): Promise<{ userId: string; created: boolean }> {
  const email = account.email.toLowerCase();
  const [existing] = await services.db
    .select({ id: user.id })
    .from(user)
    .where(eq(sql`lower(${user.email})`, email));
  if (existing) return { userId: existing.id, created: false };
  const created = await services.auth.api.signUpEmail({
    body: { email, password: account.password, name: account.name },
  });
  await services.db
    .update(user)
    .set({
      role: account.role,
      emailVerified: true,
      phoneNumber: account.phone ?? null,
      phoneNumberVerified: account.phone ? true : null,
    })
    .where(eq(user.id, created.user.id));
  return { userId: created.user.id, created: true };
}
