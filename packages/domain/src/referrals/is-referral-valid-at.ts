import { localDateTimeInZone } from "../dates/local-date-time-in-zone.ts";

/**
 * Whether a referral can still be booked at an instant: true while its last valid day has not ended
 * in the issuing clinic's IANA time zone (the local date of `at` there is on or before it).
 *
 * @example
 * const r = { lastValidDay: "2025-03-02", timeZone: "Europe/Moscow" };
 * isReferralValidAt(r, new Date("2025-03-02T20:59:00Z")); // true  (23:59 in Moscow)
 * isReferralValidAt(r, new Date("2025-03-02T21:00:00Z")); // false (00:00 on 3 March in Moscow)
 */
export function isReferralValidAt(r: { lastValidDay: string; timeZone: string }, at: Date): boolean {
  return localDateTimeInZone(at, r.timeZone).localDate <= r.lastValidDay;
}
