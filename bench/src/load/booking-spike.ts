// A booking spike (issue 8): 500 bookings started evenly over 30 s across 50 doctors, each by its
// own patient, whatever the server's pace (open loop). People crowd the earliest times: every fifth
// patient wants the same slot as the one before, and one who finds it taken takes the first
// alternative the 409 offers, as the booking page does. Figures: latency of every attempt; checks
// (which fail the script): no server errors, no slot or referral booked twice, and every 201 present.
import { queryRows } from "@priyom/db";
import { sql } from "drizzle-orm";
import { openLoop, openLoopAgent, Recorder, send } from "./driver.ts";
import { SMOKE, sleep, withLoadApi, type LoadReport } from "./harness.ts";

export const BOOKING_SPIKE_SIZE = SMOKE
  ? { bookings: 40, seconds: 3, doctors: 8 }
  : { bookings: 500, seconds: 30, doctors: 50 };

/** "No slot twice, no referral twice": the live appointments that break either rule. */
export const DOUBLE_BOOKINGS_SQL = sql`
  select 'slot' as what, slot_id as id, count(*)::int as n from appointments
    where status = 'booked' group by slot_id having count(*) > 1
  union all
  select 'referral', referral_id, count(*)::int from appointments
    where status = 'booked' group by referral_id having count(*) > 1`;

export async function bookingSpike(port: number): Promise<LoadReport> {
  const started = performance.now();
  const size = BOOKING_SPIKE_SIZE;
  return withLoadApi(
    "booking_spike",
    port,
    {
      doctors: size.doctors,
      specialties: ["cardiologist"],
      patients: size.bookings,
      patientSpecialty: "cardiologist",
    },
    async ({ world, api, postgres }) => {
      const agent = openLoopAgent();
      const recorder = new Recorder();
      let booked = 0;
      let conflicts = 0;
      let retried = 0;
      const attempt = (i: number, slotId: string, tryNo: number) => {
        const patient = world.patients[i];
        if (!patient) throw new Error("not enough patients");
        return send(agent, api.port, {
          method: "POST",
          path: "/api/v1/appointments",
          headers: {
            Origin: api.origin,
            "Content-Type": "application/json",
            "Idempotency-Key": `spike-${i}-${tryNo}`,
            "x-bench-user": patient.userId,
          },
          body: JSON.stringify({ referralId: patient.referralIds[0], slotId, contactPhone: patient.phone }),
        });
      };
      await api.stats(true);
      await openLoop({
        count: size.bookings,
        durationMs: size.seconds * 1000,
        job: async (i) => {
          const wanted = world.upcomingSlots[Math.floor(i * 0.8)];
          if (!wanted) throw new Error("not enough slots");
          let answer = await attempt(i, wanted.id, 1);
          recorder.add(answer);
          if (answer.status === 409) {
            const alternatives =
              (JSON.parse(answer.body) as { error?: { alternatives?: { slotId: string }[] } }).error
                ?.alternatives ?? [];
            const alternative = alternatives[0];
            if (alternative) {
              retried++;
              answer = await attempt(i, alternative.slotId, 2);
              recorder.add(answer);
            }
          }
          if (answer.status === 201) booked++;
          else if (answer.status === 409) conflicts++;
        },
      });
      const stats = await api.stats(true);
      agent.destroy();
      // The confirmations' outbox rows are written with the booking; nothing further to wait for.
      await sleep(100);
      const { db } = world.services;
      const doubles = await queryRows<{ what: string; id: string; n: number }>(db, DOUBLE_BOOKINGS_SQL);
      const [present] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from appointments where status = 'booked'`,
      );
      const latency = recorder.summary();
      const serverErrors = latency.errors;
      return {
        name: "booking-spike",
        smoke: SMOKE,
        size,
        figures: {
          latency,
          booked,
          conflictsAfterRetry: conflicts,
          retriedWithAlternative: retried,
          eventLoopDelayMs: stats.loop,
          peakRssMb: stats.peakRssMb,
        },
        checks: [
          { name: "0 server errors", ok: serverErrors === 0, detail: `${serverErrors}` },
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
        ],
        seconds: Math.round((performance.now() - started) / 1000),
        postgres,
      };
    },
  );
}
