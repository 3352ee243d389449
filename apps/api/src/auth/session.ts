import type { TRole } from "@priyom/contracts";
import type { AppServices, SessionUser } from "../context.ts";
import { verifyWidgetToken, widgetTokenOf } from "../services/partners/tokens.ts";
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

/**
 * The user of a widget's `Authorization: Bearer pwt_…`: the token must be live at `now` (not
 * expired, not revoked, its partner not withdrawn), and the request's `Origin`, when the browser
 * sent one, must be the partner's own — a token copied to another site is worth nothing there.
 * Only patients hold tokens (widgets book for patients); anything else answers `null`.
 */
export async function authenticateWidget(
  services: Pick<AppServices, "db">,
  headers: Headers,
  now: Date,
): Promise<SessionUser | null> {
  const token = widgetTokenOf(headers.get("authorization"));
  if (!token) return null;
  const grant = await verifyWidgetToken(services.db, token, now);
  if (!grant) return null;
  const origin = headers.get("origin");
  if (origin !== null && origin !== grant.origin) return null;
  if (roleOf(grant.role) !== "patient") return null;
  return {
    id: grant.userId,
    role: "patient",
    sessionId: grant.tokenId,
    via: "widget",
    partnerId: grant.partnerId,
  };
}

/**
 * The user of a request: a widget token when one is presented (then only the token counts, never
 * a cookie sent alongside), else the session cookie. Reads `services.clock`, so tests can expire
 * tokens by setting it.
 */
export function authenticateRequest(services: AppServices, headers: Headers): Promise<SessionUser | null> {
  return widgetTokenOf(headers.get("authorization"))
    ? authenticateWidget(services, headers, services.clock())
    : services.authenticate(headers);
}
