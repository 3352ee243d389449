import { describe, expect, it } from "vitest";
import { conflictText, placeFieldErrors, toForm, toRequest, zoneText } from "./schedule-form.ts";

const schedule = {
  timeZone: "Europe/Kaliningrad",
  rules: [
    { weekday: 1, from: "13:00", to: "15:00", breaks: [], visitMinutes: 30 },
    { weekday: 1, from: "09:00", to: "12:00", breaks: [{ from: "10:00", to: "10:15" }], visitMinutes: 30 },
    { weekday: 3, from: "08:00", to: "20:00", breaks: [], visitMinutes: 15 },
  ],
  exceptions: [
    { date: "2025-02-28", kind: "day_off" as const },
    { date: "2025-03-10", kind: "other_hours" as const, from: "10:00", to: "12:00", breaks: [] },
    { date: "2025-03-11", kind: "sick_leave" as const },
  ],
};

describe("schedule form", () => {
  it("makes one row per weekday: two rules of Monday become one with the gap as a break", () => {
    const form = toForm(schedule, "2025-03-03");
    expect(form.days).toHaveLength(7);
    expect(form.days[0]).toEqual({
      weekday: 1,
      working: true,
      from: "09:00",
      to: "15:00",
      breaks: [
        { from: "10:00", to: "10:15" },
        { from: "12:00", to: "13:00" },
      ],
      visitMinutes: "30",
    });
    expect(form.days[1]).toMatchObject({ weekday: 2, working: false });
    expect(form.days[2]).toMatchObject({
      weekday: 3,
      working: true,
      from: "08:00",
      to: "20:00",
      visitMinutes: "15",
    });
    expect(form.exceptions.map((e) => [e.date, e.kind, e.past])).toEqual([
      ["2025-02-28", "day_off", true],
      ["2025-03-10", "other_hours", false],
      ["2025-03-11", "sick_leave", false],
    ]);
  });

  it("gives back the request (working days only, past exceptions kept) and the row of each item", () => {
    const { request, rows } = toRequest(toForm(schedule, "2025-03-03"));
    expect(request.rules).toEqual([
      {
        weekday: 1,
        from: "09:00",
        to: "15:00",
        breaks: [
          { from: "10:00", to: "10:15" },
          { from: "12:00", to: "13:00" },
        ],
        visitMinutes: 30,
      },
      { weekday: 3, from: "08:00", to: "20:00", breaks: [], visitMinutes: 15 },
    ]);
    expect(request.exceptions).toEqual([
      { date: "2025-02-28", kind: "day_off" },
      { date: "2025-03-10", kind: "other_hours", from: "10:00", to: "12:00", breaks: [] },
      { date: "2025-03-11", kind: "sick_leave" },
    ]);
    expect(rows.rules).toEqual(["day-1", "day-3"]);
    expect(rows.exceptions).toHaveLength(3);
  });

  it("puts the API's field paths (bracketed or dotted) on the rows; the rest stays apart", () => {
    const rows = { rules: ["day-1", "day-3"], exceptions: ["exception-x7"] };
    expect(
      placeFieldErrors(
        {
          "rules[1].to": "Время начала должно быть раньше времени окончания",
          "rules.0.breaks.0.from": "Неверное время",
          "exceptions[0]": "Неверное исключение",
          "rules[5].from": "Нет такой строки",
          _: "Общая ошибка",
        },
        rows,
      ),
    ).toEqual({
      byKey: {
        "day-3.to": "Время начала должно быть раньше времени окончания",
        "day-1.breaks[0].from": "Неверное время",
        "exception-x7": "Неверное исключение",
      },
      rest: ["Нет такой строки", "Общая ошибка"],
    });
  });

  it("names the zone by its city with the offset, and lists a conflicting visit", () => {
    expect(zoneText("Europe/Kaliningrad", Date.UTC(2025, 2, 3))).toBe("время Калининграда (UTC+2)");
    expect(zoneText("Asia/Kamchatka", Date.UTC(2025, 2, 3))).toBe("время Камчатки (UTC+12)");
    expect(
      conflictText({
        id: "apt_1",
        ticketNumber: "Т-0001001",
        localDate: "2025-03-10",
        localTime: "10:30",
        timeZone: "Europe/Kaliningrad",
      }),
    ).toBe("Т-0001001 — 10.03.2025, 10:30");
  });
});
