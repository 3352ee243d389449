// Free-slot search for "the nearest free visits of every doctor" over 2,000 doctors × 28 days:
// the domain's per-day bitmaps against the per-slot Date objects that made cal.com's search slow.
import {
  addDays,
  createDayBitmaps,
  nearestFreeSlots,
  setCellsBusy,
  setCellsFree,
  zonedLocalToUtc,
} from "@priyom/domain";
import { measure, type Measurement } from "./measure.ts";

const DOCTORS = 2_000;
const DAYS = 28;
const FIRST_DAY = "2026-12-01";
const ZONE = "Europe/Moscow";
const VISIT_MINUTES = 30;

/** Deterministic pseudo-random numbers, so every run measures the same schedule. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

interface NaiveSlot {
  doctor: number;
  start: Date;
  end: Date;
  free: boolean;
}

export function freeSearchWorkload(): { title: string; measurements: Measurement[]; ratios: string[] } {
  const random = lcg(42);
  const bitmaps: Uint32Array[] = [];
  const naive: NaiveSlot[] = [];
  const dayStartMs: number[] = [];
  for (let day = 0; day < DAYS; day++) {
    dayStartMs.push(zonedLocalToUtc(addDays(FIRST_DAY, day), "00:00", ZONE).getTime());
  }
  for (let doctor = 0; doctor < DOCTORS; doctor++) {
    const b = createDayBitmaps(DAYS);
    // A third of the doctors are fully booked for the period; the rest work 08:00–20:00 with
    // two in five 15-minute cells already taken.
    const fullyBooked = doctor % 3 === 0;
    for (let day = 0; day < DAYS; day++) {
      setCellsFree(b, day, 32, 48);
      for (let cell = 32; cell < 80; cell++) {
        const busy = fullyBooked || random() < 0.4;
        if (busy) setCellsBusy(b, day, cell, 1);
        const start = new Date((dayStartMs[day] ?? 0) + cell * 15 * 60_000);
        naive.push({ doctor, start, end: new Date(start.getTime() + 15 * 60_000), free: !busy });
      }
    }
    bitmaps.push(b);
  }

  const from = { day: 0, cell: 0 };
  const bitmapSearch = () => {
    let found = 0;
    for (const b of bitmaps) found += nearestFreeSlots(b, VISIT_MINUTES, from, 3).length;
    return found;
  };
  // The per-slot way: walk each doctor's slot objects in time order, comparing Dates, looking for
  // two adjacent free 15-minute slots.
  const bySlotObjects = () => {
    let found = 0;
    const perDoctor = new Map<number, NaiveSlot[]>();
    for (const s of naive) {
      const list = perDoctor.get(s.doctor) ?? [];
      list.push(s);
      perDoctor.set(s.doctor, list);
    }
    for (const list of perDoctor.values()) {
      list.sort((a, b) => a.start.getTime() - b.start.getTime());
      let hits = 0;
      for (let i = 0; i + 1 < list.length && hits < 3; i++) {
        const a = list[i];
        const b = list[i + 1];
        if (
          a &&
          b &&
          a.free &&
          b.free &&
          a.end.getTime() === b.start.getTime() &&
          new Date(a.start).getUTCMinutes() % 15 === 0
        ) {
          hits++;
          i++;
        }
      }
      found += hits;
    }
    return found;
  };

  const agree = bitmapSearch() === bySlotObjects();
  const bitmap = measure("bitmaps: 3 nearest 30-min visits of 2,000 doctors", 50, bitmapSearch);
  const objects = measure("per-slot Date objects: the same search", 5, bySlotObjects);
  return {
    title: `Free-slot search, ${DOCTORS} doctors × ${DAYS} days (${naive.length.toLocaleString("en")} 15-minute cells)`,
    measurements: [bitmap, objects],
    ratios: [
      `ratio per-slot objects / bitmaps: ${(objects.medianMs / bitmap.medianMs).toFixed(0)}×`,
      `both searches find the same number of visits: ${agree ? "yes" : "NO — the workload is wrong"}`,
    ],
  };
}
