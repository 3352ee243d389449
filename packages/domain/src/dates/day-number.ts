import { parseIsoDate } from "./parse-iso-date.ts";

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 for a `YYYY-MM-DD` date; throws a RangeError on an invalid date (a bug in
 * the caller: user input is validated before it gets here).
 *
 * @example
 * isoDateToDayNumber("1970-01-02"); // 1
 */
export function isoDateToDayNumber(date: string): number {
  const parts = parseIsoDate(date);
  if (parts === null) throw new RangeError(`Invalid ISO date: ${date}`);
  return Math.round(Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY);
}

/**
 * The `YYYY-MM-DD` date of a day number (days since 1970-01-01).
 *
 * @example
 * dayNumberToIsoDate(1); // "1970-01-02"
 */
export function dayNumberToIsoDate(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Formats year, month (1–12) and day as `YYYY-MM-DD`.
 *
 * @example
 * formatIsoDate(2025, 3, 2); // "2025-03-02"
 */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
