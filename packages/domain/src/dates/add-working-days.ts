import { dayNumberToIsoDate, isoDateToDayNumber } from "./day-number.ts";

/**
 * The date `days` working days after `fromDate`, skipping Saturdays, Sundays and the listed holidays.
 * Convention: the start day is day 0 and is never counted, so `days = 0` returns `fromDate` itself
 * and `days = 1` the next working day. Russian weekend days moved to work (рабочие субботы) can be
 * passed as `workingWeekendDays`. Throws a RangeError for a negative or fractional `days`.
 *
 * @example
 * addWorkingDays("2025-03-07", 1, []); // "2025-03-10" (Friday → Monday)
 * addWorkingDays("2025-03-07", 1, ["2025-03-10"]); // "2025-03-11"
 * addWorkingDays("2025-03-08", 0, []); // "2025-03-08"
 */
export function addWorkingDays(
  fromDate: string,
  days: number,
  holidays: readonly string[],
  workingWeekendDays: readonly string[] = [],
): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`Days must be a non-negative integer: ${days}`);
  const off = new Set(holidays);
  const on = new Set(workingWeekendDays);
  let day = isoDateToDayNumber(fromDate);
  let counted = 0;
  while (counted < days) {
    day += 1;
    const date = dayNumberToIsoDate(day);
    const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday … 6 = Sunday
    const weekend = weekday >= 5 && !on.has(date);
    if (!weekend && !off.has(date)) counted += 1;
  }
  return dayNumberToIsoDate(day);
}
