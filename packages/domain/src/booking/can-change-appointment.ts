import { fail, ok, type Result } from "../errors/result.ts";

const MS_PER_HOUR = 3_600_000;

/**
 * Whether an appointment may still be rescheduled or cancelled: no later than `cutoffHours` (24 by
 * default) before its start — exactly at the cut-off is still allowed. The value is the deadline.
 *
 * @example
 * const start = new Date("2025-03-04T06:00:00Z");
 * canChangeAppointment(start, new Date("2025-03-03T06:00:00Z")); // { ok: true, value: 2025-03-03T06:00:00.000Z }
 * canChangeAppointment(start, new Date("2025-03-03T06:00:01Z")); // { ok: false, error: { code: "change_too_late", … } }
 */
export function canChangeAppointment(start: Date, now: Date, cutoffHours = 24): Result<Date> {
  const deadline = start.getTime() - cutoffHours * MS_PER_HOUR;
  return now.getTime() <= deadline ? ok(new Date(deadline)) : fail("change_too_late", "start");
}
