import type { TSessionUser } from "@priyom/api-client";

// The screen of «Работа с записями» lives in the shell's URL query (`/staff?tab=journal`), so a link
// can open it and «Назад» in the browser walks back through the tabs.

export type StaffRole = TSessionUser["role"];
export type StaffTab = "priority" | "journal" | "failed" | "day" | "partners";
export type PriorityStatus = "pending" | "approved" | "declined" | "withdrawn";

/** The tabs in the order they are shown, and who may open each. */
export const STAFF_TABS: readonly { id: StaffTab; label: string; roles: readonly StaffRole[] }[] = [
  { id: "priority", label: "Приоритетные запросы", roles: ["admin"] },
  { id: "journal", label: "Журнал", roles: ["admin"] },
  { id: "failed", label: "Недоставленные уведомления", roles: ["admin"] },
  { id: "day", label: "Приёмы дня", roles: ["admin", "clinic_staff"] },
  { id: "partners", label: "Партнёры", roles: ["admin"] },
];

export const PRIORITY_STATUSES: readonly PriorityStatus[] = ["pending", "approved", "declined", "withdrawn"];

/** Where the staff member is, as `/staff?…` says; absent keys take their defaults. */
export interface StaffLocation {
  tab?: StaffTab | undefined;
  /** The priority queue's status filter (default `pending`). */
  status?: PriorityStatus | undefined;
  /** The day of «Приёмы дня», `YYYY-MM-DD` (default today). */
  date?: string | undefined;
  /** Administrators: the clinic whose day is shown. */
  clinic?: string | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEYS = ["tab", "status", "date", "clinic"] as const satisfies readonly (keyof StaffLocation)[];

/**
 * Reads the location from `location.search`; unknown tabs and statuses and malformed dates are dropped.
 * @example locationFromSearch("?tab=day&date=2026-03-10") // { tab: "day", date: "2026-03-10" }
 */
export function locationFromSearch(search: string): StaffLocation {
  const params = new URLSearchParams(search);
  const read = (key: string) => params.get(key)?.trim() || undefined;
  const tab = read("tab");
  const status = read("status");
  const date = read("date");
  return {
    tab: STAFF_TABS.some((t) => t.id === tab) ? (tab as StaffTab) : undefined,
    status: (PRIORITY_STATUSES as readonly string[]).includes(status ?? "")
      ? (status as PriorityStatus)
      : undefined,
    date: date !== undefined && ISO_DATE.test(date) ? date : undefined,
    clinic: read("clinic"),
  };
}

/**
 * The shell path of a location, keys in a fixed order, empty ones left out.
 * @example pathForLocation("/staff", { tab: "journal" }) // "/staff?tab=journal"
 */
export function pathForLocation(basePath: string, loc: StaffLocation): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = loc[key];
    if (value) params.set(key, value);
  }
  const base = basePath.replace(/\/+$/, "") || "/";
  const query = params.toString();
  return query === "" ? base : `${base}?${query}`;
}

/**
 * The tabs a role may open; none for a patient.
 * @example tabsFor("clinic_staff").map((t) => t.id) // ["day"]
 */
export function tabsFor(role: StaffRole | undefined) {
  return role === undefined ? [] : STAFF_TABS.filter((t) => t.roles.includes(role));
}

/**
 * The tab shown when the URL names none: the first the role may open.
 * @example defaultTab("admin") // "priority"
 */
export function defaultTab(role: StaffRole | undefined): StaffTab | undefined {
  return tabsFor(role)[0]?.id;
}
