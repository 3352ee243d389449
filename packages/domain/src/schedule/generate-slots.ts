import { isoDateToDayNumber, dayNumberToIsoDate } from "../dates/day-number.ts";
import { isIsoDate } from "../dates/parse-iso-date.ts";
import { formatLocalTime, parseLocalTime } from "../dates/parse-local-time.ts";
import { zonedLocalToUtcMs } from "../dates/zoned-local-to-utc.ts";
import { isValidTimeZone } from "../dates/zone-wall-clock.ts";
import { fail, ok, type Failure, type Result } from "../errors/result.ts";

/** The slot grid step, in minutes. */
export const GRID_MINUTES = 15;

/** A wall-clock range `[from, to)`, both `HH:MM`. */
export type TimeRange = { from: string; to: string };

/** A weekly working interval: ISO weekday (Monday = 1), hours, breaks and the visit length. */
export type WeeklyRule = {
  weekday: number;
  from: string;
  to: string;
  breaks?: readonly TimeRange[];
  visitMinutes: number;
};

/**
 * A dated exception: a day off or sick leave (no slots), or other hours that replace the weekly rules
 * that day (`visitMinutes` defaults to that weekday's rule).
 */
export type ScheduleException = {
  date: string;
  kind: "day_off" | "sick_leave" | "other_hours";
  from?: string;
  to?: string;
  breaks?: readonly TimeRange[];
  visitMinutes?: number;
};

/** What slots are generated from: a schedule in a clinic's zone over inclusive local dates. */
export type SlotGenerationInput = {
  rules: readonly WeeklyRule[];
  exceptions?: readonly ScheduleException[];
  timeZone: string;
  from: string;
  to: string;
};

/** A bookable slot: local date and start time in the clinic's zone, with its UTC instants (epoch ms). */
export type Slot = {
  localDate: string;
  localTime: string;
  minutes: number;
  startUtc: number;
  endUtc: number;
};

type Interval = { from: number; to: number; breaks: readonly (readonly [number, number])[]; visit: number };

function parseGridTime(value: string, field: string): Result<number> {
  const minutes = parseLocalTime(value);
  if (minutes === null) return fail("schedule_time_invalid", field);
  if (minutes % GRID_MINUTES !== 0) return fail("schedule_off_grid", field);
  return ok(minutes);
}

function parseInterval(
  spec: { from: string; to: string; breaks?: readonly TimeRange[] },
  visit: number,
  field: string,
): Result<Interval> {
  if (!Number.isInteger(visit) || visit < GRID_MINUTES || visit % GRID_MINUTES !== 0) {
    return fail("schedule_visit_minutes_invalid", `${field}.visitMinutes`);
  }
  const from = parseGridTime(spec.from, `${field}.from`);
  if (!from.ok) return from;
  const to = parseGridTime(spec.to, `${field}.to`);
  if (!to.ok) return to;
  if (from.value >= to.value) return fail("schedule_range_empty", `${field}.to`);
  const breaks: (readonly [number, number])[] = [];
  for (const [i, b] of (spec.breaks ?? []).entries()) {
    const bf = parseGridTime(b.from, `${field}.breaks[${i}].from`);
    if (!bf.ok) return bf;
    const bt = parseGridTime(b.to, `${field}.breaks[${i}].to`);
    if (!bt.ok) return bt;
    if (bf.value >= bt.value) return fail("schedule_range_empty", `${field}.breaks[${i}].to`);
    breaks.push([bf.value, bt.value]);
  }
  breaks.sort((a, b) => a[0] - b[0]);
  return ok({ from: from.value, to: to.value, breaks, visit });
}

/** Working time minus breaks, as sorted disjoint `[from, to)` minute ranges. */
function segments(interval: Interval): [number, number][] {
  const result: [number, number][] = [];
  let cursor = interval.from;
  for (const [bf, bt] of interval.breaks) {
    if (bt <= cursor) continue;
    if (bf >= interval.to) break;
    if (bf > cursor) result.push([cursor, bf]);
    cursor = Math.max(cursor, bt);
  }
  if (cursor < interval.to) result.push([cursor, interval.to]);
  return result;
}

