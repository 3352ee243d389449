import { isoDateToDayNumber } from "./day-number.ts";
import { parseLocalTime } from "./parse-local-time.ts";
import { utcOffsetMinutes } from "./zone-wall-clock.ts";

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/**
 * The UTC epoch milliseconds of a local wall time given as a day number (days since 1970-01-01) and
 * minutes since local midnight. The offset comes from Intl, never from a table, so a zone that changes
 * by law (Volgograd 2018 and 2020) is handled by the tz database. A local time that does not exist (a
 * daylight-saving gap; none in Russia since 2014) resolves with the offset in force after the gap.
 *
 * @example
 * zonedLocalToUtcMs(20_148, 540, "Europe/Moscow"); // Date.UTC(2025, 2, 1, 6, 0) — 2025-03-01 09:00 MSK
 */
export function zonedLocalToUtcMs(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  // 24:00 (an end of day) and beyond belong to the next day, whose offset may differ: ask exactly.
  if (minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY)
    return exactLocalToUtcMs(dayNumber, minuteOfDay, timeZone);
  const key = `${timeZone}|${dayNumber}`;
  let dayOffset = dayOffsets.get(key);
  if (dayOffset === undefined) {
    // The offset at the day's first and last minute: equal means one offset for the whole day.
    const atStart = dayNumber * MS_PER_DAY;
    const startOffset = atStart - exactLocalToUtcMs(dayNumber, 0, timeZone);
    const atEnd = atStart + (MINUTES_PER_DAY - 1) * MS_PER_MINUTE;
    const endOffset = atEnd - exactLocalToUtcMs(dayNumber, MINUTES_PER_DAY - 1, timeZone);
    dayOffset = startOffset === endOffset ? startOffset : null;
    if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, dayOffset);
  }
  const asUtc = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  return dayOffset === null ? exactLocalToUtcMs(dayNumber, minuteOfDay, timeZone) : asUtc - dayOffset;
}

const MINUTES_PER_DAY = 1_440;
/** Zone days whose offset is remembered (~112 for 4 zones × 28 days; cleared when full). */
const MAX_CACHED_DAYS = 50_000;
/**
 * Offset (ms) of each zone day that has one offset throughout, or null for a day with a transition.
 * `Intl` costs ~10 µs per call and a day of slots asks hundreds of times; the tz database does not
 * change while the process runs (a rules update comes with a new Node/ICU, i.e. a restart).
 */
const dayOffsets = new Map<string, number | null>();

/** The conversion itself, asking `Intl` for the offsets around the guess. */
function exactLocalToUtcMs(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  const asUtc = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const first = asUtc - utcOffsetMinutes(asUtc, timeZone) * MS_PER_MINUTE;
  const secondOffset = utcOffsetMinutes(first, timeZone);
  const second = asUtc - secondOffset * MS_PER_MINUTE;
  if (second === first) return first;
  // The offset differs across the guess: keep the candidate whose offset is consistent with itself.
  return utcOffsetMinutes(second, timeZone) === secondOffset ? second : Math.max(first, second);
}

/**
 * The UTC instant of a local date and `HH:MM` time in an IANA zone — how a visit kept as local date +
 * local time + zone gets its instant. Throws a RangeError on a malformed date or time or an unknown
 * zone (inputs are validated before this point).
 *
 * @example
 * zonedLocalToUtc("2025-03-02", "09:00", "Europe/Kaliningrad").toISOString(); // "2025-03-02T07:00:00.000Z"
 * zonedLocalToUtc("2025-03-02", "09:00", "Asia/Kamchatka").toISOString(); // "2025-03-01T21:00:00.000Z"
 */
export function zonedLocalToUtc(localDate: string, localTime: string, timeZone: string): Date {
  const minutes = parseLocalTime(localTime);
  if (minutes === null) throw new RangeError(`Invalid local time: ${localTime}`);
  return new Date(zonedLocalToUtcMs(isoDateToDayNumber(localDate), minutes, timeZone));
}
