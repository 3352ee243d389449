// Where the patient is in «Мои записи», kept in the shell's URL query so «Назад», «Вперёд» and links work:
// `?tab=past`, `?ticket=apt_1` (the ticket of a visit), both together when the ticket was opened from a tab.

/** The tabs of the section, in their order on screen. */
export const TAB_IDS = ["upcoming", "past", "waiting", "notifications", "history"] as const;
export type TabId = (typeof TAB_IDS)[number];

/** The tab shown when the URL names none. */
export const DEFAULT_TAB: TabId = "upcoming";

export interface AppointmentsLocation {
  tab: TabId;
  /** The appointment whose ticket is open. */
  ticket?: string | undefined;
}

function isTabId(value: string): value is TabId {
  return (TAB_IDS as readonly string[]).includes(value);
}

/**
 * Reads the location from `location.search`; an unknown tab falls back to the default one.
 * @example locationFromSearch("?tab=past&ticket=apt_1") // { tab: "past", ticket: "apt_1" }
 */
export function locationFromSearch(search: string): AppointmentsLocation {
  const params = new URLSearchParams(search);
  const tab = params.get("tab")?.trim() ?? "";
  const ticket = params.get("ticket")?.trim();
  return { tab: isTabId(tab) ? tab : DEFAULT_TAB, ...(ticket ? { ticket } : {}) };
}

/**
 * The shell path of a location; the default tab is left out, so `/appointments` stays the plain address.
 * @example pathForLocation("/appointments", { tab: "past", ticket: "apt_1" }) // "/appointments?tab=past&ticket=apt_1"
 */
export function pathForLocation(basePath: string, loc: AppointmentsLocation): string {
  const params = new URLSearchParams();
  if (loc.tab !== DEFAULT_TAB) params.set("tab", loc.tab);
  if (loc.ticket) params.set("ticket", loc.ticket);
  const base = basePath.replace(/\/+$/, "") || "/";
  const query = params.toString();
  return query === "" ? base : `${base}?${query}`;
}

/**
 * The calendar's reschedule mode for an appointment (the calendar remote opens it there).
 * @example reschedulePath("apt_1", "ref_1") // "/calendar?reschedule=apt_1&referral=ref_1"
 */
export function reschedulePath(appointmentId: string, referralId: string): string {
  return `/calendar?${new URLSearchParams({ reschedule: appointmentId, referral: referralId }).toString()}`;
}

/**
 * The calendar's form for joining the waitlist or asking for a priority appointment by a referral.
 * @example whenNothingFreePath("ref_1", "priority") // "/calendar?referral=ref_1&want=priority"
 */
export function whenNothingFreePath(referralId: string, want: "waitlist" | "priority"): string {
  return `/calendar?${new URLSearchParams({ referral: referralId, want }).toString()}`;
}

/** The booking of a referral in the calendar (after a cancellation frees it). */
export function bookPath(referralId: string): string {
  return `/calendar?${new URLSearchParams({ referral: referralId }).toString()}`;
}

/** A referral's page in «Мои направления». */
export function referralPath(referralId: string): string {
  return `/referrals/${encodeURIComponent(referralId)}`;
}

/** Where signed-out patients sign in. */
export const SIGN_IN_PATH = "/cabinet/sign-in";
