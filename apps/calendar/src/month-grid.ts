import { addDays, daysInMonth, formatIsoDate, isoWeekday } from "@priyom/domain";

// The month view as plain data: weeks of a month and where a key moves the focused day.

/** `YYYY-MM` of a `YYYY-MM-DD` date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function monthParts(month: string): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/**
 * The weeks of a month, Monday first; days of the neighbouring months are null.
 * @example monthWeeks("2026-11")[0] // [null, null, null, null, null, null, "2026-11-01"]
 */
export function monthWeeks(month: string): (string | null)[][] {
  const { year, month: m } = monthParts(month);
  const first = formatIsoDate(year, m, 1);
  const lead = isoWeekday(first) - 1;
  const count = daysInMonth(year, m);
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => formatIsoDate(year, m, i + 1)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * The same day `months` months later, clamped to the last day of a shorter month.
 * @example addMonths("2026-01-31", 1) // "2026-02-28"
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Where a key moves focus in the month grid (the ARIA date grid): arrows by a day or a week,
 * Home / End to the week's Monday / Sunday, PageUp / PageDown by a month. Undefined for other keys.
 * @example moveInMonth("2026-11-30", "ArrowRight") // "2026-12-01"
 */
export function moveInMonth(date: string, key: string): string | undefined {
  switch (key) {
    case "ArrowLeft":
      return addDays(date, -1);
    case "ArrowRight":
      return addDays(date, 1);
    case "ArrowUp":
      return addDays(date, -7);
    case "ArrowDown":
      return addDays(date, 7);
    case "Home":
      return addDays(date, 1 - isoWeekday(date));
    case "End":
      return addDays(date, 7 - isoWeekday(date));
    case "PageUp":
      return addMonths(date, -1);
    case "PageDown":
      return addMonths(date, 1);
    default:
      return undefined;
  }
}

/**
 * Where a key moves focus in a grid of `count` items laid out `columns` to a row: arrows by one
 * (across rows) or a row, Home / End to the row's ends, Ctrl+Home / Ctrl+End to the first / last.
 * Stays inside the grid; undefined for other keys.
 * @example moveInGrid(5, "ArrowDown", 10, 4) // 9
 */
export function moveInGrid(
  index: number,
  key: string,
  count: number,
  columns: number,
  ctrl = false,
): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case "ArrowLeft":
      return clamp(index - 1);
    case "ArrowRight":
      return clamp(index + 1);
    case "ArrowUp":
      return index - columns >= 0 ? index - columns : index;
    case "ArrowDown":
      return index + columns <= last ? index + columns : index;
    case "Home":
      return ctrl ? 0 : index - (index % columns);
    case "End":
      return ctrl ? last : clamp(index - (index % columns) + columns - 1);
    default:
      return undefined;
  }
}
