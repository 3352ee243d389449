import type { TRole } from "@priyom/contracts";
import type { SessionUser } from "../context.ts";
import type { Auth } from "./auth-library.ts";

const ROLES: readonly TRole[] = ["patient", "clinic_staff", "admin"];

export function roleOf(raw: unknown): TRole {
  return ROLES.includes(raw as TRole) ? (raw as TRole) : "patient";
}

/** The signed-in user of a request, from the session cookie, through the auth library. */
export async function authenticateWith(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  if (!headers.get("cookie")?.includes("session_token")) return null;
  const result = await auth.api.getSession({ headers, query: { disableRefresh: true } });
  if (!result) return null;
  return { id: result.user.id, role: roleOf(result.user.role), sessionId: result.session.id };
}
