import { describe, expect, it } from "vitest";
import {
  changeClosedText,
  changeCutoffHours,
  countdownText,
  dateRangeText,
  instantText,
  isChangeable,
  positionText,
  visitTimeText,
  webLink,
  zoneWording,
} from "./appointment-format.ts";

const NOV_27 = Date.UTC(2026, 10, 27, 0, 15);

describe("appointment-format", () => {
  it("names the clinic's clock with its city and offset", () => {
    expect(zoneWording("Asia/Vladivostok", NOV_27)).toBe("по времени Владивостока (UTC+10)");
    expect(zoneWording("Europe/Moscow", NOV_27)).toBe("по московскому времени (UTC+3)");
    expect(zoneWording("Europe/Kaliningrad", NOV_27)).toBe("по времени Калининграда (UTC+2)");
    expect(zoneWording("Asia/Kolkata", NOV_27)).toBe("по времени зоны Asia/Kolkata (UTC+5:30)");
    expect(zoneWording("Mars/Olympus", NOV_27)).toBe("по времени зоны Mars/Olympus");
  });

  it("takes the offset at the visit's instant: Volgograd was UTC+4 until 27 December 2020", () => {
    const visit = { localDate: "2020-12-01", localTime: "09:00", timeZone: "Europe/Volgograd" };
    expect(visitTimeText(visit)).toBe("вторник, 1 декабря 2020, 09:00 по времени Волгограда (UTC+4)");
    expect(visitTimeText({ ...visit, localDate: "2021-02-01" })).toBe(
      "понедельник, 1 февраля 2021, 09:00 по времени Волгограда (UTC+3)",
    );
  });

  it("writes a visit's date and time in the clinic's local time", () => {
    expect(
      visitTimeText({
        localDate: "2026-11-27",
        localTime: "10:15",
        timeZone: "Asia/Vladivostok",
        startsAt: "2026-11-27T00:15:00.000Z",
      }),
    ).toBe("пятница, 27 ноября 2026, 10:15 по времени Владивостока (UTC+10)");
  });

  it("shortens a date range where it can", () => {
    expect(dateRangeText("2026-12-01", "2026-12-14")).toBe("с 1 по 14 декабря 2026");
    expect(dateRangeText("2026-11-25", "2026-12-03")).toBe("с 25 ноября по 3 декабря 2026");
    expect(dateRangeText("2026-12-28", "2027-01-10")).toBe("с 28 декабря 2026 по 10 января 2027");
    expect(dateRangeText("2026-12-01", "2026-12-01")).toBe("1 декабря 2026");
  });

  it("writes an instant on the patient's clock", () => {
    expect(instantText("2026-11-26T11:05:00Z", "Europe/Moscow")).toBe("26 ноября 2026, 14:05");
    expect(instantText("2026-11-26T20:30:00Z", "Asia/Vladivostok")).toBe("27 ноября 2026, 06:30");
    expect(instantText("not a date", "Europe/Moscow")).toBe("not a date");
  });

  it("lets a booked visit change until its changeableUntil, inclusive, and nothing else", () => {
    const booked = { status: "booked" as const, changeableUntil: "2026-11-26T00:15:00.000Z" };
    const until = Date.parse(booked.changeableUntil);
    expect(isChangeable(booked, until - 1)).toBe(true);
    expect(isChangeable(booked, until)).toBe(true);
    expect(isChangeable(booked, until + 1)).toBe(false);
    expect(isChangeable({ status: "booked", changeableUntil: null }, 0)).toBe(false);
    expect(isChangeable({ ...booked, status: "cancelled" }, 0)).toBe(false);
  });

  it("says why a change is closed, with the server's cut-off", () => {
    expect(
      changeCutoffHours({ startsAt: "2026-11-27T00:15:00Z", changeableUntil: "2026-11-26T00:15:00Z" }),
    ).toBe(24);
    expect(
      changeCutoffHours({ startsAt: "2026-11-27T00:15:00Z", changeableUntil: "2026-11-25T00:15:00Z" }),
    ).toBe(48);
    expect(changeCutoffHours({ startsAt: "2026-11-27T00:15:00Z", changeableUntil: null })).toBe(24);
    expect(changeClosedText(24)).toBe(
      "Перенести или отменить запись можно не позднее чем за 24 часа до приёма.",
    );
    expect(changeClosedText(48)).toBe(
      "Перенести или отменить запись можно не позднее чем за 48 часов до приёма.",
    );
    expect(changeClosedText(21)).toBe(
      "Перенести или отменить запись можно не позднее чем за 21 час до приёма.",
    );
  });

  it("writes the place in line, the countdown, and keeps only web links", () => {
    expect(positionText(1)).toBe("Вы 1-й в очереди");
    expect(positionText(12)).toBe("Вы 12-й в очереди");
    expect(countdownText(899)).toBe("14:59");
    expect(countdownText(-5)).toBe("0:00");
    expect(webLink("https://video.example.ru/r/1")).toBe("https://video.example.ru/r/1");
    expect(webLink("javascript:alert(1)")).toBeUndefined();
    expect(webLink(null)).toBeUndefined();
  });
});
