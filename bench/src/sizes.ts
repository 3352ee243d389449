// How big each workload is: the full run (`pnpm bench`) and the smoke run (`BENCH_SMOKE=1` or
// `pnpm bench -- --smoke`), which only proves that everything works.

export interface BenchSizes {
  smoke: boolean;
  /** Recorded rounds of every alternated pair (the median is taken), and unrecorded warm-up rounds before them. */
  rounds: number;
  warmUp: number;
  engine: { doctors: number; days: number };
  /** The API's data: doctors per clinic (4 clinics, 10 specialties in turn) with slots over `days`, 30 % booked. */
  api: { doctorsPerClinic: number; days: number };
  /** Connections of the HTTP load (figures 2 and 3) and in-process concurrency (figure 5). */
  connections: number;
  searchRequests: number;
  bookingsPerRound: number;
  rawInsertsPerRound: number;
  hotClients: number;
  hotSlots: number;
  inProcessBookingsPerRound: number;
  /** Front-end figures (figure-frontend.ts): Lighthouse runs per build and throttling (the median is taken). */
  frontend: { lighthouseRuns: number };
}

export function benchSizes(smoke: boolean): BenchSizes {
  return smoke
    ? {
        smoke,
        rounds: 5,
        warmUp: 1,
        engine: { doctors: 100, days: 7 },
        api: { doctorsPerClinic: 10, days: 28 },
        connections: 32,
        searchRequests: 200,
        bookingsPerRound: 32,
        rawInsertsPerRound: 64,
        hotClients: 50,
        hotSlots: 10,
        inProcessBookingsPerRound: 32,
        frontend: { lighthouseRuns: 1 },
      }
    : {
        smoke,
        rounds: 5,
        warmUp: 1,
        engine: { doctors: 2_000, days: 28 },
        api: { doctorsPerClinic: 50, days: 28 },
        connections: 32,
        searchRequests: 2_000,
        bookingsPerRound: 128,
        rawInsertsPerRound: 500,
        hotClients: 500,
        hotSlots: 10,
        inProcessBookingsPerRound: 128,
        frontend: { lighthouseRuns: 5 },
      };
}
