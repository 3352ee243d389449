// Issue 8, faults: "A database connection that hangs or is cut (a small TCP proxy of the test's
// own): every request ends within the statement / connect timeout (5 s) with 503; none hangs;
// retries create no duplicates." The API process reaches PostgreSQL only through the proxy; patients
// book all along with an Idempotency-Key each and retry it until a definite answer, while the proxy
// first freezes every connection (hang), then destroys them and refuses new ones (cut).
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, queryRows, type DatabaseHandle } from "@priyom/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "../src/api-process.ts";
import { FULL, openWorldDatabase, seedBookingWorld, type BookingWorld } from "../src/fixtures.ts";
import { brokenInvariants } from "../src/invariants.ts";
import {
  bookAll,
  DATABASE_TIMEOUT_MS,
  observe,
  unavailableProblem,
  type BookingTask,
  type Observed,
} from "../src/outage-probe.ts";
import { startTcpProxy, type ProxyMode, type TcpProxy } from "../src/tcp-proxy.ts";

const SIZE = FULL
  ? { patientsPerFault: 500, doctors: 20, slotsPerDoctor: 60, workers: 8, faultMs: 12_000 }
  : { patientsPerFault: 100, doctors: 6, slotsPerDoctor: 40, workers: 4, faultMs: 8_000 };
/** Scheduling on two shared cores, and one more wait when a request's connection was already doomed. */
const TIMEOUT_MARGIN_MS = 1_500;
const API_PORT = 47522;
const PROXY_PORT = 47523;
const PACE_MS = 100;

let world: Awaited<ReturnType<typeof openWorldDatabase>>;
let booking: BookingWorld;
let proxy: TcpProxy;
let api: ApiProcess;
let handle: DatabaseHandle;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  world = await openWorldDatabase("postgres", "hang");
  booking = await seedBookingWorld(world.services, {
    patients: SIZE.patientsPerFault * 2,
    doctors: SIZE.doctors,
    slotsPerDoctor: SIZE.slotsPerDoctor,
  });
  const direct = new URL(world.databaseUrl ?? "");
  proxy = await startTcpProxy({ listenPort: PROXY_PORT, targetPort: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(PROXY_PORT);
  api = await startApiProcess({
    port: API_PORT,
    databaseUrl: viaProxy.toString(),
    logFile: join(tmpdir(), "priyom-reliability-logs", `database-hang-${Date.now()}.log`),
  });
  // The test reads back directly, never through the proxy.
  handle = await openDatabase({ kind: "postgres", url: direct.toString(), poolSize: 2 });
});

afterAll(async () => {
  await api?.stop();
  await proxy?.close();
  await handle?.close();
  await world?.drop();
});

/**
 * Books `tasks` under load and turns the proxy to `mode` for `faultMs` once a sixth of them are
 * acknowledged; returns every attempt and the window the fault lasted.
 */
async function bookThroughFault(mode: ProxyMode, tasks: BookingTask[]) {
  const attempts: Observed[] = [];
  let acknowledged = 0;
  let finished = false;
  const outcomesPromise = bookAll(
    api.url,
    tasks,
    SIZE.workers,
    (observed) => {
      attempts.push(observed);
      if (observed.status === 201) acknowledged++;
    },
    180_000,
    PACE_MS,
  ).finally(() => (finished = true));
  while (acknowledged < tasks.length / 6 && !finished) await sleep(20);
  const probeUser = tasks[0]?.userId ?? "";
  const probe = () => observe(`${api.url}/api/v1/appointments`, { headers: { "x-test-user": probeUser } });
  const faultFrom = Date.now();
  proxy.setMode(mode);
  // A reader alongside the bookers, one request after another for the whole fault.
  const probes: Observed[] = [];
  while (Date.now() - faultFrom < SIZE.faultMs) {
    probes.push(await probe());
    await sleep(50);
  }
  const faultTo = Date.now();
  proxy.setMode("pass");
  const outcomes = await outcomesPromise;
  const sentInFault = [...attempts, ...probes].filter((a) => a.at >= faultFrom && a.at < faultTo);
  // Answered while the fault still held: nothing could have reached the database.
  const answeredInFault = sentInFault.filter((a) => a.at + a.ms < faultTo);
  const slowest = Math.max(...sentInFault.map((a) => a.ms));
  console.log(
    `[database-hang] ${mode} for ${SIZE.faultMs} ms under ${tasks.length} bookings by ${SIZE.workers} clients: ` +
      `${sentInFault.length} requests sent during it, ${answeredInFault.length} answered before it ended, ` +
      `slowest ${slowest} ms, median ${median(sentInFault.map((a) => a.ms))} ms; ` +
      `${attempts.length - tasks.length} booking retries`,
  );
  return { outcomes, sentInFault, answeredInFault, slowest };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function tasksFor(from: number, to: number, label: string): BookingTask[] {
  return booking.patients.slice(from, to).map((patient, i) => ({
    userId: patient.userId,
    referralId: patient.referralId,
    slotId: booking.slots[from + i]?.slotId ?? "",
    phone: "+79161234567",
    idempotencyKey: `${label}-${from + i}-${patient.userId.slice(-8)}`,
  }));
}

async function expectEachBookedOnce(outcomes: Awaited<ReturnType<typeof bookAll>>, total: number) {
  expect(outcomes.filter((o) => o.status !== 201).map((o) => o.status)).toEqual([]);
  const ids = outcomes.map((o) => o.appointmentId ?? "");
  expect(new Set(ids).size).toBe(outcomes.length);
  const rows = await queryRows<{ id: string; referral_id: string }>(
    handle.db,
    sql`select id, referral_id from appointments`,
  );
  // One appointment per booking ever acknowledged, across every fault so far: retries added none.
  expect(rows.length).toBe(total);
  const stored = new Set(rows.map((r) => r.id));
  expect(ids.filter((id) => !stored.has(id))).toEqual([]);
  expect(await brokenInvariants(handle.db)).toEqual([]);
}

describe("the database connection hangs or is cut", () => {
  it("hang: every request ends with 503 within the 5 s timeout, and retries book each visit once", async () => {
    const { outcomes, sentInFault, answeredInFault, slowest } = await bookThroughFault(
      "hang",
      tasksFor(0, SIZE.patientsPerFault, "hang"),
    );
    expect(answeredInFault.length).toBeGreaterThan(0);
    expect(answeredInFault.map(unavailableProblem).filter(Boolean)).toEqual([]);
    expect(sentInFault.filter((a) => a.status === 0)).toEqual([]);
    expect(slowest).toBeLessThanOrEqual(DATABASE_TIMEOUT_MS + TIMEOUT_MARGIN_MS);
    await expectEachBookedOnce(outcomes, SIZE.patientsPerFault);
  });

  it("cut: every request ends with 503 at once or within the timeout, and retries book each visit once", async () => {
    const { outcomes, sentInFault, answeredInFault, slowest } = await bookThroughFault(
      "cut",
      tasksFor(SIZE.patientsPerFault, SIZE.patientsPerFault * 2, "cut"),
    );
    expect(answeredInFault.length).toBeGreaterThan(0);
    expect(answeredInFault.map(unavailableProblem).filter(Boolean)).toEqual([]);
    expect(sentInFault.filter((a) => a.status === 0)).toEqual([]);
    expect(slowest).toBeLessThanOrEqual(DATABASE_TIMEOUT_MS + TIMEOUT_MARGIN_MS);
    await expectEachBookedOnce(outcomes, SIZE.patientsPerFault * 2);
  });
});
