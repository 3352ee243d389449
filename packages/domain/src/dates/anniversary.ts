import { formatIsoDate } from "./day-number.ts";
import { isLeapYear, parseIsoDate } from "./parse-iso-date.ts";

/**
 * The date `years` after `date` on the same month and day; 29 February falls on 1 March in years that
 * are not leap years (the rule for birthdays). Throws a RangeError on an invalid date.
 *
 * @example
 * anniversary("2004-05-10", 20); // "2024-05-10"
 * anniversary("2004-02-29", 14); // "2018-03-01"
 * anniversary("2004-02-29", 20); // "2024-02-29"
 */
export function anniversary(date: string, years: number): string {
  const parts = parseIsoDate(date);
  if (parts === null) throw new RangeError(`Invalid ISO date: ${date}`);
  const year = parts.year + years;
  if (parts.month === 2 && parts.day === 29 && !isLeapYear(year)) return formatIsoDate(year, 3, 1);
  return formatIsoDate(year, parts.month, parts.day);
}
