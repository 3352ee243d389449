import type { TDoctorScheduleRequest, TScheduleConflictAppointment, TStaffSchedule } from "@priyom/contracts";
import { localDateTimeInZone, utcOffsetMinutes } from "@priyom/domain";
import { formatRuDate, zoneNote } from "../referral-format.ts";

// The staff schedule screen's form: the published schedule as one row per weekday and a list of
// dated exceptions, back to the request the API takes, and the API's field paths back to the rows.

export type ExceptionKind = TDoctorScheduleRequest["exceptions"][number]["kind"];
export type TimeRange = { from: string; to: string };

/** One weekday: works or not, hours, breaks, visit length (minutes, as the select's string). */
export interface ScheduleDayForm {
  weekday: number;
  working: boolean;
  from: string;
  to: string;
  breaks: TimeRange[];
  visitMinutes: string;
}

/** One dated exception; `visitMinutes` "" = that weekday's length; `past` rows are kept but not shown. */
export interface ScheduleExceptionForm {
  key: string;
  date: string;
  kind: ExceptionKind;
  from: string;
  to: string;
  breaks: TimeRange[];
  visitMinutes: string;
  past: boolean;
}

export interface ScheduleForm {
  days: ScheduleDayForm[];
  exceptions: ScheduleExceptionForm[];
}

export const WEEKDAY_NAMES = [
  "Понедельник",
  "Вторник",
  "Среда",
  "Четверг",
  "Пятница",
  "Суббота",
  "Воскресенье",
] as const;

export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  day_off: "Выходной",
  sick_leave: "Больничный",
  other_hours: "Другие часы",
};

export const VISIT_LENGTHS = ["15", "30", "45", "60"] as const;

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Starts on the 15-minute grid, 00:00 … 23:45. */
export const START_TIMES: readonly string[] = Array.from({ length: 96 }, (_, i) => hhmm(i * 15));
/** Ends on the 15-minute grid, 00:15 … 24:00. */
export const END_TIMES: readonly string[] = Array.from({ length: 96 }, (_, i) => hhmm((i + 1) * 15));

/** Select options of a grid, the current value kept even when it is off the list. */
export function timeOptions(grid: readonly string[], current: string): { value: string; label: string }[] {
  const values = current !== "" && !grid.includes(current) ? [current, ...grid] : grid;
  return values.map((value) => ({ value, label: value }));
}

/** «15 минут», «60 минут»; a length read back outside 15/30/45/60 stays selectable. */
export function visitOptions(current: string): { value: string; label: string }[] {
  const values: string[] = [...VISIT_LENGTHS];
  if (current !== "" && !values.includes(current)) values.push(current);
  return values.map((value) => ({ value, label: `${value} минут` }));
}

let exceptionSerial = 0;
/** A fresh exception row (a day off on no date yet). */
export function newException(): ScheduleExceptionForm {
  exceptionSerial += 1;
  return {
    key: `x${exceptionSerial}`,
    date: "",
    kind: "day_off",
    from: "09:00",
    to: "15:00",
    breaks: [],
    visitMinutes: "",
    past: false,
  };
}

/**
 * The published schedule as form rows. Several rules on one weekday become one row from the first
 * start to the last end, the gaps between them breaks — the same slots, since visits follow each other
 * from the start of each stretch (the first rule's visit length is kept). Exceptions before `today`
 * (the clinic's date) are marked `past`.
 * @example toForm({ timeZone: "Europe/Moscow", rules: [{ weekday: 1, from: "09:00", to: "12:00", visitMinutes: 30 }, { weekday: 1, from: "13:00", to: "15:00", visitMinutes: 30 }], exceptions: [] }, "2025-03-03").days[0]
 * // { weekday: 1, working: true, from: "09:00", to: "15:00", breaks: [{ from: "12:00", to: "13:00" }], visitMinutes: "30" }
 */
