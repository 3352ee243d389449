// Figure 1, the oracle: a plain, obviously correct slot generator and search — an object with Dates
// per slot, the zone offset asked of Intl for every slot, a filter and a sort per search. Nothing in
// it is slow on purpose: it is how one writes it first. The run throws when it and the engine differ.
import { isBooked, ZONES, type SlotSearchResult, type SlotWorkload } from "./slot-workload.ts";

interface PlainSlot {
  doctor: number;
  localDate: string;
  localTime: string;
  start: Date;
  end: Date;
  booked: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset (ms) at an instant, read off Intl's wall clock there. */
function offsetAt(instant: Date, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - instant.getTime();
}

/** A local date and minute of the day in a zone as a Date: guess, correct by the offset, check again. */
function localToDate(localDate: string, minutes: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = localDate.split("-").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const first = new Date(asUtc - offsetAt(new Date(asUtc), timeZone));
  return new Date(asUtc - offsetAt(first, timeZone));
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Every slot of every doctor, day by day: the day's rules (or its exception), visits back to back, a visit that meets a break moved past it. */
export function oracleGenerate(w: SlotWorkload): PlainSlot[] {
  const all: PlainSlot[] = [];
  const first = new Date(`${w.firstDay}T00:00:00Z`);
  for (const s of w.schedules) {
    const mine: PlainSlot[] = [];
    for (let day = 0; day < w.days; day++) {
      const date = new Date(first.getTime() + day * 86_400_000);
      const localDate = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
      const exception = s.exceptions.find((e) => e.date === localDate);
      let intervals: { from: string; to: string; breaks: { from: string; to: string }[]; visit: number }[];
      if (exception) {
        const visit = exception.visitMinutes ?? s.rules.find((r) => r.weekday === weekday)?.visitMinutes;
        intervals =
          exception.kind === "other_hours" && exception.from && exception.to && visit
            ? [{ from: exception.from, to: exception.to, breaks: [...(exception.breaks ?? [])], visit }]
            : [];
      } else {
        intervals = s.rules
          .filter((r) => r.weekday === weekday)
          .map((r) => ({ from: r.from, to: r.to, breaks: [...(r.breaks ?? [])], visit: r.visitMinutes }));
      }
      for (const interval of intervals) {
        let t = toMinutes(interval.from);
        const end = toMinutes(interval.to);
        while (t + interval.visit <= end) {
          const visitEnd = t + interval.visit;
          const hit = interval.breaks.find((b) => t < toMinutes(b.to) && toMinutes(b.from) < visitEnd);
          if (hit) {
            t = toMinutes(hit.to);
            continue;
          }
          const start = localToDate(localDate, t, s.timeZone);
          mine.push({
            doctor: s.doctor,
            localDate,
            localTime: hhmm(t),
            start,
            end: new Date(start.getTime() + interval.visit * 60_000),
            booked: isBooked(s.doctor, day, t / 15),
          });
          t = visitEnd;
        }
      }
    }
    mine.sort((a, b) => a.start.getTime() - b.start.getTime());
    all.push(...mine);
  }
  return all;
}

/** Filter the free slots after now, sort by start, take the first few — per doctor and per zone. */
export function oracleSearch(w: SlotWorkload, slots: PlainSlot[]): SlotSearchResult {
  const now = new Date(w.now);
  const upcoming = slots.filter((s) => !s.booked && s.start > now);
  const nearest: number[][] = w.schedules.map(() => []);
  const byDoctor = new Map<number, PlainSlot[]>();
  for (const s of upcoming) {
    const list = byDoctor.get(s.doctor) ?? [];
    list.push(s);
    byDoctor.set(s.doctor, list);
  }
  for (const [doctor, list] of byDoctor) {
    nearest[doctor] = [...list]
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .slice(0, w.perDoctor)
      .map((s) => s.start.getTime());
  }
  const regional = ZONES.map((zone) =>
    upcoming
      .filter((s) => w.schedules[s.doctor]?.timeZone === zone)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.doctor - b.doctor)
      .slice(0, w.perZone)
      .map((s): [number, number] => [s.doctor, s.start.getTime()]),
  );
  return { generated: slots.length, free: slots.filter((s) => !s.booked).length, nearest, regional };
}
