import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../dates/add-days.ts";
import { isoWeekday } from "../dates/iso-weekday.ts";
import { localDateTimeInZone } from "../dates/local-date-time-in-zone.ts";
import { formatLocalTime, parseLocalTime } from "../dates/parse-local-time.ts";
import { generateSlots, type ScheduleException, type WeeklyRule } from "./generate-slots.ts";

const RUSSIAN_ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Volgograd",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
];

const times = (slots: { localTime: string }[]) => slots.map((s) => s.localTime);

describe("generateSlots", () => {
  it("fills working hours, skips breaks and restarts after a break (Moscow, Monday 2025-03-03)", () => {
    const result = generateSlots({
      rules: [
        {
          weekday: 1,
          from: "09:00",
          to: "11:00",
          breaks: [{ from: "09:45", to: "10:15" }],
          visitMinutes: 30,
        },
      ],
      timeZone: "Europe/Moscow",
      from: "2025-03-03",
      to: "2025-03-03",
    });
    if (!result.ok) throw new Error(result.error.code);
    // 09:00–09:30, 09:30–10:00 would run into the break: not offered; 10:15 and 10:45 after it (10:45–11:15 would not fit).
    expect(times(result.value)).toEqual(["09:00", "10:15"]);
    expect(result.value[0]).toEqual({
      localDate: "2025-03-03",
      localTime: "09:00",
      minutes: 30,
      startUtc: Date.UTC(2025, 2, 3, 6, 0), // 09:00 MSK
      endUtc: Date.UTC(2025, 2, 3, 6, 30),
    });
  });

  it("only generates on the rule's weekdays", () => {
    const result = generateSlots({
      rules: [{ weekday: 3, from: "09:00", to: "09:30", visitMinutes: 15 }],
      timeZone: "Europe/Moscow",
      from: "2025-03-03",
      to: "2025-03-09",
    });
    expect(result.ok && result.value.map((s) => `${s.localDate} ${s.localTime}`)).toEqual([
      "2025-03-05 09:00",
      "2025-03-05 09:15",
    ]);
  });

  it("a day off or sick leave removes the day; other hours replace the rule", () => {
    const result = generateSlots({
      rules: [
        { weekday: 1, from: "09:00", to: "09:30", visitMinutes: 15 },
        { weekday: 2, from: "09:00", to: "09:30", visitMinutes: 15 },
        { weekday: 3, from: "09:00", to: "09:30", visitMinutes: 15 },
      ],
      exceptions: [
        { date: "2025-03-03", kind: "day_off" },
        { date: "2025-03-04", kind: "sick_leave" },
        { date: "2025-03-05", kind: "other_hours", from: "14:00", to: "14:30" },
      ],
      timeZone: "Asia/Kamchatka",
      from: "2025-03-03",
      to: "2025-03-05",
    });
    expect(result.ok && result.value.map((s) => `${s.localDate} ${s.localTime}`)).toEqual([
      "2025-03-05 14:00",
      "2025-03-05 14:15",
    ]);
  });

  it("Kaliningrad and Kamchatka slots at 09:00 local are 10 hours apart in UTC", () => {
    const at = (timeZone: string) => {
      const r = generateSlots({
        rules: [{ weekday: 1, from: "09:00", to: "09:15", visitMinutes: 15 }],
        timeZone,
        from: "2025-03-03",
        to: "2025-03-03",
      });
      return r.ok ? r.value[0]?.startUtc : undefined;
    };
    expect(at("Europe/Kaliningrad")).toBe(Date.UTC(2025, 2, 3, 7, 0));
    expect(at("Asia/Kamchatka")).toBe(Date.UTC(2025, 2, 2, 21, 0));
  });

  it.each<[string, WeeklyRule[], ScheduleException[], string, string]>([
    [
      "off-grid start",
      [{ weekday: 1, from: "09:10", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_off_grid",
      "rules[0].from",
    ],
    [
      "malformed time",
      [{ weekday: 1, from: "9:00", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_time_invalid",
      "rules[0].from",
    ],
    [
      "from = to",
      [{ weekday: 1, from: "12:00", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_range_empty",
      "rules[0].to",
    ],
    [
      "from > to",
      [{ weekday: 1, from: "13:00", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_range_empty",
      "rules[0].to",
    ],
    [
      "visit 20 minutes",
      [{ weekday: 1, from: "09:00", to: "12:00", visitMinutes: 20 }],
      [],
      "schedule_visit_minutes_invalid",
      "rules[0].visitMinutes",
    ],
    [
      "visit 0 minutes",
      [{ weekday: 1, from: "09:00", to: "12:00", visitMinutes: 0 }],
      [],
      "schedule_visit_minutes_invalid",
      "rules[0].visitMinutes",
    ],
    [
      "weekday 0",
      [{ weekday: 0, from: "09:00", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_weekday_invalid",
      "rules[0].weekday",
    ],
    [
      "weekday 8",
      [{ weekday: 8, from: "09:00", to: "12:00", visitMinutes: 15 }],
      [],
      "schedule_weekday_invalid",
      "rules[0].weekday",
    ],
    [
      "break off grid",
      [
        {
          weekday: 1,
          from: "09:00",
          to: "12:00",
          breaks: [{ from: "10:00", to: "10:20" }],
          visitMinutes: 15,
        },
      ],
      [],
      "schedule_off_grid",
      "rules[0].breaks[0].to",
    ],
    [
      "overlapping rules",
      [
        { weekday: 1, from: "09:00", to: "12:00", visitMinutes: 15 },
        { weekday: 1, from: "11:45", to: "14:00", visitMinutes: 15 },
      ],
      [],
      "schedule_rules_overlap",
      "rules[1]",
    ],
    [
      "duplicate exception",
      [],
      [
        { date: "2025-03-03", kind: "day_off" },
        { date: "2025-03-03", kind: "sick_leave" },
      ],
      "schedule_exception_duplicate",
      "exceptions[1].date",
    ],
    [
      "other hours without hours",
      [],
      [{ date: "2025-03-03", kind: "other_hours", visitMinutes: 15 }],
      "schedule_exception_invalid",
      "exceptions[0]",
    ],
  ])("rejects %s", (_name, rules, exceptions, code, field) => {
    expect(
      generateSlots({ rules, exceptions, timeZone: "Europe/Moscow", from: "2025-03-03", to: "2025-03-09" }),
    ).toMatchObject({
      ok: false,
      error: { code, field },
    });
  });

  it("rejects an unknown zone and a reversed date range", () => {
    expect(
      generateSlots({ rules: [], timeZone: "Mars/Olympus", from: "2025-03-03", to: "2025-03-03" }),
    ).toMatchObject({
      ok: false,
      error: { code: "schedule_time_zone_invalid" },
    });
    expect(
      generateSlots({ rules: [], timeZone: "Europe/Moscow", from: "2025-03-04", to: "2025-03-03" }),
    ).toMatchObject({
      ok: false,
      error: { code: "schedule_date_range_invalid" },
    });
  });

  // Property: any valid schedule in any Russian zone.
  const cellRange = (min: number, max: number) =>
    fc
      .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  const toTime = (cell: number) => formatLocalTime(cell * 15);
  const rule = fc.record({
    weekday: fc.integer({ min: 1, max: 7 }),
    hours: cellRange(0, 96),
    breaks: fc.array(cellRange(0, 96), { maxLength: 3 }),
    visitMinutes: fc.constantFrom(15, 30, 45, 60, 90),
  });
  const exception = fc.record({
    offset: fc.integer({ min: 0, max: 13 }),
    kind: fc.constantFrom<ScheduleException["kind"][]>("day_off", "sick_leave", "other_hours"),
    hours: cellRange(0, 96),
    breaks: fc.array(cellRange(0, 96), { maxLength: 2 }),
  });

  it("property: slots are on the grid, disjoint, inside hours, outside breaks and exceptions, and map back to local time", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rule, { selector: (r) => r.weekday, maxLength: 7 }),
        fc.uniqueArray(exception, { selector: (e) => e.offset, maxLength: 4 }),
        fc.constantFrom(...RUSSIAN_ZONES),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 13 }),
        (genRules, genExceptions, timeZone, startOffset, length) => {
          const from = addDays("2016-01-01", startOffset);
          const to = addDays(from, length);
          const rules: WeeklyRule[] = genRules.map((r) => ({
            weekday: r.weekday,
            from: toTime(r.hours[0]),
            to: toTime(r.hours[1]),
            breaks: r.breaks.map(([a, b]) => ({ from: toTime(a), to: toTime(b) })),
            visitMinutes: r.visitMinutes,
          }));
          const exceptions: ScheduleException[] = genExceptions.map((e) => ({
            date: addDays(from, e.offset),
            kind: e.kind,
            from: toTime(e.hours[0]),
            to: toTime(e.hours[1]),
            breaks: e.breaks.map(([a, b]) => ({ from: toTime(a), to: toTime(b) })),
            visitMinutes: 30,
          }));
          const result = generateSlots({ rules, exceptions, timeZone, from, to });
          if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
          const slots = result.value;
          const sorted = [...slots].sort((a, b) => a.startUtc - b.startUtc);
          for (let i = 1; i < sorted.length; i++) {
            expect((sorted[i - 1]?.endUtc ?? 0) <= (sorted[i]?.startUtc ?? 0)).toBe(true);
          }
          for (const slot of slots) {
            const start = parseLocalTime(slot.localTime) ?? -1;
            const end = start + slot.minutes;
            expect(start % 15).toBe(0);
            expect(slot.localDate >= from && slot.localDate <= to).toBe(true);
            const ex = exceptions.find((e) => e.date === slot.localDate);
            expect(ex?.kind === "day_off" || ex?.kind === "sick_leave").toBe(false);
            const spec = ex ?? rules.find((r) => r.weekday === isoWeekday(slot.localDate));
            if (spec === undefined) throw new Error("slot on a day without hours");
            expect(start >= (parseLocalTime(spec.from ?? "") ?? 9999)).toBe(true);
            expect(end <= (parseLocalTime(spec.to ?? "") ?? -1)).toBe(true);
            expect(slot.minutes).toBe(ex ? 30 : spec.visitMinutes);
            for (const b of spec.breaks ?? []) {
              const bf = parseLocalTime(b.from) ?? 0;
              const bt = parseLocalTime(b.to) ?? 0;
              expect(bf < bt && start < bt && bf < end).toBe(false);
            }
            expect(slot.endUtc - slot.startUtc).toBe(slot.minutes * 60_000);
            expect(localDateTimeInZone(slot.startUtc, timeZone)).toEqual({
              localDate: slot.localDate,
              localTime: slot.localTime,
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
