// Messages between the benchmark (parent) and the API process it starts (child, `api-process.ts`).
import type { BenchSizes } from "./sizes.ts";

/** Who books what: a bulk patient, their cardiologist referral, and the slot. */
export interface BookingSpec {
  userId: string;
  phone: string;
  referralId: string;
  slotId: string;
}

export interface ApiPlan {
  port: number;
  origin: string;
  /** Regions of the seeded clinics, for the search requests. */
  regions: string[];
  doctors: number;
  slots: number;
  freeSlots: number;
  /** Figure 3: per round (warm-up rounds first), distinct slots. */
  bookingRounds: BookingSpec[][];
  /** Figure 4: per round, `hotClients` patients each after one of `hotSlots` slots. */
  hotRounds: BookingSpec[][];
  database: { driver: "pglite" | "postgres"; serverVersion: string; pgliteVersion: string | null };
  seedSeconds: number;
}

export type ParentMessage =
  | { kind: "raw-inserts"; count: number; concurrency: number }
  | { kind: "in-process-bookings"; round: number; concurrency: number }
  | { kind: "check"; hotSlotIds: string[] }
  | { kind: "memory" }
  | { kind: "stop" };

export type ChildMessage =
  | { kind: "ready"; plan: ApiPlan }
  | { kind: "raw-inserts"; ms: number }
  | { kind: "in-process-bookings"; ms: number; statuses: number[]; maxDelayMs: number }
  | { kind: "check"; doubleBookedSlots: number; hotBooked: number; appointments: number }
  /** Peak RSS of the whole process (start-up included), and the highest sampled while under load. */
  | { kind: "memory"; peakRssBytes: number; loadPeakRssBytes: number }
  | { kind: "stopped" }
  | { kind: "error"; message: string };

/** What the parent passes to the child in the `BENCH_CHILD` environment variable. */
export interface ChildOptions {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  sizes: BenchSizes;
}
