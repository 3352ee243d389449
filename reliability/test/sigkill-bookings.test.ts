// Issue 8: "Kill the API with SIGKILL every 1–3 s at random during 1,000 bookings, restarting it
// each time; the client retries each booking with its idempotency key until it gets a definite
// answer. Afterwards: all acknowledged bookings present, no duplicates, no half-written rows, every
// outbox message present once. On PostgreSQL and on PGlite."
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, queryRows } from "@priyom/db";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "../src/api-process.ts";
import { bookUntilDefinite, type BookingResult } from "../src/booking-client.ts";
import { FULL, openWorldDatabase, seedBookingWorld, testServerUrl, WORLD_API_ENV } from "../src/fixtures.ts";
import { brokenInvariants } from "../src/invariants.ts";

testServerUrl();

// Unpaced, the API books about a hundred a second: the run would be over before the second kill. Each
// client pauses `paceMs` between bookings so that the bookings span many kills (CI: ~10 s of bookings,
// 3+ kills; full: ~30 s, ~10 kills), as patients arriving over time would.
const SIZE = FULL
  ? { bookings: 1_000, clients: 8, paceMs: 250, doctors: 10, slotsPerDoctor: 100, minKills: 5 }
  : { bookings: 120, clients: 8, paceMs: 700, doctors: 4, slotsPerDoctor: 30, minKills: 3 };
const PORTS = { postgres: 47500, pglite: 47501 } as const;
const LOG_DIR = join(tmpdir(), "priyom-reliability-logs");
mkdirSync(LOG_DIR, { recursive: true });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A random pause of 1–3 s, as the issue asks. */
const killInterval = () => 1_000 + Math.random() * 2_000;

