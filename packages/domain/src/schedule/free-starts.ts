import { CELLS_PER_DAY, WORDS_PER_DAY, type CellPosition, type DayBitmaps } from "./day-bitmap.ts";

// The run mask of the last computeRunMask call: bit i set ⇔ cells i … i+k−1 are all free. Module
// scratch instead of a returned array keeps the search allocation-free.
let m0 = 0;
let m1 = 0;
let m2 = 0;

function cellsFor(visitMinutes: number): number {
  if (!Number.isInteger(visitMinutes) || visitMinutes <= 0 || visitMinutes % 15 !== 0) {
    throw new RangeError(`Visit minutes must be a positive multiple of 15: ${visitMinutes}`);
  }
  return visitMinutes / 15;
}

/** ANDs the 96-bit day with itself shifted by doubling steps: log2(k) rounds of three-word shifts. */
function computeRunMask(bitmaps: DayBitmaps, day: number, k: number): void {
  const base = day * WORDS_PER_DAY;
  m0 = bitmaps[base] ?? 0;
  m1 = bitmaps[base + 1] ?? 0;
  m2 = bitmaps[base + 2] ?? 0;
  if (k > CELLS_PER_DAY) {
    m0 = m1 = m2 = 0;
    return;
  }
  let len = 1;
  while (len < k) {
    const s = Math.min(len, k - len);
    let r0: number;
    let r1: number;
    let r2: number;
    if (s < 32) {
      r0 = (m0 >>> s) | (m1 << (32 - s));
      r1 = (m1 >>> s) | (m2 << (32 - s));
      r2 = m2 >>> s;
    } else if (s < 64) {
      const t = s - 32;
      r0 = t === 0 ? m1 : (m1 >>> t) | (m2 << (32 - t));
      r1 = m2 >>> t;
      r2 = 0;
    } else {
      r0 = m2 >>> (s - 64);
      r1 = 0;
      r2 = 0;
    }
    m0 &= r0;
    m1 &= r1;
    m2 &= r2;
    len += s;
  }
}

function maskBelow(cell: number): void {
  if (cell <= 0) return;
  if (cell >= 96) {
    m0 = m1 = m2 = 0;
    return;
  }
  const word = cell >> 5;
  const keep = ~((1 << (cell & 31)) - 1);
  if (word === 0) m0 &= keep;
  else if (word === 1) {
    m0 = 0;
    m1 &= keep;
  } else {
    m0 = m1 = 0;
    m2 &= keep;
  }
}

function lowestCell(): number {
  if (m0 !== 0) return 31 - Math.clz32(m0 & -m0);
  if (m1 !== 0) return 63 - Math.clz32(m1 & -m1);
  if (m2 !== 0) return 95 - Math.clz32(m2 & -m2);
  return -1;
}

/**
 * The start cells of `day` at which a visit of `visitMinutes` fits: `visitMinutes / 15` consecutive
 * free cells, within the day. Ascending. Throws a RangeError when `visitMinutes` is not a positive
 * multiple of 15.
 *
 * @example
 * const b = createDayBitmaps(1);
 * setCellsFree(b, 0, 36, 4); // 09:00–10:00
 * freeStarts(b, 30); // [36, 37, 38] — 09:00, 09:15, 09:30
 */
export function freeStarts(bitmaps: DayBitmaps, visitMinutes: number, day = 0): number[] {
  computeRunMask(bitmaps, day, cellsFor(visitMinutes));
  const starts: number[] = [];
  const words = [m0, m1, m2];
  for (let w = 0; w < 3; w++) {
    let word = words[w] ?? 0;
    while (word !== 0) {
      starts.push(w * 32 + 31 - Math.clz32(word & -word));
      word &= word - 1;
    }
  }
  return starts;
}

/**
 * The first start cell at or after `fromCell` on `day` where a visit of `visitMinutes` fits, or -1.
 *
 * @example
 * firstFreeStart(b, 30, 0, 37); // 37
 */
export function firstFreeStart(bitmaps: DayBitmaps, visitMinutes: number, day: number, fromCell = 0): number {
  computeRunMask(bitmaps, day, cellsFor(visitMinutes));
  maskBelow(fromCell);
  return lowestCell();
}

/**
 * Up to `limit` nearest start positions for a visit, from `from` (see `cellPositionAt`) forward across
 * the doctor's days, in time order. Positions before day 0 start at day 0; days past the bitmaps are
 * not searched. Allocation-free apart from the result, so thousands of doctors × weeks take
 * microseconds each.
 *
 * @example
 * nearestFreeSlots(bitmaps, 30, { day: 0, cell: 40 }, 3);
 * // [{ day: 0, cell: 44 }, { day: 0, cell: 45 }, { day: 1, cell: 36 }]
 */
export function nearestFreeSlots(
  bitmaps: DayBitmaps,
  visitMinutes: number,
  from: CellPosition,
  limit: number,
): CellPosition[] {
  const k = cellsFor(visitMinutes);
  const days = bitmaps.length / WORDS_PER_DAY;
  const found: CellPosition[] = [];
  for (let day = Math.max(0, from.day); day < days && found.length < limit; day++) {
    computeRunMask(bitmaps, day, k);
    if (day === from.day) maskBelow(from.cell);
    while (found.length < limit) {
      const cell = lowestCell();
      if (cell < 0) break;
      found.push({ day, cell });
      maskBelow(cell + 1);
    }
  }
  return found;
}
