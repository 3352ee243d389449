import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellPositionAt,
  cellToLocalTime,
  createDayBitmaps,
  isCellFree,
  localTimeToCell,
  markSlotsFree,
  setCellsBusy,
  setCellsFree,
} from "./day-bitmap.ts";
import { firstFreeStart, freeStarts, nearestFreeSlots } from "./free-starts.ts";

function naiveStarts(cells: readonly boolean[], k: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s + k <= 96; s++) if (cells.slice(s, s + k).every(Boolean)) starts.push(s);
  return starts;
}
function bitmapOf(days: readonly (readonly boolean[])[]) {
  const b = createDayBitmaps(days.length);
  days.forEach((cells, d) => cells.forEach((free, c) => free && setCellsFree(b, d, c, 1)));
  return b;
}

describe("day bitmaps", () => {
  it("sets, clears and reads cells across word boundaries", () => {
    const b = createDayBitmaps(2);
    setCellsFree(b, 1, 30, 5); // cells 30–34 span words 0 and 1
    expect([29, 30, 31, 32, 34, 35].map((c) => isCellFree(b, 1, c))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(isCellFree(b, 0, 30)).toBe(false);
    setCellsBusy(b, 1, 32, 1);
    expect(isCellFree(b, 1, 32)).toBe(false);
    expect(() => setCellsFree(b, 0, 95, 2)).toThrow(RangeError);
    expect(() => setCellsFree(b, 2, 0, 1)).toThrow(RangeError);
  });

  it("finds 30-minute starts in 09:00–10:00 with 09:15 taken", () => {
    const b = createDayBitmaps(1);
    setCellsFree(b, 0, 36, 4);
    expect(freeStarts(b, 30)).toEqual([36, 37, 38]);
    setCellsBusy(b, 0, 37, 1);
    expect(freeStarts(b, 30).map(cellToLocalTime)).toEqual(["09:30"]);
    expect(freeStarts(b, 15).map(cellToLocalTime)).toEqual(["09:00", "09:30", "09:45"]);
    expect(freeStarts(b, 75)).toEqual([]);
  });

  it("a whole free day fits a 24-hour visit exactly once and nothing longer", () => {
    const b = createDayBitmaps(1);
    setCellsFree(b, 0, 0, 96);
    expect(freeStarts(b, 1440)).toEqual([0]);
    expect(freeStarts(b, 1455)).toEqual([]);
    expect(freeStarts(b, 15)).toHaveLength(96);
    expect(() => freeStarts(b, 20)).toThrow(RangeError);
  });

  it("converts times and instants to cells", () => {
    expect(localTimeToCell("09:15")).toBe(37);
    expect(localTimeToCell("09:10")).toBeNull();
    expect(cellToLocalTime(95)).toBe("23:45");
    // 09:07 MSK → the next start is 09:15; exactly 09:15 stays 09:15; 23:50 → next day 00:00.
    expect(cellPositionAt(new Date("2025-03-03T06:07:00Z"), "2025-03-03", "Europe/Moscow")).toEqual({
      day: 0,
      cell: 37,
    });
    expect(cellPositionAt(Date.UTC(2025, 2, 3, 6, 15), "2025-03-03", "Europe/Moscow")).toEqual({
      day: 0,
      cell: 37,
    });
    expect(cellPositionAt(Date.UTC(2025, 2, 3, 6, 15, 1), "2025-03-03", "Europe/Moscow")).toEqual({
      day: 0,
      cell: 38,
    });
    expect(cellPositionAt(Date.UTC(2025, 2, 3, 11, 50), "2025-03-03", "Asia/Kamchatka")).toEqual({
      day: 1,
      cell: 0,
    });
  });

  it("marks generated slots free", () => {
    const b = createDayBitmaps(2);
    markSlotsFree(b, "2025-03-03", [
      { localDate: "2025-03-04", localTime: "09:00", minutes: 30 },
      { localDate: "2025-03-10", localTime: "09:00", minutes: 30 },
    ]);
    expect(freeStarts(b, 15, 1)).toEqual([36, 37]);
    expect(freeStarts(b, 15, 0)).toEqual([]);
  });

  it("nearestFreeSlots walks forward across days in time order", () => {
    const b = createDayBitmaps(3);
    setCellsFree(b, 0, 36, 4);
    setCellsFree(b, 0, 44, 3);
    setCellsFree(b, 2, 36, 2);
    expect(nearestFreeSlots(b, 30, { day: 0, cell: 40 }, 3)).toEqual([
      { day: 0, cell: 44 },
      { day: 0, cell: 45 },
      { day: 2, cell: 36 },
    ]);
    expect(nearestFreeSlots(b, 30, { day: -1, cell: 90 }, 1)).toEqual([{ day: 0, cell: 36 }]);
    expect(nearestFreeSlots(b, 30, { day: 3, cell: 0 }, 5)).toEqual([]);
    expect(firstFreeStart(b, 30, 0, 39)).toBe(44);
  });

  const day = fc.array(fc.boolean(), { minLength: 96, maxLength: 96 });
  const visit = fc.integer({ min: 1, max: 40 }).map((k) => k * 15);

  it("property: freeStarts equals a naive scan", () => {
    fc.assert(
      fc.property(day, visit, (cells, minutes) => {
        expect(freeStarts(bitmapOf([cells]), minutes)).toEqual(naiveStarts(cells, minutes / 15));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: nearestFreeSlots equals a naive scan across days", () => {
    fc.assert(
      fc.property(
        fc.array(day, { minLength: 1, maxLength: 5 }),
        visit,
        fc.integer({ min: -1, max: 5 }),
        fc.integer({ min: 0, max: 95 }),
        fc.integer({ min: 1, max: 30 }),
        (days, minutes, fromDay, fromCell, limit) => {
          const naive: { day: number; cell: number }[] = [];
          days.forEach((cells, d) => {
            for (const c of naiveStarts(cells, minutes / 15)) {
              if (d > fromDay || (d === fromDay && c >= fromCell)) naive.push({ day: d, cell: c });
            }
          });
          expect(nearestFreeSlots(bitmapOf(days), minutes, { day: fromDay, cell: fromCell }, limit)).toEqual(
            naive.slice(0, limit),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
