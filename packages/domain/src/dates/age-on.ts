import { anniversary } from "./anniversary.ts";
import { parseIsoDate } from "./parse-iso-date.ts";

/**
 * Full years of age on a date; the birthday itself counts (someone born 2007-05-10 is 18 on
 * 2025-05-10). A 29 February birthday falls on 1 March in other years. Throws a RangeError on an
 * invalid date.
 *
 * @example
 * ageOn("2007-05-10", "2025-05-09"); // 17
 * ageOn("2007-05-10", "2025-05-10"); // 18
 * ageOn("2008-02-29", "2026-02-28"); // 17
 */
export function ageOn(birthDate: string, date: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(date);
  if (birth === null || on === null) throw new RangeError(`Invalid ISO date: ${birthDate} / ${date}`);
  const years = on.year - birth.year;
  return anniversary(birthDate, years) <= date ? years : years - 1;
}
