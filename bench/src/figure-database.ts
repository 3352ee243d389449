// Figures 2–5 on one database: starts the API process (`api-process.ts`), drives it over HTTP and
// IPC, alternating each measured pair, and stops it.
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLoad, tally, type LoadRequest } from "./http-load.ts";
import type { ApiPlan, BookingSpec, ChildMessage, ChildOptions, ParentMessage } from "./protocol.ts";
import type { BenchSizes } from "./sizes.ts";
import { alternate, median } from "./stats.ts";

export interface DatabaseFigures {
  database: "pglite" | "postgres";
  serverVersion: string;
  pgliteVersion: string | null;
  data: { doctors: number; slots: number; freeSlots: number; patients: number; seedSeconds: number };
  /** Figure 2. */
  search: {
    nearestPerSecond: number;
    trivialPerSecond: number;
    ratio: number;
    statuses: Record<number, number>;
  };
  /** Figure 3. */
  booking: {
    bookingsPerSecond: number;
    rawInsertsPerSecond: number;
    ratio: number;
    statuses: Record<number, number>;
  };
  /** Figure 4. */
  hotSlot: {
    attemptsPerSecond: number;
    ratio: number;
    winnersPerRound: number[];
    doubleBookedSlots: number;
    serverErrors: number;
    statuses: Record<number, number>;
    gateHeld: boolean;
  };
  /** Figure 5. */
  inProcess: {
    bookingsPerSecond: number;
    rawInsertsPerSecond: number;
    ratio: number;
    maxEventLoopDelayMs: number;
    statuses: Record<number, number>;
  };
  /** The API process's peak RSS, start-up included (what the target is judged on), and under load only. */
  peakRssMb: number;
  loadPeakRssMb: number;
}

class ApiProcess {
  private waiting: ((m: ChildMessage) => void) | null = null;
  private failure: Error | null = null;
  private exited = false;
  private killed = false;

  constructor(
    private readonly child: ChildProcess,
    private readonly logFile: string,
  ) {
    child.on("message", (message: ChildMessage) => {
      if (message.kind === "error") this.fail(new Error(`API process: ${message.message}`));
      else this.waiting?.(message);
    });
    child.on("exit", (code, signal) => {
      this.exited = true;
      if (code !== 0 && !this.killed) this.fail(new Error(`API process exited with ${code ?? signal}`));
    });
  }

  private fail(error: Error) {
    this.failure = error;
    this.waiting?.({ kind: "error", message: error.message });
  }

