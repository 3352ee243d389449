// Slot search under load (issue 8): 50 connections for 5 minutes against the API and PostgreSQL on
// this machine, each sending the next search as soon as the last is answered — the nearest free
// slots of a specialty in a region (half), a doctor's free dates (a quarter), a doctor's free starts
// on one date (a quarter); all public routes, as a partner's widget or a calendar calls them.
// Figures: p50/p95/p99 latency, errors (5xx and dropped connections), the API's event-loop delay.
import { addDays, SPECIALTY_CODES } from "@priyom/domain";
import { closedLoop, Recorder, type LoadRequest } from "./driver.ts";
import { SMOKE, sleep, withLoadApi, type LoadReport } from "./harness.ts";

export const SLOT_SEARCH_SIZE = SMOKE
  ? { doctors: 12, connections: 10, warmUpSeconds: 1, seconds: 4 }
  : { doctors: 100, connections: 50, warmUpSeconds: 10, seconds: 300 };

export async function slotSearch(port: number): Promise<LoadReport> {
  const started = performance.now();
  const size = SLOT_SEARCH_SIZE;
  return withLoadApi(
    "slot_search",
    port,
    { doctors: size.doctors, specialties: SPECIALTY_CODES, patients: 0, patientSpecialty: "cardiologist" },
    async ({ world, api, postgres }) => {
      const regions = [...new Set(world.doctors.map((d) => d.region))];
      const today = new Date().toISOString().slice(0, 10);
      // A fixed pseudo-random walk: the same mix every run.
      let seed = 42;
      const pick = <T>(items: readonly T[]): T => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return items[seed % items.length] as T;
      };
      const next = (n: number): LoadRequest => {
        const kind = n % 4;
        if (kind === 0 || kind === 2) {
          const q = new URLSearchParams({
            specialty: pick(SPECIALTY_CODES),
            region: pick(regions),
            limit: "10",
          });
          return { method: "GET", path: `/api/v1/slots/nearest?${q.toString()}` };
        }
        const doctor = pick(world.doctors);
        if (kind === 1) return { method: "GET", path: `/api/v1/doctors/${doctor.id}/free-dates` };
        const date = addDays(today, 1 + (n % 14));
        return { method: "GET", path: `/api/v1/doctors/${doctor.id}/slots?date=${date}` };
      };
      await closedLoop({
        port: api.port,
        connections: size.connections,
        durationMs: size.warmUpSeconds * 1000,
        next,
        recorder: new Recorder(),
      });
      await sleep(200);
      await api.stats(true);
      const recorder = new Recorder();
      await closedLoop({
        port: api.port,
        connections: size.connections,
        durationMs: size.seconds * 1000,
        next,
        recorder,
      });
      const stats = await api.stats(true);
      const latency = recorder.summary();
      return {
        name: "slot-search",
        smoke: SMOKE,
        size: { ...size, slots: world.slotCount },
        figures: { latency, eventLoopDelayMs: stats.loop, rssMb: stats.rssMb, peakRssMb: stats.peakRssMb },
        checks: [
          {
            // Errors under load are a figure; a 4xx would mean the workload itself is wrong.
            name: "no search refused as invalid (4xx)",
            ok: Object.keys(latency.statuses).every((s) => Number(s) < 400 || Number(s) >= 500),
            detail: JSON.stringify(latency.statuses),
          },
        ],
        seconds: Math.round((performance.now() - started) / 1000),
        postgres,
      };
    },
  );
}
