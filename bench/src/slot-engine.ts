// Figure 1, the engine: the domain's slot generation (what the API materialises into the slot table)
// into per-doctor day bitmaps of free start cells (what the API's SlotIndex keeps), then the bitmap
// search. No object per empty cell, one Date-free integer walk per doctor.
import {
  cellPositionAt,
  createDayBitmaps,
  daysBetween,
  generateSlots,
  localTimeToCell,
  nearestFreeSlots,
  setCellsFree,
  type CellPosition,
  type DayBitmaps,
} from "@priyom/domain";
import { isBooked, ZONES, type SlotSearchResult, type SlotWorkload } from "./slot-workload.ts";

const CELL_MS = 15 * 60_000;

export interface EngineState {
  generated: number;
  free: number;
  bitmaps: DayBitmaps[];
  /** Per doctor, per day: UTC ms of the day's local 00:00 (slot start − cell × 15 min). */
  dayStarts: Float64Array[];
}

/** Schedules → slots (domain) → free start cells in day bitmaps, the booked 30 % left out. */
export function engineGenerate(w: SlotWorkload): EngineState {
  let generated = 0;
  let free = 0;
  const bitmaps: DayBitmaps[] = [];
  const dayStarts: Float64Array[] = [];
  for (const s of w.schedules) {
    const result = generateSlots({
      rules: s.rules,
      exceptions: s.exceptions,
      timeZone: s.timeZone,
      from: w.firstDay,
      to: w.lastDay,
    });
    if (!result.ok) throw new Error(`Schedule of doctor ${s.doctor} refused: ${result.error.code}`);
    const b = createDayBitmaps(w.days);
    const starts = new Float64Array(w.days);
    let date = "";
    let day = -1;
    for (const slot of result.value) {
      if (slot.localDate !== date) {
        date = slot.localDate;
        day = daysBetween(w.firstDay, date);
      }
      const cell = localTimeToCell(slot.localTime) ?? 0;
      starts[day] = slot.startUtc - cell * CELL_MS;
      generated++;
      if (isBooked(s.doctor, day, cell)) continue;
      setCellsFree(b, day, cell, 1);
      free++;
    }
    bitmaps.push(b);
    dayStarts.push(starts);
  }
  return { generated, free, bitmaps, dayStarts };
}

/** Each doctor's nearest free starts after `now`, and each zone's nearest across its doctors. */
export function engineSearch(w: SlotWorkload, state: EngineState): SlotSearchResult {
  const fromByZone = new Map<string, CellPosition>();
  for (const zone of ZONES) fromByZone.set(zone, cellPositionAt(w.now, w.firstDay, zone));
  const nearest: number[][] = [];
  const regional: [number, number][][] = ZONES.map(() => []);
  for (const s of w.schedules) {
    const from = fromByZone.get(s.timeZone) ?? { day: 0, cell: 0 };
    const b = state.bitmaps[s.doctor] ?? createDayBitmaps(w.days);
    const starts = state.dayStarts[s.doctor] ?? new Float64Array(w.days);
    const found = nearestFreeSlots(b, 15, from, Math.max(w.perDoctor, w.perZone));
    const ms = found.map((p) => (starts[p.day] ?? 0) + p.cell * CELL_MS);
    nearest.push(ms.slice(0, w.perDoctor));
    // The zone's running top list: this doctor's starts are ascending, so stop at the first that
    // does not beat the current last.
    const top = regional[ZONES.indexOf(s.timeZone as (typeof ZONES)[number])] ?? [];
    for (const start of ms) {
      const last = top[w.perZone - 1];
      if (last && (start > last[1] || (start === last[1] && s.doctor > last[0]))) break;
      let i = top.length;
      while (
        i > 0 &&
        ((top[i - 1]?.[1] ?? 0) > start || (top[i - 1]?.[1] === start && (top[i - 1]?.[0] ?? 0) > s.doctor))
      )
        i--;
      top.splice(i, 0, [s.doctor, start]);
      if (top.length > w.perZone) top.pop();
    }
  }
  return { generated: state.generated, free: state.free, nearest, regional };
}