export function toForm(schedule: TStaffSchedule, today: string): ScheduleForm {
  const days = WEEKDAY_NAMES.map((_, i): ScheduleDayForm => {
    const weekday = i + 1;
    const rules = schedule.rules
      .filter((r) => r.weekday === weekday)
      .sort((a, b) => a.from.localeCompare(b.from));
    const first = rules[0];
    const last = rules[rules.length - 1];
    if (!first || !last) {
      return { weekday, working: false, from: "09:00", to: "15:00", breaks: [], visitMinutes: "30" };
    }
    const breaks: TimeRange[] = rules.flatMap((r) =>
      (r.breaks ?? []).map((b) => ({ from: b.from, to: b.to })),
    );
    rules.slice(1).forEach((r, j) => breaks.push({ from: rules[j]?.to ?? r.from, to: r.from }));
    breaks.sort((a, b) => a.from.localeCompare(b.from));
    return {
      weekday,
      working: true,
      from: first.from,
      to: last.to,
      breaks,
      visitMinutes: String(first.visitMinutes),
    };
  });
  const exceptions = schedule.exceptions.map((e) => ({
    ...newException(),
    date: e.date,
    kind: e.kind,
    ...(e.kind === "other_hours"
      ? {
          from: e.from ?? "09:00",
          to: e.to ?? "15:00",
          breaks: (e.breaks ?? []).map((b) => ({ from: b.from, to: b.to })),
          visitMinutes: e.visitMinutes === undefined ? "" : String(e.visitMinutes),
        }
      : {}),
    past: e.date !== "" && e.date < today,
  }));
  return { days, exceptions };
}

/** The form as the request, and which row each request item came from (`day-3`, `exception-x1`). */
export function toRequest(form: ScheduleForm): {
  request: TDoctorScheduleRequest;
  rows: { rules: string[]; exceptions: string[] };
} {
  const working = form.days.filter((d) => d.working);
  return {
    request: {
      rules: working.map((d) => ({
        weekday: d.weekday,
        from: d.from,
        to: d.to,
        breaks: d.breaks.map((b) => ({ from: b.from, to: b.to })),
        visitMinutes: Number(d.visitMinutes),
      })),
      exceptions: form.exceptions.map((e) =>
        e.kind === "other_hours"
          ? {
              date: e.date,
              kind: e.kind,
              from: e.from,
              to: e.to,
              breaks: e.breaks.map((b) => ({ from: b.from, to: b.to })),
              ...(e.visitMinutes === "" ? {} : { visitMinutes: Number(e.visitMinutes) }),
            }
          : { date: e.date, kind: e.kind },
      ),
    },
    rows: {
      rules: working.map((d) => `day-${d.weekday}`),
      exceptions: form.exceptions.map((e) => `exception-${e.key}`),
    },
  };
}

/**
 * The API's field errors moved onto the form's rows: `rules[2].to` (or `rules.2.to`) of the third
 * working day becomes `day-4.to`, `exceptions[0]` becomes `exception-x1`. Paths that name no row
 * come back as `rest`, to be shown above the button.
 * @example placeFieldErrors({ "rules[0].to": "…" }, { rules: ["day-1"], exceptions: [] })
 * // { byKey: { "day-1.to": "…" }, rest: [] }
 */
export function placeFieldErrors(
  fields: Record<string, string>,
  rows: { rules: string[]; exceptions: string[] },
): { byKey: Record<string, string>; rest: string[] } {
  const byKey: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const normalised = path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
    const m = /^(rules|exceptions)\[(\d+)\](.*)$/.exec(normalised);
    const row = m ? rows[m[1] as "rules" | "exceptions"][Number(m[2])] : undefined;
    if (m && row !== undefined) byKey[`${row}${m[3] ?? ""}`] ??= message;
    else rest.push(message);
  }
  return { byKey, rest };
}

/**
 * «время Калининграда (UTC+2)»: the zone the schedule's times and dates are in.
 * @example zoneText("Europe/Kaliningrad") // "время Калининграда (UTC+2)"
 */
export function zoneText(timeZone: string, now: number = Date.now()): string {
  // zoneNote names a zone whenever its offset differs from the other one's; no Russian zone is at UTC+0.
  const name = zoneNote(timeZone, "Etc/UTC", now) ?? timeZone;
  try {
    const offset = utcOffsetMinutes(now, timeZone);
    const sign = offset < 0 ? "−" : "+";
    const hours = Math.floor(Math.abs(offset) / 60);
    const minutes = Math.abs(offset) % 60;
    return `${name} (UTC${sign}${hours}${minutes ? `:${pad(minutes)}` : ""})`;
  } catch {
    return name;
  }
}

/** The clinic's date today, `YYYY-MM-DD`. */
export function todayInZone(timeZone: string, now: number = Date.now()): string {
  try {
    return localDateTimeInZone(now, timeZone).localDate;
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/** A visit a change would drop, as listed: «Т-0001001 — 02.03.2025, 10:30». */
export function conflictText(a: TScheduleConflictAppointment): string {
  return `${a.ticketNumber} — ${formatRuDate(a.localDate)}, ${a.localTime}`;
}
