import { formatIsoDate } from "./day-number.ts";

// One formatter per zone: constructing Intl.DateTimeFormat is far dearer than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of an instant in a zone. */
export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

/**
 * The wall clock (local date and time to the second) of an instant in an IANA time zone, read from
 * `Intl.DateTimeFormat`. Throws a RangeError for an unknown zone.
 *
 * @example
 * wallClockAt(Date.UTC(2025, 0, 31, 21, 30), "Europe/Moscow");
 * // { year: 2025, month: 2, day: 1, hour: 0, minute: 30, second: 0 }
 */
export function wallClockAt(at: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    switch (part.type) {
      case "year":
      case "month":
      case "day":
      case "hour":
      case "minute":
      case "second":
        clock[part.type] = Number(part.value);
        break;
      default:
        break;
    }
  }
  return clock;
}

/**
 * The zone's offset from UTC in minutes at an instant (Moscow: 180, Kamchatka: 720).
 *
 * @example
 * utcOffsetMinutes(Date.UTC(2025, 0, 1), "Asia/Kamchatka"); // 720
 */
export function utcOffsetMinutes(at: number, timeZone: string): number {
  const seconds = Math.floor(at / 1000) * 1000;
  const c = wallClockAt(seconds, timeZone);
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((wall - seconds) / 60_000);
}

/**
 * Whether Intl knows an IANA time zone name.
 *
 * @example
 * isValidTimeZone("Asia/Kamchatka"); // true
 * isValidTimeZone("Mars/Olympus"); // false
 */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * `YYYY-MM-DD` of a wall clock.
 *
 * @example
 * wallClockDate({ year: 2025, month: 3, day: 2, hour: 0, minute: 0, second: 0 }); // "2025-03-02"
 */
export function wallClockDate(clock: WallClock): string {
  return formatIsoDate(clock.year, clock.month, clock.day);
}
