// Figure 1's workload: weekly schedules of N doctors over D local days in Russia's zones, 30 % of the
// generated slots booked. Shared by the engine and the oracle, so both answer the same question.
import type { ScheduleException, WeeklyRule } from "@priyom/domain";

export const ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Asia/Yekaterinburg",
  "Asia/Vladivostok",
] as const;

export interface DoctorSchedule {
  doctor: number;
  timeZone: string;
  rules: WeeklyRule[];
  exceptions: ScheduleException[];
}

export interface SlotWorkload {
  doctors: number;
  days: number;
  /** First local date of every doctor's horizon (day 0). */
  firstDay: string;
  lastDay: string;
  schedules: DoctorSchedule[];
  /** "Now" of the search: the middle of day 0 (off the 15-minute grid, 12:07:30 in Moscow). */
  now: number;
  /** How many nearest free slots per doctor, and per zone across all its doctors. */
  perDoctor: number;
  perZone: number;
}

const weekdays = (
  days: number[],
  from: string,
  to: string,
  visitMinutes: number,
  breaks = [] as WeeklyRule["breaks"],
) => days.map((weekday) => ({ weekday, from, to, visitMinutes, ...(breaks ? { breaks } : {}) }));

/** Five kinds of week, one per doctor modulo 5, with day-off and other-hours exceptions sprinkled in. */
function scheduleOf(
  doctor: number,
  firstDay: string,
  addDays: (d: string, n: number) => string,
): DoctorSchedule {
  const timeZone = ZONES[doctor % ZONES.length] ?? "Europe/Moscow";
  let rules: WeeklyRule[];
  switch (doctor % 5) {
    case 0: // long weekdays with lunch, 30-minute visits
      rules = weekdays([1, 2, 3, 4, 5], "08:00", "20:00", 30, [{ from: "13:00", to: "14:00" }]);
      break;
    case 1: // short weekdays
      rules = weekdays([1, 2, 3, 4, 5], "09:00", "15:00", 30);
      break;
    case 2: // laboratory: 15-minute visits, Saturday mornings too
      rules = [...weekdays([1, 2, 3, 4, 5], "08:00", "12:00", 15), ...weekdays([6], "09:00", "13:00", 15)];
      break;
    case 3: // 45-minute visits three afternoons a week, a short break that cuts a visit
      rules = weekdays([1, 3, 5], "14:00", "20:00", 45, [{ from: "17:00", to: "17:15" }]);
      break;
    default: // two long days, hour-long visits, morning and afternoon rules on one weekday
      rules = [
        ...weekdays([2, 4], "08:00", "12:00", 60, [{ from: "10:30", to: "11:00" }]),
        ...weekdays([2, 4], "13:00", "19:00", 60),
      ];
  }
  const exceptions: ScheduleException[] = [];
  if (doctor % 7 === 0) exceptions.push({ date: addDays(firstDay, 3), kind: "day_off" });
  if (doctor % 11 === 0)
    exceptions.push({
      date: addDays(firstDay, 8),
      kind: "other_hours",
      from: "10:00",
      to: "12:00",
      visitMinutes: 30,
    });
  if (doctor % 13 === 0) exceptions.push({ date: addDays(firstDay, 15), kind: "sick_leave" });
  return { doctor, timeZone, rules, exceptions };
}

export function slotWorkload(
  doctors: number,
  days: number,
  addDays: (d: string, n: number) => string,
): SlotWorkload {
  const firstDay = "2026-12-07"; // a Monday
  return {
    doctors,
    days,
    firstDay,
    lastDay: addDays(firstDay, days - 1),
    schedules: Array.from({ length: doctors }, (_, d) => scheduleOf(d, firstDay, addDays)),
    now: Date.UTC(2026, 11, 7, 9, 7, 30),
    perDoctor: 3,
    perZone: 10,
  };
}

/**
 * Whether the slot starting at `cell` (15-minute cell of the local day) of `day` is booked: a fixed
 * hash, true for 30 % of slots, the same for the engine and the oracle.
 */
export function isBooked(doctor: number, day: number, cell: number): boolean {
  let h = Math.imul(doctor + 1, 0x9e3779b1) ^ Math.imul(day * 96 + cell + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return (h >>> 0) % 100 < 30;
}

/** What a search answers: generated and free counts, per doctor its nearest free starts, per zone the nearest across doctors. */
export interface SlotSearchResult {
  generated: number;
  free: number;
  /** Per doctor, UTC ms of its `perDoctor` nearest free starts after `now`. */
  nearest: number[][];
  /** Per zone (ZONES order), `[doctor, UTC ms]` of the `perZone` nearest free starts, ties by doctor. */
  regional: [number, number][][];
}

/** Throws unless both results are the same, naming the first difference. */
export function assertSameResult(engine: SlotSearchResult, oracle: SlotSearchResult): void {
  const fail = (what: string, a: unknown, b: unknown) => {
    throw new Error(
      `Slot engine and oracle disagree on ${what}: engine ${JSON.stringify(a)}, oracle ${JSON.stringify(b)}`,
    );
  };
  if (engine.generated !== oracle.generated) fail("generated slots", engine.generated, oracle.generated);
  if (engine.free !== oracle.free) fail("free slots", engine.free, oracle.free);
  if (engine.nearest.length !== oracle.nearest.length)
    fail("doctors", engine.nearest.length, oracle.nearest.length);
  engine.nearest.forEach((list, d) => {
    const other = oracle.nearest[d] ?? [];
    if (list.length !== other.length || list.some((v, i) => v !== other[i]))
      fail(`doctor ${d}'s nearest`, list, other);
  });
  engine.regional.forEach((list, z) => {
    const other = oracle.regional[z] ?? [];
    if (JSON.stringify(list) !== JSON.stringify(other)) fail(`zone ${ZONES[z]}'s nearest`, list, other);
  });
}
