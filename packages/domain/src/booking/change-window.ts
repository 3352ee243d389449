import type { Result } from "../errors/result.ts";
import { canChangeAppointment } from "./can-change-appointment.ts";

/** The cut-off of DOMAIN.md ("no later than 24 hours before the start"), when none is configured. */
export const DEFAULT_CHANGE_CUTOFF_HOURS = 24;

/** «час», «часа» or «часов» after a number, by the Russian rules of agreement. */
function hoursWord(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return "часов";
  if (last === 1) return "час";
  if (last >= 2 && last <= 4) return "часа";
  return "часов";
}

/**
 * The Russian message shown when the change window has closed, naming the configured cut-off.
 *
 * @example
 * changeWindowMessage(24); // "Перенести или отменить запись можно не позднее чем за 24 часа до приёма"
 * changeWindowMessage(48); // "… не позднее чем за 48 часов до приёма"
 */
export function changeWindowMessage(cutoffHours = DEFAULT_CHANGE_CUTOFF_HOURS): string {
  return `Перенести или отменить запись можно не позднее чем за ${cutoffHours} ${hoursWord(cutoffHours)} до приёма`;
}

/**
 * Whether the patient may still reschedule or cancel an appointment starting at `startsAt`: while
 * `startsAt - now >= cutoffHours`. Exactly `cutoffHours` before the start is still allowed; a
 * minute later is not, nor anything after the start. The value is the deadline (the last allowed
 * instant); a failure carries the code `change_window_closed` and the Russian message naming the
 * cut-off. Pure: the caller passes the time.
 *
 * @example
 * const start = new Date("2025-03-04T06:00:00Z"); // 09:00 in Moscow
 * checkChangeWindow(start, new Date("2025-03-03T06:00:00Z"));
 * // { ok: true, value: 2025-03-03T06:00:00.000Z } — exactly 24 hours before
 * checkChangeWindow(start, new Date("2025-03-03T06:01:00Z"));
 * // { ok: false, error: { code: "change_window_closed", message: "Перенести или отменить запись можно не позднее чем за 24 часа до приёма", field: "startsAt" } }
 */
export function checkChangeWindow(
  startsAt: Date,
  now: Date,
  cutoffHours = DEFAULT_CHANGE_CUTOFF_HOURS,
): Result<Date> {
  const checked = canChangeAppointment(startsAt, now, cutoffHours);
  if (checked.ok) return checked;
  return {
    ok: false,
    error: { code: "change_window_closed", message: changeWindowMessage(cutoffHours), field: "startsAt" },
  };
}
