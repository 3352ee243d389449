import { describe, expect, it } from "vitest";
import { changeWindowMessage, checkChangeWindow } from "./change-window.ts";

// 2025-03-04 09:00 in Moscow (UTC+3).
const start = new Date("2025-03-04T06:00:00Z");

describe("checkChangeWindow", () => {
  it("allowed exactly 24 hours before the start (03.03 09:00 Moscow); the value is that deadline", () => {
    expect(checkChangeWindow(start, new Date("2025-03-03T06:00:00Z"))).toEqual({
      ok: true,
      value: new Date("2025-03-03T06:00:00Z"),
    });
  });

  it("allowed well before (a week ahead)", () => {
    expect(checkChangeWindow(start, new Date("2025-02-25T06:00:00Z")).ok).toBe(true);
  });

  it("refused at 23 h 59 min before the start (03.03 09:01 Moscow), with the Russian message", () => {
    expect(checkChangeWindow(start, new Date("2025-03-03T06:01:00Z"))).toEqual({
      ok: false,
      error: {
        code: "change_window_closed",
        message: "Перенести или отменить запись можно не позднее чем за 24 часа до приёма",
        field: "startsAt",
      },
    });
  });

  it("refused one millisecond past the deadline, at the start and after it", () => {
    for (const now of [start.getTime() - 24 * 3_600_000 + 1, start.getTime(), start.getTime() + 60_000]) {
      expect(checkChangeWindow(start, new Date(now)).ok).toBe(false);
    }
  });

  it("the cut-off is configurable: 48 hours", () => {
    expect(checkChangeWindow(start, new Date("2025-03-02T06:00:00Z"), 48).ok).toBe(true);
    const late = checkChangeWindow(start, new Date("2025-03-02T06:01:00Z"), 48);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.message).toContain("за 48 часов");
  });
});

describe("changeWindowMessage", () => {
  it.each([
    [1, "за 1 час "],
    [2, "за 2 часа "],
    [5, "за 5 часов "],
    [11, "за 11 часов "],
    [21, "за 21 час "],
    [24, "за 24 часа "],
    [72, "за 72 часа "],
  ])("%i hours agree with the number: «%s»", (hours, words) => {
    expect(changeWindowMessage(hours)).toContain(words);
  });
});
