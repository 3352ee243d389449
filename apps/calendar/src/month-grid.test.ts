import { describe, expect, it } from "vitest";
import { addMonths, monthWeeks, moveInGrid, moveInMonth } from "./month-grid.ts";

describe("monthWeeks", () => {
  it("lays November 2026 out Monday first (the 1st is a Sunday)", () => {
    const weeks = monthWeeks("2026-11");
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks).toHaveLength(6);
    expect(weeks[5]).toEqual(["2026-11-30", null, null, null, null, null, null]);
  });

  it("fits February 2027 in four weeks when it starts on a Monday", () => {
    expect(monthWeeks("2027-02")).toHaveLength(4);
  });
});

describe("moveInMonth", () => {
  it.each([
    ["2026-11-30", "ArrowRight", "2026-12-01"],
    ["2026-12-01", "ArrowLeft", "2026-11-30"],
    ["2026-11-27", "ArrowDown", "2026-12-04"],
    ["2026-11-27", "ArrowUp", "2026-11-20"],
    ["2026-11-27", "Home", "2026-11-23"],
    ["2026-11-27", "End", "2026-11-29"],
    ["2026-01-31", "PageDown", "2026-02-28"],
    ["2024-03-31", "PageUp", "2024-02-29"],
  ])("%s %s → %s", (from, key, to) => {
    expect(moveInMonth(from, key)).toBe(to);
  });

  it("ignores other keys", () => {
    expect(moveInMonth("2026-11-27", "a")).toBeUndefined();
  });

  it("adds months across years", () => {
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
  });
});

describe("moveInGrid", () => {
  it("moves within a 10-item grid of 4 columns and stays inside", () => {
    expect(moveInGrid(5, "ArrowDown", 10, 4)).toBe(9);
    expect(moveInGrid(9, "ArrowDown", 10, 4)).toBe(9);
    expect(moveInGrid(1, "ArrowUp", 10, 4)).toBe(1);
    expect(moveInGrid(0, "ArrowLeft", 10, 4)).toBe(0);
    expect(moveInGrid(9, "ArrowRight", 10, 4)).toBe(9);
    expect(moveInGrid(9, "End", 10, 4)).toBe(9);
    expect(moveInGrid(6, "Home", 10, 4)).toBe(4);
    expect(moveInGrid(6, "End", 10, 4, true)).toBe(9);
    expect(moveInGrid(0, "ArrowDown", 0, 4)).toBeUndefined();
  });
});
