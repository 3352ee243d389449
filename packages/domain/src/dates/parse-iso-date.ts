/** A calendar date split into numbers (month 1–12). */
export type DateParts = { year: number; month: number; day: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a strict `YYYY-MM-DD` calendar date; impossible dates (2025-02-29, 2025-13-01) give `null`.
 *
 * @example
 * parseIsoDate("2024-02-29"); // { year: 2024, month: 2, day: 29 }
 * parseIsoDate("2025-02-29"); // null
 */
export function parseIsoDate(input: string): DateParts | null {
  const match = ISO_DATE.exec(input);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Whether a string is a real `YYYY-MM-DD` calendar date.
 *
 * @example
 * isIsoDate("2025-03-02"); // true
 * isIsoDate("2025-3-2"); // false
 */
export function isIsoDate(input: string): boolean {
  return parseIsoDate(input) !== null;
}

/**
 * Whether a year is a leap year in the proleptic Gregorian calendar.
 *
 * @example
 * isLeapYear(2024); // true
 * isLeapYear(1900); // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in a month (1–12) of a year.
 *
 * @example
 * daysInMonth(2025, 2); // 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
