import { instantMs, type Instant } from "./instant.ts";

/** A half-open interval of time `[start, end)`. */
export type TimeInterval = { start: Instant; end: Instant };

/**
 * Whether two half-open intervals `[start, end)` overlap. Adjacent intervals (one ends when the other
 * starts) do not overlap; an empty interval overlaps nothing.
 *
 * @example
 * intervalsOverlap({ start: 0, end: 10 }, { start: 5, end: 15 }); // true
 * intervalsOverlap({ start: 0, end: 10 }, { start: 10, end: 20 }); // false (adjacent)
 */
export function intervalsOverlap(a: TimeInterval, b: TimeInterval): boolean {
  const as = instantMs(a.start);
  const ae = instantMs(a.end);
  const bs = instantMs(b.start);
  const be = instantMs(b.end);
  return as < ae && bs < be && as < be && bs < ae;
}