  /** The next message of the child (after sending `message`, if given). */
  next<K extends ChildMessage["kind"]>(
    kind: K,
    message?: ParentMessage,
  ): Promise<Extract<ChildMessage, { kind: K }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (m) => {
        this.waiting = null;
        if (m.kind === kind) resolve(m as Extract<ChildMessage, { kind: K }>);
        else
          reject(new Error(`${m.kind === "error" ? m.message : `unexpected ${m.kind}`}\n${this.logTail()}`));
      };
      if (message) this.child.send(message);
    });
  }

  logTail(): string {
    try {
      const lines = readFileSync(this.logFile, "utf8").split("\n");
      // The request log lines say little; the rest (stages, errors) much.
      return lines
        .filter((l) => !l.includes('"message":"request"'))
        .slice(-30)
        .join("\n");
    } catch {
      return "";
    }
  }

  kill() {
    this.killed = true;
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

const bookingRequest = (plan: ApiPlan, s: BookingSpec, key: string): LoadRequest => ({
  method: "POST",
  path: "/api/v1/appointments",
  headers: {
    Origin: plan.origin,
    "Content-Type": "application/json",
    "Idempotency-Key": key,
    "x-bench-user": s.userId,
  },
  body: JSON.stringify({ referralId: s.referralId, slotId: s.slotId, contactPhone: s.phone }),
});

export async function databaseFigures(
  database: "pglite" | "postgres",
  port: number,
  databaseUrl: string | null,
  sizes: BenchSizes,
  log: (line: string) => void,
): Promise<DatabaseFigures> {
  const work = mkdtempSync(join(tmpdir(), "priyom-bench-"));
  const logFile = join(work, "api.log");
  const logFd = openSync(logFile, "a");
  const options: ChildOptions = { port, databaseUrl, dataDir: join(work, "data"), sizes };
  const child = fork(new URL("./api-process.ts", import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_CHILD: JSON.stringify(options) },
    stdio: ["ignore", "ignore", logFd, "ipc"],
  });
  closeSync(logFd);
  const api = new ApiProcess(child, logFile);
  try {
    const { plan } = await api.next("ready");
    const C = sizes.connections;
    log(
      `  ${database}: ${plan.doctors} doctors, ${plan.slots.toLocaleString("en")} slots, seeded in ${plan.seedSeconds.toFixed(1)} s`,
    );

    // Figure 2: the nearest free slots of a specialty in a region, against /healthz.
    const searches = (n: number): LoadRequest[] =>
      Array.from({ length: n }, (_, i) => ({
        method: "GET",
        path: `/api/v1/slots/nearest?specialty=cardiologist&region=${encodeURIComponent(plan.regions[i % plan.regions.length] ?? "")}&limit=10`,
      }));
    const trivial = (n: number): LoadRequest[] =>
      Array.from({ length: n }, () => ({ method: "GET", path: "/healthz" }));
    const searchStatuses: number[] = [];
    const search = await alternate(sizes.rounds, sizes.warmUp, {
      nearest: async () => {
        const r = await runLoad(port, searches(sizes.searchRequests), C);
        searchStatuses.push(...r.statuses);
        const first = JSON.parse(r.samples[0] ?? "{}") as { items?: unknown[] };
        if ((first.items?.length ?? 0) === 0) throw new Error(`The search found nothing: ${r.samples[0]}`);
        return r.rate;
      },
      trivial: async () => (await runLoad(port, trivial(sizes.searchRequests), C)).rate,
    });
    log(`  ${database}: figure 2 done`);

    // Figures 3 and 4: distinct bookings, raw inserts, the hot slot — in turn, round after round.
    const bookingStatuses: number[] = [];
    const hotStatuses: number[] = [];
    const winners: number[] = [];
    const hotSlotIds: string[] = [];
    const booking = await alternate(sizes.rounds, sizes.warmUp, {
      bookings: async (round) => {
        const specs = plan.bookingRounds[round + sizes.warmUp] ?? [];
        const r = await runLoad(
          port,
          specs.map((s) => bookingRequest(plan, s, `book-${s.slotId}`)),
          C,
        );
        bookingStatuses.push(...r.statuses);
        return r.statuses.filter((s) => s === 201).length / (r.ms / 1000);
      },
      raw: async () => {
        const { ms } = await api.next("raw-inserts", {
          kind: "raw-inserts",
          count: sizes.rawInsertsPerRound,
          concurrency: C,
        });
        return sizes.rawInsertsPerRound / (ms / 1000);
      },
      hot: async (round) => {
        const specs = plan.hotRounds[round + sizes.warmUp] ?? [];
        const r = await runLoad(
          port,
          specs.map((s) => bookingRequest(plan, s, `hot-${s.userId}`)),
          specs.length,
        );
        hotStatuses.push(...r.statuses);
        winners.push(r.statuses.filter((s) => s === 201).length);
        hotSlotIds.push(...new Set(specs.map((s) => s.slotId)));
        return r.rate;
      },
    });
    const check = await api.next("check", { kind: "check", hotSlotIds });
    log(`  ${database}: figures 3 and 4 done`);

    // Figure 5: bookings in the API process itself (no HTTP), against raw inserts there.
    let maxDelayMs = 0;
    const inProcessStatuses: number[] = [];
    const inProcess = await alternate(sizes.rounds, sizes.warmUp, {
      bookings: async (round) => {
        const r = await api.next("in-process-bookings", {
          kind: "in-process-bookings",
          round,
          concurrency: C,
        });
        inProcessStatuses.push(...r.statuses);
        if (round >= 0) maxDelayMs = Math.max(maxDelayMs, r.maxDelayMs);
        return r.statuses.filter((s) => s === 201).length / (r.ms / 1000);
      },
      raw: async () => {
        const { ms } = await api.next("raw-inserts", {
          kind: "raw-inserts",
          count: sizes.rawInsertsPerRound,
          concurrency: C,
        });
        return sizes.rawInsertsPerRound / (ms / 1000);
      },
    });
    log(`  ${database}: figure 5 done`);

    const memory = await api.next("memory", { kind: "memory" });
    await api.next("stopped", { kind: "stop" });

    const hotTally = tally(hotStatuses);
    // A failed connection (status 0) counts as a server error too.
    const serverErrors = hotStatuses.filter((s) => s >= 500 || s === 0).length;
    const bookingsPerSecond = median(booking.bookings);
    const gateHeld =
      winners.length === sizes.rounds + sizes.warmUp &&
      winners.every((w) => w === sizes.hotSlots) &&
      check.hotBooked === hotSlotIds.length &&
      check.doubleBookedSlots === 0 &&
      hotStatuses.every((s) => s === 201 || s === 409);
    const inProcessRaw = median(inProcess.raw);
    return {
      database,
      serverVersion: plan.database.serverVersion,
      pgliteVersion: plan.database.pgliteVersion,
      data: {
        doctors: plan.doctors,
        slots: plan.slots,
        freeSlots: plan.freeSlots,
        patients:
          (sizes.rounds + sizes.warmUp) *
          (sizes.bookingsPerRound + sizes.hotClients + sizes.inProcessBookingsPerRound),
        seedSeconds: plan.seedSeconds,
      },
      search: {
        nearestPerSecond: median(search.nearest),
        trivialPerSecond: median(search.trivial),
        ratio: median(search.nearest) / median(search.trivial),
        statuses: tally(searchStatuses),
      },
      booking: {
        bookingsPerSecond,
        rawInsertsPerSecond: median(booking.raw),
        ratio: bookingsPerSecond / median(booking.raw),
        statuses: tally(bookingStatuses),
      },
      hotSlot: {
        attemptsPerSecond: median(booking.hot),
        ratio: median(booking.hot) / bookingsPerSecond,
        winnersPerRound: winners,
        doubleBookedSlots: check.doubleBookedSlots,
        serverErrors,
        statuses: hotTally,
        gateHeld,
      },
      inProcess: {
        bookingsPerSecond: median(inProcess.bookings),
        rawInsertsPerSecond: inProcessRaw,
        ratio: median(inProcess.bookings) / inProcessRaw,
        maxEventLoopDelayMs: maxDelayMs,
        statuses: tally(inProcessStatuses),
      },
      peakRssMb: memory.peakRssBytes / 2 ** 20,
      loadPeakRssMb: memory.loadPeakRssBytes / 2 ** 20,
    };
  } finally {
    api.kill();
    rmSync(work, { recursive: true, force: true });
  }
}
