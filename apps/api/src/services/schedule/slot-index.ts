import { clinics, doctors, queryRows, type Database, type DatabaseHandle } from "@priyom/db";
import { CELLS_PER_DAY, localTimeToCell } from "@priyom/domain";
import { eq, inArray, sql } from "drizzle-orm";
import { parseSlotChanges, SLOT_CHANNEL, type SlotChange } from "./slot-events.ts";

/** Who a doctor is, for searches by specialty, clinic, region and filters, and for showing a slot. */
export interface IndexedDoctor {
  id: string;
  name: string;
  room: string;
  clinicId: string;
  clinicShortName: string;
  clinicAddress: string;
  /** The clinic's IANA zone: every local date and time of the doctor's slots is in it. */
  timeZone: string;
  specialty: string;
  region: string;
  placeType: string;
  qualification: string;
  visitModes: readonly string[];
}

/** Every doctor (or those of `ids`) with their clinic, as the index keeps them. */
async function selectDoctors(db: Database, ids?: readonly string[]): Promise<IndexedDoctor[]> {
  const rows = await db
    .select({
      id: doctors.id,
      lastName: doctors.lastName,
      firstName: doctors.firstName,
      middleName: doctors.middleName,
      room: doctors.room,
      clinicId: doctors.clinicId,
      clinicShortName: clinics.shortName,
      clinicAddress: clinics.address,
      timeZone: clinics.timeZone,
      specialty: doctors.specialtyCode,
      region: clinics.region,
      placeType: clinics.placeType,
      qualification: doctors.qualification,
      visitModes: doctors.visitModes,
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(ids === undefined ? undefined : inArray(doctors.id, [...ids]));
  return rows.map(({ lastName, firstName, middleName, ...rest }) => ({
    ...rest,
    name: [lastName, firstName, middleName].filter(Boolean).join(" "),
  }));
}

/** One local day of one doctor: a bit per free start cell (3 × 32 bits = 96 cells) and the slots. */
interface IndexedDay {
  bits: Uint32Array;
  slots: (SlotChange | undefined)[];
}

interface DoctorDays {
  days: Map<string, IndexedDay>;
  /** The keys of `days`, sorted, for walking forward from a date. */
  dates: string[];
}

function insertSorted(list: string[], value: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? "") < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

/** Free slots of one day in time order, read off the bits (no object per empty cell is touched). */
function* freeOfDay(day: IndexedDay): Generator<SlotChange> {
  for (let word = 0; word < 3; word++) {
    let bits = day.bits[word] ?? 0;
    while (bits !== 0) {
      const low = bits & -bits;
      const cell = word * 32 + (31 - Math.clz32(low));
      bits ^= low;
      const slot = day.slots[cell];
      if (slot) yield slot;
    }
  }
}

const popCount = (n: number) => {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/**
 * The in-process index of free slots (ARCHITECTURE.md "Data"): per doctor and local day a 96-bit map
 * of free start cells, built from the slot table at start and kept current by the slot-change events
 * (NOTIFY) that also feed the live calendars. Searches never touch the database; the database stays
 * the truth — booking decides in its transaction, and a stale "free" is answered 409 with alternatives.
 */
export class SlotIndex {
  private doctorsById = new Map<string, IndexedDoctor>();
  private slotsByDoctor = new Map<string, DoctorDays>();
  private listeners = new Set<(change: SlotChange) => void>();
  private started: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private pendingDoctors = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly listen: DatabaseHandle["listen"] | null,
  ) {}

  /** Subscribes to slot changes, then loads the table; later calls wait for the same start. */
  ready(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  private async start(): Promise<void> {
    // Subscribe first so nothing committed during the load is missed; events are idempotent.
    const buffered: SlotChange[] = [];
    let loading = true;
    if (this.listen) {
      this.unlisten = await this.listen(
        SLOT_CHANNEL,
        (payload) => {
          const changes = parseSlotChanges(payload);
          if (loading) buffered.push(...changes);
          else this.apply(changes);
        },
        () => void this.reload(),
      );
    }
    await this.reload();
    loading = false;
    this.apply(buffered);
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.listeners.clear();
    await unlisten?.();
  }

  /** Reads every doctor and every free slot that has not started yet, replacing what the index held. */
  async reload(): Promise<void> {
    const doctorRows = await selectDoctors(this.db);
    const slotRows = await queryRows<{
      id: string;
      doctor_id: string;
      local_date: string;
      local_time: string;
      minutes: number;
      time_zone: string;
      starts_at: string | Date;
    }>(
      this.db,
      sql`select id, doctor_id, local_date, local_time, minutes, time_zone, starts_at from slots
          where status = 'free' and starts_at > now()`,
    );
    this.doctorsById = new Map(doctorRows.map((d) => [d.id, d]));
    this.slotsByDoctor = new Map();
    for (const r of slotRows) {
      this.write({
        slotId: r.id,
        doctorId: r.doctor_id,
        localDate: r.local_date,
        localTime: r.local_time,
        minutes: Number(r.minutes),
        timeZone: r.time_zone,
        startsAt: new Date(r.starts_at).getTime(),
        state: "free",
      });
    }
  }

  /** Applies changes (from this process right after its commit, or from NOTIFY); tells subscribers of each real flip. */
  apply(changes: readonly SlotChange[]): void {
    for (const change of changes) {
      if (this.write(change)) for (const listener of this.listeners) listener(change);
      if (!this.doctorsById.has(change.doctorId)) void this.loadDoctor(change.doctorId);
    }
  }

  /** Calls `listener` for every slot that becomes free or taken; returns the unsubscribe. */
  subscribe(listener: (change: SlotChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Returns whether the slot's state in the index changed. */
  private write(change: SlotChange): boolean {
    const cell = localTimeToCell(change.localTime);
    if (cell === null || cell >= CELLS_PER_DAY) return false;
    let entry = this.slotsByDoctor.get(change.doctorId);
    if (!entry) {
      if (change.state === "taken") return false;
      entry = { days: new Map(), dates: [] };
      this.slotsByDoctor.set(change.doctorId, entry);
    }
    let day = entry.days.get(change.localDate);
    if (!day) {
      if (change.state === "taken") return false;
      day = { bits: new Uint32Array(3), slots: [] };
      entry.days.set(change.localDate, day);
      insertSorted(entry.dates, change.localDate);
    }
    const word = cell >> 5;
    const bit = 1 << (cell & 31);
    const wasFree = ((day.bits[word] ?? 0) & bit) !== 0 && day.slots[cell]?.slotId === change.slotId;
    if (change.state === "free") {
      day.bits[word] = (day.bits[word] ?? 0) | bit;
      day.slots[cell] = change;
      return !wasFree;
    }
    if (day.slots[cell]?.slotId !== change.slotId) return false;
    day.bits[word] = (day.bits[word] ?? 0) & ~bit;
    day.slots[cell] = undefined;
    return wasFree;
  }

  private async loadDoctor(id: string): Promise<void> {
    if (this.pendingDoctors.has(id)) return;
    this.pendingDoctors.add(id);
    try {
      const [row] = await selectDoctors(this.db, [id]);
      if (row) this.doctorsById.set(id, row);
    } catch {
      // The next event of this doctor tries again.
    } finally {
      this.pendingDoctors.delete(id);
    }
  }

  doctor(id: string): IndexedDoctor | undefined {
    return this.doctorsById.get(id);
  }

  /** Doctors matching a filter (every given field must match). */
  doctors(filter: { specialty?: string; clinicIds?: readonly string[]; region?: string }): IndexedDoctor[] {
    const out: IndexedDoctor[] = [];
    for (const d of this.doctorsById.values()) {
      if (filter.specialty !== undefined && d.specialty !== filter.specialty) continue;
      if (filter.region !== undefined && d.region !== filter.region) continue;
      if (filter.clinicIds !== undefined && !filter.clinicIds.includes(d.clinicId)) continue;
      out.push(d);
    }
    return out;
  }

  /** The doctor's first `limit` free slots starting after `after` (ms), on or before `lastDate`. */
  nearest(doctorId: string, after: number, limit: number, lastDate?: string): SlotChange[] {
    const entry = this.slotsByDoctor.get(doctorId);
    const out: SlotChange[] = [];
    if (!entry || limit <= 0) return out;
    for (const date of entry.dates) {
      if (lastDate !== undefined && date > lastDate) break;
      const day = entry.days.get(date);
      if (!day) continue;
      for (const slot of freeOfDay(day)) {
        if (slot.startsAt <= after) continue;
        out.push(slot);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** Local dates from `from` to `to` with free slots after `after`, and how many. */
  freeDates(doctorId: string, from: string, to: string, after: number): { date: string; free: number }[] {
    const entry = this.slotsByDoctor.get(doctorId);
    if (!entry) return [];
    const out: { date: string; free: number }[] = [];
    for (const date of entry.dates) {
      if (date < from) continue;
      if (date > to) break;
      const day = entry.days.get(date);
      if (!day) continue;
      let free = popCount(day.bits[0] ?? 0) + popCount(day.bits[1] ?? 0) + popCount(day.bits[2] ?? 0);
      // Only a day that has begun can hold slots already past: check those one by one.
      if (free > 0 && (day.slots.find((s) => s !== undefined)?.startsAt ?? Infinity) <= after) {
        free = 0;
        for (const slot of freeOfDay(day)) if (slot.startsAt > after) free += 1;
      }
      if (free > 0) out.push({ date, free });
    }
    return out;
  }

  /** The doctor's free slots on one local date that start after `after`, in time order. */
  day(doctorId: string, date: string, after: number): SlotChange[] {
    const day = this.slotsByDoctor.get(doctorId)?.days.get(date);
    if (!day) return [];
    return [...freeOfDay(day)].filter((s) => s.startsAt > after);
  }

  /** Whether the index holds this slot as free. */
  isFree(change: Pick<SlotChange, "doctorId" | "localDate" | "localTime" | "slotId">): boolean {
    const cell = localTimeToCell(change.localTime);
    if (cell === null) return false;
    return (
      this.slotsByDoctor.get(change.doctorId)?.days.get(change.localDate)?.slots[cell]?.slotId ===
      change.slotId
    );
  }
}
