import { isoDateToDayNumber } from "./day-number.ts";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * The ISO weekday (Monday = 1 … Sunday = 7) of a `YYYY-MM-DD` date.
 *
 * @example
 * isoWeekday("2025-03-03"); // 1 (Monday)
 * isoWeekday("2025-03-02"); // 7 (Sunday)
 */
export function isoWeekday(date: string): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return (((((isoDateToDayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}
