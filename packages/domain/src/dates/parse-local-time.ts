const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Minutes since midnight of a `HH:MM` wall time, or `null` when malformed. `24:00` is accepted as the
 * end of the day (for "works until midnight").
 *
 * @example
 * parseLocalTime("09:15"); // 555
 * parseLocalTime("24:00"); // 1440
 * parseLocalTime("9:15"); // null
 */
export function parseLocalTime(input: string): number | null {
  const match = LOCAL_TIME.exec(input);
  if (match === null) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/**
 * Formats minutes since midnight (0–1440) as `HH:MM`.
 *
 * @example
 * formatLocalTime(555); // "09:15"
 */
export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
