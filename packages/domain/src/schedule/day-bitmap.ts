import { daysBetween } from "../dates/days-between.ts";
import { parseLocalTime } from "../dates/parse-local-time.ts";
import { wallClockAt, wallClockDate } from "../dates/zone-wall-clock.ts";

/** 15-minute cells in a local day. */
export const CELLS_PER_DAY = 96;
/** 32-bit words per day: 96 cells fit exactly in three. */
export const WORDS_PER_DAY = 3;

/**
 * Free/busy cells of one doctor over consecutive local days: day `d`, cell `c` (0 = 00:00,
 * 1 = 00:15 … 95 = 23:45) is bit `c % 32` of word `d * 3 + (c >> 5)`; a set bit is a free cell.
 *
 * Why a `Uint32Array` and not a bigint or objects: 32-bit words take the engine's fastest integer
 * paths (no allocation per operation, as every bigint operation has), a whole doctor's horizon is one
 * contiguous block (28 days = 336 bytes), and a run of free cells is found with a few shifts and ANDs
 * per day instead of a loop over cells, with no `Date` per slot.
 */
export type DayBitmaps = Uint32Array;

/** A cell in a doctor's bitmaps: the day index from the first day, and the cell in that day. */
export type CellPosition = { day: number; cell: number };

/**
 * An all-busy bitmap for `days` local days.
 *
 * @example
 * const bitmaps = createDayBitmaps(28); // 84 words, every cell busy
 */
export function createDayBitmaps(days = 1): DayBitmaps {
  return new Uint32Array(days * WORDS_PER_DAY);
}

function writeCells(bitmaps: DayBitmaps, day: number, startCell: number, count: number, free: boolean): void {
  if (!Number.isInteger(startCell) || !Number.isInteger(count) || startCell < 0 || count < 0) {
    throw new RangeError(`Invalid cells: ${startCell} + ${count}`);
  }
  if (startCell + count > CELLS_PER_DAY)
    throw new RangeError(`Cells past the end of the day: ${startCell} + ${count}`);
  const base = day * WORDS_PER_DAY;
  if (!Number.isInteger(day) || day < 0 || base + WORDS_PER_DAY > bitmaps.length) {
    throw new RangeError(`Day out of range: ${day}`);
  }
  for (let cell = startCell; cell < startCell + count; cell++) {
    const index = base + (cell >> 5);
    const bit = 1 << (cell & 31);
    const word = bitmaps[index] ?? 0;
    bitmaps[index] = free ? word | bit : word & ~bit;
  }
}

/**
 * Marks `count` cells from `startCell` of `day` free (mutates `bitmaps`). Throws a RangeError for cells
 * outside the day or a day outside the bitmaps.
 *
 * @example
 * const bitmaps = createDayBitmaps(1);
 * setCellsFree(bitmaps, 0, 36, 4); // 09:00–10:00 free on day 0
 */
export function setCellsFree(bitmaps: DayBitmaps, day: number, startCell: number, count: number): void {
  writeCells(bitmaps, day, startCell, count, true);
}

/**
 * Marks `count` cells from `startCell` of `day` busy (booked, held or outside working hours; mutates
 * `bitmaps`).
 *
 * @example
 * setCellsBusy(bitmaps, 0, 37, 1); // 09:15–09:30 taken
 */
export function setCellsBusy(bitmaps: DayBitmaps, day: number, startCell: number, count: number): void {
  writeCells(bitmaps, day, startCell, count, false);
}

/**
 * Whether a cell is free.
 *
 * @example
 * isCellFree(bitmaps, 0, 36); // true after setCellsFree(bitmaps, 0, 36, 4)
 */
export function isCellFree(bitmaps: DayBitmaps, day: number, cell: number): boolean {
  return (((bitmaps[day * WORDS_PER_DAY + (cell >> 5)] ?? 0) >>> (cell & 31)) & 1) === 1;
}

/**
 * The cell of a `HH:MM` local time on the 15-minute grid, or `null` when malformed or off the grid.
 *
 * @example
 * localTimeToCell("09:15"); // 37
 */
export function localTimeToCell(localTime: string): number | null {
  const minutes = parseLocalTime(localTime);
  return minutes === null || minutes % 15 !== 0 || minutes >= 1440 ? null : minutes / 15;
}

/**
 * The `HH:MM` local start time of a cell.
 *
 * @example
 * cellToLocalTime(37); // "09:15"
 */
export function cellToLocalTime(cell: number): string {
  const minutes = cell * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * Marks the cells of generated slots free in bitmaps whose day 0 is `firstLocalDate`; slots outside
 * the bitmaps' days are skipped.
 *
 * @example
 * const bitmaps = createDayBitmaps(28);
 * markSlotsFree(bitmaps, "2025-03-03", slots); // slots from generateSlots
 */
export function markSlotsFree(
  bitmaps: DayBitmaps,
  firstLocalDate: string,
  slots: readonly { localDate: string; localTime: string; minutes: number }[],
): void {
  const days = bitmaps.length / WORDS_PER_DAY;
  for (const slot of slots) {
    const day = daysBetween(firstLocalDate, slot.localDate);
    const cell = localTimeToCell(slot.localTime);
    if (cell === null || day < 0 || day >= days) continue;
    setCellsFree(bitmaps, day, cell, Math.min(slot.minutes / 15, CELLS_PER_DAY - cell));
  }
}

/**
 * The first cell at which a visit can start at or after an instant, in bitmaps whose day 0 is the
 * local date `firstLocalDate` of the clinic's zone: a cell that has already begun is skipped. Computed
 * once per search, not per slot. `day` may be negative or past the bitmaps when the instant is
 * outside them.
 *
 * @example
 * cellPositionAt(new Date("2025-03-03T06:07:00Z"), "2025-03-03", "Europe/Moscow"); // { day: 0, cell: 37 } (09:07 → 09:15)
 */
export function cellPositionAt(at: Date | number, firstLocalDate: string, timeZone: string): CellPosition {
  const ms = typeof at === "number" ? at : at.getTime();
  const clock = wallClockAt(ms, timeZone);
  const day = daysBetween(firstLocalDate, wallClockDate(clock));
  const begun = clock.second > 0 || ms % 1000 !== 0 ? 1 : 0;
  const cell = Math.ceil((clock.hour * 60 + clock.minute + begun * 0.5) / 15);
  return cell >= CELLS_PER_DAY ? { day: day + 1, cell: 0 } : { day, cell };
}