function compile(input: SlotGenerationInput): Result<{
  weekly: Interval[][];
  exceptions: Map<string, Interval | null>;
}> {
  if (!isValidTimeZone(input.timeZone)) return fail("schedule_time_zone_invalid", "timeZone");
  if (!isIsoDate(input.from)) return fail("schedule_date_invalid", "from");
  if (!isIsoDate(input.to)) return fail("schedule_date_invalid", "to");
  if (input.from > input.to) return fail("schedule_date_range_invalid", "to");
  const weekly: Interval[][] = [[], [], [], [], [], [], [], []];
  for (const [i, rule] of input.rules.entries()) {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      return fail("schedule_weekday_invalid", `rules[${i}].weekday`);
    }
    const interval = parseInterval(rule, rule.visitMinutes, `rules[${i}]`);
    if (!interval.ok) return interval;
    const day = weekly[rule.weekday] ?? [];
    if (day.some((other) => other.from < interval.value.to && interval.value.from < other.to)) {
      return fail("schedule_rules_overlap", `rules[${i}]`);
    }
    day.push(interval.value);
  }
  for (const day of weekly) day.sort((a, b) => a.from - b.from);

  const exceptions = new Map<string, Interval | null>();
  for (const [i, ex] of (input.exceptions ?? []).entries()) {
    const field = `exceptions[${i}]`;
    if (!isIsoDate(ex.date)) return fail("schedule_date_invalid", `${field}.date`);
    if (exceptions.has(ex.date)) return fail("schedule_exception_duplicate", `${field}.date`);
    if (ex.kind !== "other_hours") {
      exceptions.set(ex.date, null);
      continue;
    }
    const weekday = weekdayOfDayNumber(isoDateToDayNumber(ex.date));
    const visit = ex.visitMinutes ?? weekly[weekday]?.[0]?.visit;
    if (ex.from === undefined || ex.to === undefined || visit === undefined) {
      return fail("schedule_exception_invalid", field);
    }
    const interval = parseInterval({ from: ex.from, to: ex.to, breaks: ex.breaks ?? [] }, visit, field);
    if (!interval.ok) return interval;
    exceptions.set(ex.date, interval.value);
  }
  return ok({ weekly, exceptions });
}

function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/**
 * Generates the bookable slots of a doctor's schedule over local dates `from`–`to` (inclusive) in the
 * clinic's IANA zone. Weekly rules give working hours per ISO weekday; a dated exception replaces
 * them that day (day off and sick leave: no slots; other hours: those hours instead). Within working
 * hours minus breaks, visits of `visitMinutes` follow each other from the start of each stretch; a
 * visit that would run into a break or past the end is not offered. Every slot starts on the
 * 15-minute grid, none overlap, and each UTC instant is derived from local date + time + zone.
 *
 * Invalid input fails with a field path: a time not `HH:MM` (`schedule_time_invalid`) or off the grid
 * (`schedule_off_grid`), `from` ≥ `to` (`schedule_range_empty`), a visit length that is not a positive
 * multiple of 15 (`schedule_visit_minutes_invalid`), overlapping rules on one weekday, a duplicate
 * exception date, an unknown zone.
 *
 * @example
 * generateSlots({
 *   rules: [{ weekday: 1, from: "09:00", to: "10:00", breaks: [{ from: "09:30", to: "09:45" }], visitMinutes: 15 }],
 *   timeZone: "Europe/Moscow", from: "2025-03-03", to: "2025-03-03",
 * });
 * // { ok: true, value: [
 * //   { localDate: "2025-03-03", localTime: "09:00", minutes: 15, startUtc: Date.UTC(2025, 2, 3, 6, 0), endUtc: … },
 * //   { localDate: "2025-03-03", localTime: "09:15", … }, { …, localTime: "09:45", … } ] }
 */
export function generateSlots(input: SlotGenerationInput): Result<Slot[]> {
  const compiled = compile(input);
  if (!compiled.ok) return compiled satisfies Failure;
  const { weekly, exceptions } = compiled.value;
  const slots: Slot[] = [];
  const last = isoDateToDayNumber(input.to);
  for (let day = isoDateToDayNumber(input.from); day <= last; day++) {
    const localDate = dayNumberToIsoDate(day);
    const exception = exceptions.get(localDate);
    const intervals =
      exception === undefined ? (weekly[weekdayOfDayNumber(day)] ?? []) : exception ? [exception] : [];
    const starts: [number, number][] = [];
    for (const interval of intervals) {
      for (const [from, to] of segments(interval)) {
        for (let t = from; t + interval.visit <= to; t += interval.visit) starts.push([t, interval.visit]);
      }
    }
    const first = starts[0];
    const lastStart = starts[starts.length - 1];
    if (first === undefined || lastStart === undefined) continue;
    // One Intl look-up per day, not per slot: the offset at the first and last start agree on every day
    // without a clock change; otherwise each slot gets its own.
    const base = day * MS_PER_DAY;
    const offsetFirst = base + first[0] * MS_PER_MINUTE - zonedLocalToUtcMs(day, first[0], input.timeZone);
    const offsetLast =
      base + lastStart[0] * MS_PER_MINUTE - zonedLocalToUtcMs(day, lastStart[0], input.timeZone);
    for (const [t, minutes] of starts) {
      const startUtc =
        offsetFirst === offsetLast
          ? base + t * MS_PER_MINUTE - offsetFirst
          : zonedLocalToUtcMs(day, t, input.timeZone);
      slots.push({
        localDate,
        localTime: formatLocalTime(t),
        minutes,
        startUtc,
        endUtc: startUtc + minutes * MS_PER_MINUTE,
      });
    }
  }
  return ok(slots);
}
