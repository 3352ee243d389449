import { describe, expect, it } from "vitest";
import { addDays } from "./add-days.ts";
import { addWorkingDays } from "./add-working-days.ts";
import { ageOn } from "./age-on.ts";
import { anniversary } from "./anniversary.ts";
import { compareIsoDates } from "./compare-iso-dates.ts";
import { daysBetween } from "./days-between.ts";
import { isoWeekday } from "./iso-weekday.ts";
import { localDateTimeInZone } from "./local-date-time-in-zone.ts";
import { parseDateInput } from "./parse-date-input.ts";
import { isIsoDate } from "./parse-iso-date.ts";
import { parseLocalTime } from "./parse-local-time.ts";
import { zonedLocalToUtc, zonedLocalToUtcMs } from "./zoned-local-to-utc.ts";
import { isoDateToDayNumber } from "./day-number.ts";
import { utcOffsetMinutes } from "./zone-wall-clock.ts";

describe("calendar dates", () => {
  it("validates ISO dates strictly", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("2025-3-1")).toBe(false);
  });
  it("adds days across months and leap days", () => {
    expect(addDays("2025-01-31", 30)).toBe("2025-03-02");
    expect(addDays("2024-01-31", 30)).toBe("2024-03-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(() => addDays("2025-02-30", 1)).toThrow(RangeError);
  });
  it("compares and subtracts", () => {
    expect(compareIsoDates("2025-03-02", "2025-03-10")).toBe(-1);
    expect(compareIsoDates("2025-03-10", "2025-03-10")).toBe(0);
    expect(compareIsoDates("2026-01-01", "2025-12-31")).toBe(1);
    expect(daysBetween("2025-01-31", "2025-03-02")).toBe(30);
  });
  it("knows ISO weekdays", () => {
    expect(isoWeekday("2025-03-03")).toBe(1);
    expect(isoWeekday("2025-03-09")).toBe(7);
    expect(isoWeekday("1970-01-01")).toBe(4);
  });
  it("puts 29 February birthdays on 1 March in other years", () => {
    expect(anniversary("2004-02-29", 1)).toBe("2005-03-01");
    expect(anniversary("2004-02-29", 4)).toBe("2008-02-29");
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2007-05-10", "2025-05-09")).toBe(17);
    expect(ageOn("2007-05-10", "2025-05-10")).toBe(18);
  });
  it("reads ДД.ММ.ГГГГ and ISO input", () => {
    expect(parseDateInput("02.03.2025")).toBe("2025-03-02");
    expect(parseDateInput(" 2025-03-02 ")).toBe("2025-03-02");
    expect(parseDateInput("29.02.2025")).toBeNull();
    expect(parseDateInput("2.3.2025")).toBeNull();
  });
  it("parses HH:MM", () => {
    expect(parseLocalTime("00:00")).toBe(0);
    expect(parseLocalTime("23:45")).toBe(1425);
    expect(parseLocalTime("24:00")).toBe(1440);
    expect(parseLocalTime("24:15")).toBeNull();
    expect(parseLocalTime("12:60")).toBeNull();
  });
});

