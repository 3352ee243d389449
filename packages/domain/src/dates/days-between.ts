import { isoDateToDayNumber } from "./day-number.ts";

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * daysBetween("2025-01-31", "2025-03-02"); // 30
 */
export function daysBetween(from: string, to: string): number {
  return isoDateToDayNumber(to) - isoDateToDayNumber(from);
}
