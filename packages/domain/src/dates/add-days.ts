import { dayNumberToIsoDate, isoDateToDayNumber } from "./day-number.ts";

/**
 * Adds calendar days to a `YYYY-MM-DD` date (negative days go back). Throws a RangeError on an
 * invalid date.
 *
 * @example
 * addDays("2025-01-31", 30); // "2025-03-02"
 * addDays("2024-03-01", -1); // "2024-02-29"
 */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return dayNumberToIsoDate(isoDateToDayNumber(date) + days);
}
