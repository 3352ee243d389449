// A soak (issue 8: "memory after a 30-minute soak"): a steady, moderate mix for 30 minutes — 200
// slot searches a second and a booking every second (both open loop, whatever the server's pace),
// and 10 calendars holding the live slot stream open throughout — while the API's memory is read
// every 15 s. Figures: the heap retained after a full garbage collection at the start and at the
// end (a leak shows there, where RSS and a live heap mostly show garbage not yet collected), RSS
// after the warm-up, at the end and at its peak, search and booking latency and errors, event-loop
// delay. Checks (failing the script): no double bookings, every booking 201, every 201 present, the
// calendars heard the bookings.
import http from "node:http";
import { queryRows } from "@priyom/db";
import { addDays, SPECIALTY_CODES } from "@priyom/domain";
import { sql } from "drizzle-orm";
import { DOUBLE_BOOKINGS_SQL } from "./booking-spike.ts";
import { openLoop, openLoopAgent, Recorder, send, type LoadRequest } from "./driver.ts";
import { SMOKE, sleep, withLoadApi, type LoadReport } from "./harness.ts";

const minutes = Number(process.env.LOAD_SOAK_MINUTES ?? "") || 30;
export const SOAK_SIZE = SMOKE
  ? {
      seconds: 6,
      warmUpSeconds: 1,
      searchesPerSecond: 50,
      bookingsPerSecond: 2,
      streams: 2,
      doctors: 10,
      sampleSeconds: 1,
    }
  : {
      seconds: minutes * 60,
      warmUpSeconds: 30,
      searchesPerSecond: 200,
      bookingsPerSecond: 1,
      streams: 10,
      doctors: 40,
      sampleSeconds: 15,
    };

