import { wallClockAt, wallClockDate } from "./zone-wall-clock.ts";

/** A local calendar date and wall time. */
export type LocalDateTime = { localDate: string; localTime: string };

/**
 * The local date (`YYYY-MM-DD`) and time (`HH:MM`, seconds dropped) of an instant in an IANA zone.
 *
 * @example
 * localDateTimeInZone(new Date("2025-03-02T20:59:00Z"), "Europe/Moscow");
 * // { localDate: "2025-03-02", localTime: "23:59" }
 * localDateTimeInZone(new Date("2025-03-02T12:00:00Z"), "Asia/Kamchatka");
 * // { localDate: "2025-03-03", localTime: "00:00" }
 */
export function localDateTimeInZone(at: Date | number, timeZone: string): LocalDateTime {
  const clock = wallClockAt(typeof at === "number" ? at : at.getTime(), timeZone);
  return {
    localDate: wallClockDate(clock),
    localTime: `${String(clock.hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}`,
  };
}
