import type { TAlternativeSlot, TReferralDoctor } from "@priyom/api-client";

// The booking steps live in the shell's URL query, so «Назад» in the browser walks back through them.

/** Where the patient is in the booking, as the query of `/calendar?…` says. */
export interface BookingLocation {
  /** Reschedule mode: the booked appointment being moved (`?reschedule=` from «Мои записи»). */
  reschedule?: string | undefined;
  /** The referral being booked (`?referral=` from «Мои направления»). */
  referral?: string | undefined;
  /** «Когда нет подходящего времени»: the waitlist form or the priority request form. */
  want?: WaitingWant | undefined;
  /** Filters of the doctors list. */
  qualification?: string | undefined;
  placeType?: string | undefined;
  visitMode?: string | undefined;
  /** The doctor whose month is open. */
  doctor?: string | undefined;
  /** The day whose free starts are shown. */
  date?: string | undefined;
  /** The date-range filter of the month view. */
  from?: string | undefined;
  to?: string | undefined;
  /** `confirm`: «Проверка введенных данных» of the held slot. */
  step?: "confirm" | undefined;
  /** The booked appointment whose ticket is shown. */
  appointment?: string | undefined;
}

/** What a patient who found no suitable time asks for. */
export type WaitingWant = "waitlist" | "priority";

/** A start that was gone when the patient chose it, and what the API offered instead. */
export interface SlotGone {
  /** The doctor whose start it was: the alternatives are shown in place, beside that doctor's starts. */
  doctorId: string | undefined;
  message: string;
  alternatives: TAlternativeSlot[];
}

/** The filters of the doctors list; an absent value does not filter. */
export type DoctorFilters = Pick<BookingLocation, "qualification" | "placeType" | "visitMode">;

/** Whether a doctor passes the list's filters (an absent filter passes everyone). */
export function matchesFilters(doctor: TReferralDoctor, filters: DoctorFilters): boolean {
  return (
    (!filters.qualification || doctor.qualification === filters.qualification) &&
    (!filters.placeType || doctor.clinic.placeType === filters.placeType) &&
    (!filters.visitMode || doctor.visitModes.some((m) => m === filters.visitMode))
  );
}

const KEYS = [
  "reschedule",
  "referral",
  "want",
  "qualification",
  "placeType",
  "visitMode",
  "doctor",
  "date",
  "from",
  "to",
  "step",
  "appointment",
] as const satisfies readonly (keyof BookingLocation)[];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the booking location from `location.search`; malformed dates and unknown steps are dropped.
 * @example locationFromSearch("?referral=ref_1&doctor=doc_2") // { referral: "ref_1", doctor: "doc_2" }
 */
export function locationFromSearch(search: string): BookingLocation {
  const params = new URLSearchParams(search);
  const result: BookingLocation = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if ((key === "date" || key === "from" || key === "to") && !ISO_DATE.test(value)) continue;
    if (key === "step") {
      if (value === "confirm") result.step = "confirm";
      continue;
    }
    if (key === "want") {
      if (value === "waitlist" || value === "priority") result.want = value;
      continue;
    }
    result[key] = value;
  }
  return result;
}

/**
 * The shell path of a booking location, keys in a fixed order.
 * @example pathForLocation("/calendar", { referral: "ref_1", doctor: "doc_2" }) // "/calendar?referral=ref_1&doctor=doc_2"
 */
export function pathForLocation(basePath: string, loc: BookingLocation): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = loc[key];
    if (value) params.set(key, value);
  }
  const base = basePath.replace(/\/+$/, "") || "/";
  const query = params.toString();
  return query === "" ? base : `${base}?${query}`;
}

export type BookingStep = "choose-referral" | "doctors" | "doctor" | "confirm" | "ticket" | "waiting";

/**
 * Which screen a location shows. Reschedule mode knows its referral from the appointment, so it
 * needs no `referral` to choose a time; it offers no waitlist (the patient keeps the visit they have).
 */
export function stepOf(loc: BookingLocation): BookingStep {
  if (loc.appointment) return "ticket";
  const referral = Boolean(loc.referral) || Boolean(loc.reschedule);
  if (loc.want && loc.referral && !loc.reschedule) return "waiting";
  if (loc.step === "confirm" && referral) return "confirm";
  if (loc.doctor) return "doctor";
  if (referral) return "doctors";
  return "choose-referral";
}

/** The visit being moved in reschedule mode: its own start is not offered as a new time. */
export interface CurrentVisit {
  doctorId: string;
  localDate: string;
  localTime: string;
  startsAt: string;
}

/**
 * Whether a doctor's start is the visit being moved (compared as instants: the API may write the
 * same instant with or without milliseconds).
 * @example isCurrentVisit({ startsAt: "2026-11-27T08:15:00Z" }, "doc_1", visit) // true for that visit
 */
export function isCurrentVisit(
  slot: { startsAt: string },
  doctorId: string,
  visit: CurrentVisit | undefined,
): boolean {
  return (
    visit !== undefined &&
    visit.doctorId === doctorId &&
    Date.parse(slot.startsAt) === Date.parse(visit.startsAt)
  );
}
