import { formatIsoDate } from "./day-number.ts";
import { parseIsoDate } from "./parse-iso-date.ts";

const RU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/**
 * Reads a date typed as `ДД.ММ.ГГГГ` or `YYYY-MM-DD` (surrounding spaces ignored) and returns it
 * as `YYYY-MM-DD`; an impossible or malformed date gives `null`.
 *
 * @example
 * parseDateInput("02.03.2025"); // "2025-03-02"
 * parseDateInput("2025-03-02"); // "2025-03-02"
 * parseDateInput("31.02.2025"); // null
 */
export function parseDateInput(input: string): string | null {
  const text = input.trim();
  const ru = RU_DATE.exec(text);
  const iso = ru === null ? text : formatIsoDate(Number(ru[3]), Number(ru[2]), Number(ru[1]));
  return parseIsoDate(iso) === null ? null : iso;
}