export async function soak(port: number): Promise<LoadReport> {
  const started = performance.now();
  const size = SOAK_SIZE;
  const bookings = Math.ceil(size.seconds * size.bookingsPerSecond);
  return withLoadApi(
    "soak",
    port,
    // Every fourth doctor a cardiologist, whom the patients' referrals are for.
    {
      doctors: size.doctors,
      specialties: ["cardiologist", ...SPECIALTY_CODES.filter((s) => s !== "cardiologist").slice(0, 3)],
      patients: bookings,
      patientSpecialty: "cardiologist",
    },
    async ({ world, api, postgres }) => {
      const regions = [...new Set(world.doctors.map((d) => d.region))];
      const today = new Date().toISOString().slice(0, 10);
      const search = (n: number): LoadRequest => {
        const doctor = world.doctors[n % world.doctors.length];
        if (n % 3 === 0 || !doctor) {
          const q = new URLSearchParams({
            specialty: "cardiologist",
            region: regions[n % regions.length] ?? "",
            limit: "10",
          });
          return { method: "GET", path: `/api/v1/slots/nearest?${q.toString()}` };
        }
        return n % 3 === 1
          ? { method: "GET", path: `/api/v1/doctors/${doctor.id}/free-dates` }
          : {
              method: "GET",
              path: `/api/v1/doctors/${doctor.id}/slots?date=${addDays(today, 1 + (n % 14))}`,
            };
      };
      // The calendars: each watches a few doctors for the whole run and counts the events it gets.
      let streamEvents = 0;
      const streams = Array.from({ length: size.streams }, (_, i) => {
        const ids = world.doctors
          .filter((_, d) => d % size.streams === i)
          .slice(0, 10)
          .map((d) => d.id);
        const req = http.get(
          `http://127.0.0.1:${api.port}/api/v1/slots/stream?doctorIds=${ids.join(",")}`,
          (res) => {
            res.on("data", (chunk: Buffer) => {
              streamEvents += chunk.toString("utf8").split("event: slot").length - 1;
            });
            res.on("error", () => undefined);
          },
        );
        req.on("error", () => undefined);
        return req;
      });
      const searches = new Recorder();
      const bookingsRecorder = new Recorder();
      const agent = openLoopAgent();
      let booked = 0;
      let slotCursor = 0;
      const cardiologists = new Set(
        world.doctors.filter((d) => d.specialty === "cardiologist").map((d) => d.id),
      );
      const bookable = world.upcomingSlots.filter((s) => cardiologists.has(s.doctorId));
      const searchAt = (recorder: Recorder, seconds: number) =>
        openLoop({
          count: Math.ceil(size.searchesPerSecond * seconds),
          durationMs: seconds * 1000,
          job: async (n) => recorder.add(await send(agent, api.port, search(n))),
        });
      await searchAt(new Recorder(), size.warmUpSeconds);
      const start = await api.stats(true, true);
      const samples: { atSeconds: number; rssMb: number; heapUsedMb: number }[] = [];
      const soakStarted = performance.now();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const s = await api.stats(false);
          samples.push({
            atSeconds: Math.round((performance.now() - soakStarted) / 1000),
            rssMb: s.rssMb,
            heapUsedMb: s.heapUsedMb,
          });
          await sleep(size.sampleSeconds * 1000);
        }
      })();
      await Promise.all([
        searchAt(searches, size.seconds),
        openLoop({
          count: bookings,
          durationMs: size.seconds * 1000,
          job: async (i) => {
            const patient = world.patients[i];
            // Every patient takes the next free slot of the cardiologists, earliest first.
            const slot = bookable[slotCursor++];
            if (!patient || !slot) return;
            const answer = await send(agent, api.port, {
              method: "POST",
              path: "/api/v1/appointments",
              headers: {
                Origin: api.origin,
                "Content-Type": "application/json",
                "Idempotency-Key": `soak-booking-${i}`,
                "x-bench-user": patient.userId,
              },
              body: JSON.stringify({
                referralId: patient.referralIds[0],
                slotId: slot.id,
                contactPhone: patient.phone,
              }),
            });
            bookingsRecorder.add(answer);
            if (answer.status === 201) booked++;
          },
        }),
      ]);
      sampling = false;
      await sampler;
      const end = await api.stats(true);
      // Requests still in flight have finished: what is left on the heap now is retained.
      await sleep(1_000);
      const retained = await api.stats(false, true);
      for (const s of streams) s.destroy();
      agent.destroy();
      const { db } = world.services;
      const doubles = await queryRows(db, DOUBLE_BOOKINGS_SQL);
      const [present] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from appointments where status = 'booked'`,
      );
      const half = samples.find((s) => s.atSeconds >= size.seconds / 2) ?? samples[0];
      return {
        name: "soak",
        smoke: SMOKE,
        size: { ...size, bookings },
        figures: {
          heapAfterFullGcMb: {
            afterWarmUp: start.heapUsedMb,
            atEnd: retained.heapUsedMb,
            growth: Math.round((retained.heapUsedMb - start.heapUsedMb) * 10) / 10,
          },
          rssMb: {
            afterWarmUp: start.rssMb,
            atHalf: half?.rssMb,
            atEnd: end.rssMb,
            afterFullGc: retained.rssMb,
            peak: end.peakRssMb,
          },
          searchLatency: searches.summary(),
          bookingLatency: bookingsRecorder.summary(),
          booked,
          streamEvents,
          eventLoopDelayMs: end.loop,
          samples,
        },
        checks: [
          {
            name: "0 double bookings (slot or referral)",
            ok: doubles.length === 0,
            detail: JSON.stringify(doubles.slice(0, 5)),
          },
          {
            name: "every 201 is a live appointment",
            ok: Number(present?.n ?? -1) === booked,
            detail: `${present?.n ?? "?"} in the database, ${booked} acknowledged`,
          },
          {
            // Each booking is a free slot for a patient with nothing booked: anything but 201 is a fault.
            name: "every booking of the soak answered 201",
            ok: booked === bookings,
            detail: JSON.stringify(bookingsRecorder.summary().statuses),
          },
          {
            name: "the calendars heard the bookings",
            ok: streamEvents > 0,
            detail: `${streamEvents} slot events on ${size.streams} streams`,
          },
        ],
        seconds: Math.round((performance.now() - started) / 1000),
        postgres,
      };
    },
  );
}
