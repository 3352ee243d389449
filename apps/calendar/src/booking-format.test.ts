import { describe, expect, it } from "vitest";
import {
  countdownText,
  dayMonthText,
  freeCountText,
  monthTitle,
  shortName,
  slotName,
  slotTimeText,
  weekdayDateText,
  zoneLabel,
} from "./booking-format.ts";

describe("booking-format", () => {
  it("names the zone by its city and its offset at the slot's instant", () => {
    expect(
      slotTimeText({ localTime: "10:15", timeZone: "Europe/Kaliningrad", startsAt: "2026-11-27T08:15:00Z" }),
    ).toBe("10:15 (Калининград, UTC+2)");
    expect(zoneLabel("Asia/Vladivostok", new Date("2026-11-27T00:00:00Z"))).toBe("Владивосток, UTC+10");
    expect(zoneLabel("Asia/Kamchatka", new Date("2026-11-27T00:00:00Z"))).toBe("Камчатка, UTC+12");
    // An unknown zone is named as it is.
    expect(zoneLabel("Mars/Olympus", new Date())).toBe("Mars/Olympus");
  });

  it("writes dates and months in Russian", () => {
    expect(dayMonthText("2026-11-27")).toBe("27 ноября");
    expect(dayMonthText("2027-01-01")).toBe("1 января");
    expect(weekdayDateText("2026-11-27", 5)).toBe("пятница, 27 ноября 2026");
    expect(monthTitle("2026-12")).toBe("Декабрь 2026");
  });

  it("names a slot by time, date and doctor's initials", () => {
    expect(shortName("Иванов Иван Иванович")).toBe("Иванов И. И.");
    expect(shortName("Ким Анна")).toBe("Ким А.");
    expect(slotName({ localTime: "10:15", localDate: "2026-11-27" }, "Иванов Иван Иванович")).toBe(
      "10:15, 27 ноября, врач Иванов И. И.",
    );
    expect(slotName({ localTime: "10:15", localDate: "2026-11-27" })).toBe("10:15, 27 ноября");
  });

  it.each([
    [0, "нет свободного времени"],
    [1, "1 свободное"],
    [2, "2 свободных"],
    [12, "12 свободных"],
    [21, "21 свободное"],
  ])("freeCountText(%i) = %s", (n, text) => {
    expect(freeCountText(n)).toBe(text);
  });

  it("counts down as m:ss and never below zero", () => {
    expect(countdownText(299)).toBe("4:59");
    expect(countdownText(60)).toBe("1:00");
    expect(countdownText(-5)).toBe("0:00");
  });
});