describe("time zones", () => {
  const zones: [string, number][] = [
    ["Europe/Kaliningrad", 2],
    ["Europe/Moscow", 3],
    ["Europe/Volgograd", 3],
    ["Europe/Samara", 4],
    ["Asia/Yekaterinburg", 5],
    ["Asia/Omsk", 6],
    ["Asia/Novosibirsk", 7],
    ["Asia/Krasnoyarsk", 7],
    ["Asia/Irkutsk", 8],
    ["Asia/Yakutsk", 9],
    ["Asia/Vladivostok", 10],
    ["Asia/Magadan", 11],
    ["Asia/Kamchatka", 12],
  ];
  it.each(zones)("%s is UTC+%i in 2025 and zonedLocalToUtc round-trips", (zone, hours) => {
    expect(utcOffsetMinutes(Date.UTC(2025, 6, 1), zone)).toBe(hours * 60);
    const at = zonedLocalToUtc("2025-03-02", "09:15", zone);
    expect(at.getTime()).toBe(Date.UTC(2025, 2, 2, 9 - hours, 15));
    expect(localDateTimeInZone(at, zone)).toEqual({ localDate: "2025-03-02", localTime: "09:15" });
  });
  it("uses the zone's offset in force on the date (Volgograd was UTC+4 in late 2018–2020)", () => {
    expect(zonedLocalToUtc("2019-06-01", "12:00", "Europe/Volgograd").toISOString()).toBe(
      "2019-06-01T08:00:00.000Z",
    );
    expect(zonedLocalToUtc("2021-06-01", "12:00", "Europe/Volgograd").toISOString()).toBe(
      "2021-06-01T09:00:00.000Z",
    );
  });
  it("handles the day boundary: Kamchatka 00:30 is the previous UTC day", () => {
    expect(zonedLocalToUtc("2025-03-02", "00:30", "Asia/Kamchatka").toISOString()).toBe(
      "2025-03-01T12:30:00.000Z",
    );
    expect(zonedLocalToUtcMs(20_148, 540, "Europe/Moscow")).toBe(Date.UTC(2025, 2, 1, 6, 0));
  });
  it("throws on malformed input (a caller bug)", () => {
    expect(() => zonedLocalToUtc("2025-03-02", "9:00", "Europe/Moscow")).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2025-03-02", "09:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("addWorkingDays (start day is day 0)", () => {
  it("0 days returns the start day, even on a weekend", () => {
    expect(addWorkingDays("2025-03-08", 0, [])).toBe("2025-03-08");
  });
  it("skips Saturdays and Sundays", () => {
    expect(addWorkingDays("2025-03-07", 1, [])).toBe("2025-03-10");
    expect(addWorkingDays("2025-03-08", 1, [])).toBe("2025-03-10");
    expect(addWorkingDays("2025-03-03", 5, [])).toBe("2025-03-10");
  });
  it("skips listed holidays and counts working weekend days", () => {
    expect(addWorkingDays("2025-03-07", 1, ["2025-03-10"])).toBe("2025-03-11");
    expect(addWorkingDays("2025-12-30", 2, ["2025-12-31", "2026-01-01", "2026-01-02", "2026-01-05"])).toBe(
      "2026-01-07",
    );
    expect(addWorkingDays("2025-11-01", 1, [], ["2025-11-01", "2025-11-02"])).toBe("2025-11-02");
  });
  it("throws on negative days", () => {
    expect(() => addWorkingDays("2025-03-03", -1, [])).toThrow(RangeError);
  });
});

describe("zonedLocalToUtc on a day the zone's offset changed", () => {
  it("Moscow left UTC+4 for UTC+3 at 02:00 on 26 October 2014: times either side of it, and the day after", () => {
    // Asked twice: the second answer comes from the remembered offsets of the day.
    for (let round = 0; round < 2; round++) {
      expect(zonedLocalToUtc("2014-10-25", "12:00", "Europe/Moscow").toISOString()).toBe(
        "2014-10-25T08:00:00.000Z",
      );
      expect(zonedLocalToUtc("2014-10-26", "00:30", "Europe/Moscow").toISOString()).toBe(
        "2014-10-25T20:30:00.000Z",
      );
      expect(zonedLocalToUtc("2014-10-26", "12:00", "Europe/Moscow").toISOString()).toBe(
        "2014-10-26T09:00:00.000Z",
      );
      expect(zonedLocalToUtc("2014-10-27", "09:00", "Europe/Moscow").toISOString()).toBe(
        "2014-10-27T06:00:00.000Z",
      );
    }
  });
  it("24:00 belongs to the next day: Magadan's clocks went back 2 hours in the night after 25 October 2014", () => {
    const day = isoDateToDayNumber("2014-10-25");
    zonedLocalToUtcMs(day, 600, "Asia/Magadan"); // the day's offset is now remembered
    expect(zonedLocalToUtcMs(day, 1440, "Asia/Magadan")).toBe(zonedLocalToUtcMs(day + 1, 0, "Asia/Magadan"));
  });
  it("Volgograd moved from UTC+4 to UTC+3 on 27 December 2020", () => {
    expect(zonedLocalToUtc("2020-12-26", "09:00", "Europe/Volgograd").toISOString()).toBe(
      "2020-12-26T05:00:00.000Z",
    );
    expect(zonedLocalToUtc("2020-12-27", "09:00", "Europe/Volgograd").toISOString()).toBe(
      "2020-12-27T06:00:00.000Z",
    );
  });
});