describe.each(["postgres", "pglite"] as const)("SIGKILL during bookings on %s", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(
    `keeps every acknowledged booking exactly once (${SIZE.bookings} bookings, kills every 1–3 s)`,
    async () => {
      const world = await openWorldDatabase(kind, `sigkill_${kind}`);
      cleanups.push(() => world.drop());
      const seeded = await seedBookingWorld(world.services, {
        patients: SIZE.bookings,
        doctors: SIZE.doctors,
        slotsPerDoctor: SIZE.slotsPerDoctor,
      });
      expect(seeded.slots.length).toBeGreaterThanOrEqual(SIZE.bookings);
      // The API processes own the database from here on (PGlite: the folder's lock).
      await world.close();

      const port = PORTS[kind];
      const logFile = join(LOG_DIR, `sigkill-${kind}-${Date.now()}.log`);
      const start = () =>
        startApiProcess({
          port,
          logFile,
          env: WORLD_API_ENV,
          ...(world.databaseUrl ? { databaseUrl: world.databaseUrl } : { dataDir: world.dataDir }),
        });
      let api: ApiProcess = await start();
      cleanups.push(() => api.kill());

      const started = performance.now();
      let kills = 0;
      let restartFailures = 0;
      let finished = false;
      // Kills the process 1–3 s after it came up, restarts it, again and again until the clients are done.
      const killer = (async () => {
        while (!finished) {
          await sleep(killInterval());
          if (finished) break;
          await api.kill();
          kills++;
          for (;;) {
            try {
              api = await start();
              break;
            } catch (error) {
              // A restart that fails (e.g. the PGlite folder still locked) is a finding: counted
              // and asserted zero below, but retried so the run reaches its end and shows the rest.
              restartFailures++;
              if (restartFailures > 5) throw error;
              await sleep(500);
            }
          }
        }
      })();

      const results: BookingResult[] = new Array<BookingResult>(SIZE.bookings);
      let next = 0;
      const client = async () => {
        while (next < SIZE.bookings) {
          const i = next++;
          const patient = seeded.patients[i];
          const slot = seeded.slots[i];
          if (!patient || !slot) throw new Error(`No pair ${i}`);
          results[i] = await bookUntilDefinite(api.url, {
            userId: patient.userId,
            referralId: patient.referralId,
            slotId: slot.slotId,
            phone: patient.phone,
          });
          await sleep(SIZE.paceMs);
        }
      };
      try {
        await Promise.all(Array.from({ length: SIZE.clients }, client));
      } finally {
        finished = true;
        await killer;
      }
      const wallSeconds = (performance.now() - started) / 1000;

      const acknowledged = results.filter((r) => r.outcome.kind === "acknowledged");
      const refused = results.filter((r) => r.outcome.kind === "refused").map((r) => r.outcome);
      const retries = results.reduce((n, r) => n + r.retries, 0);
      const reasons = new Map<string, number>();
      for (const r of results)
        for (const why of r.retryReasons) reasons.set(why, (reasons.get(why) ?? 0) + 1);

      // Every booking had its own patient and slot: nothing may be refused, not even by a lock a
      // killed process's transaction left behind.
      expect(refused).toEqual([]);
      expect(acknowledged).toHaveLength(SIZE.bookings);
      expect(restartFailures).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(SIZE.minKills);

      // Each key, sent again to the last process, replays the acknowledged appointment.
      const replays = await Promise.all(
        results.map(async (r, i) => {
          const patient = seeded.patients[i];
          const slot = seeded.slots[i];
          if (!patient || !slot) throw new Error(`No pair ${i}`);
          const again = await bookUntilDefinite(
            api.url,
            {
              userId: patient.userId,
              referralId: patient.referralId,
              slotId: slot.slotId,
              phone: patient.phone,
            },
            { key: r.key },
          );
          return { first: r.outcome, again: again.outcome };
        }),
      );
      for (const { first, again } of replays) expect(again).toEqual(first);

      await api.stop();
      const handle = await openDatabase(
        world.databaseUrl
          ? { kind: "postgres", url: world.databaseUrl, poolSize: 2 }
          : { kind: "pglite", dataDir: world.dataDir },
      );
      try {
        const rows = await queryRows<{ id: string; user_id: string; slot_id: string; status: string }>(
          handle.db,
          sql`select id, user_id, slot_id, status from appointments`,
        );
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect(rows).toHaveLength(acknowledged.length);
        results.forEach((r, i) => {
          const row = r.outcome.kind === "acknowledged" ? byId.get(r.outcome.appointmentId) : undefined;
          expect(row, `appointment of booking ${i}`).toMatchObject({
            user_id: seeded.patients[i]?.userId,
            slot_id: seeded.slots[i]?.slotId,
            status: "booked",
          });
        });
        expect(await brokenInvariants(handle.db)).toEqual([]);
        // Exactly one confirmation SMS per appointment (the patients chose the cabinet only, so no e-mail).
        const confirmations = await queryRows<{ id: string; channel: string; messages: number }>(
          handle.db,
          sql`select a.id, m.channel, count(m.id)::int as messages from appointments a
              left join outbox_messages m on m.kind = 'booking_confirmed' and position(a.ticket_number in m.body) > 0
              group by a.id, m.channel`,
        );
        expect(confirmations).toHaveLength(acknowledged.length);
        expect(confirmations.filter((c) => c.channel !== "sms" || c.messages !== 1)).toEqual([]);
        const [outbox] = await queryRows<{ messages: number }>(
          handle.db,
          sql`select count(*)::int as messages from outbox_messages where kind = 'booking_confirmed'`,
        );
        expect(outbox?.messages).toBe(acknowledged.length);
      } finally {
        await handle.close();
      }

      console.info(
        `sigkill/${kind}: ${SIZE.bookings} bookings by ${SIZE.clients} clients, ${kills} kills, ` +
          `${retries} retries (${[...reasons].map(([k, v]) => `${k}: ${v}`).join(", ")}), ` +
          `${wallSeconds.toFixed(1)} s wall; log ${logFile}`,
      );
    },
    FULL ? 1_800_000 : 240_000,
  );
});
