// Issue 8: "The SMS gateway and the SMTP server failing or hanging: booking is never blocked by them;
// the outbox delivers everything once they return, nothing twice." The API runs as a real process
// with SMTP_URL and SMS_GATEWAY_URL pointing at a real SMTP server and an HTTP gateway that first
// refuse (451 / 503), then hang (no greeting / no answer), then recover.
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openDatabase, queryRows, type DatabaseHandle } from "@priyom/db";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startApiProcess } from "../src/api-process.ts";
import { bookUntilDefinite } from "../src/booking-client.ts";
import { startFakeSmsGateway } from "../src/fake-sms-gateway.ts";
import {
  FULL,
  openWorldDatabase,
  seedBookingWorld,
  testServerUrl,
  WORLD_API_ENV,
  WORLD_EMAIL_DOMAIN,
} from "../src/fixtures.ts";
import { brokenInvariants } from "../src/invariants.ts";
import { startSmtpSink } from "../src/smtp-sink.ts";

testServerUrl();

/** Bookings made while the peers refuse, and as many while they hang. */
const SIZE = FULL ? { perPhase: 100 } : { perPhase: 10 };
const PORTS = { api: 47502, smtp: 47503, sms: 47504 } as const;
/** "Not slowed beyond normal": a booking answers in well under this whatever the peers do. */
const BOOKING_BOUND_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

interface OutboxRow extends Record<string, unknown> {
  id: string;
  channel: "sms" | "email";
  status: string;
  transport: string | null;
  attempts: number;
}

describe("the outbox while the SMTP server and the SMS gateway fail and hang (PostgreSQL)", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(
    `books without waiting for them and delivers every message exactly once after (${SIZE.perPhase} bookings a phase)`,
    async () => {
      const world = await openWorldDatabase("postgres", "messaging");
      cleanups.push(() => world.drop());
      // E-mail chosen on top of the cabinet: each booking queues one e-mail and one SMS.
      const seeded = await seedBookingWorld(
        world.services,
        { patients: 2 * SIZE.perPhase, doctors: 2, slotsPerDoctor: SIZE.perPhase },
        { channels: ["cabinet", "email"] },
      );
      await world.close();
      const smtp = await startSmtpSink(PORTS.smtp);
      cleanups.push(() => smtp.close());
      const sms = await startFakeSmsGateway(PORTS.sms);
      cleanups.push(() => sms.close());
      smtp.setMode("fail");
      sms.setMode("fail");

      const api = await startApiProcess({
        port: PORTS.api,
        databaseUrl: world.databaseUrl,
        logFile: join(tmpdir(), "priyom-reliability-logs", `messaging-${Date.now()}.log`),
        env: { ...WORLD_API_ENV, SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url },
      });
      cleanups.push(() => api.stop());
      const reader: DatabaseHandle = await openDatabase({
        kind: "postgres",
        url: world.databaseUrl ?? "",
        poolSize: 2,
      });
      cleanups.push(() => reader.close());
      const outbox = () =>
        queryRows<OutboxRow>(
          reader.db,
          sql`select id, channel, status, transport, attempts from outbox_messages order by created_at`,
        );

      const slowest: number[] = [];
      /** Books patients [from, to) one after another; each must be acknowledged within the bound. */
      const bookRange = async (from: number, to: number) => {
        let worst = 0;
        for (let i = from; i < to; i++) {
          const patient = seeded.patients[i];
          const slot = seeded.slots[i];
          if (!patient || !slot) throw new Error(`No pair ${i}`);
          const started = performance.now();
          // No retries expected here: the API itself is healthy, only its peers are not.
          const result = await bookUntilDefinite(
            api.url,
            {
              userId: patient.userId,
              referralId: patient.referralId,
              slotId: slot.slotId,
              phone: patient.phone,
            },
            { giveUpAfterMs: 0 },
          );
          const took = performance.now() - started;
          expect(result.outcome.kind, `booking ${i}`).toBe("acknowledged");
          expect(took, `booking ${i} answered in ${took.toFixed(0)} ms`).toBeLessThan(BOOKING_BOUND_MS);
          worst = Math.max(worst, took);
        }
        slowest.push(worst);
      };

      // Phase 1: both peers refuse. Bookings go through; every queued message meets a refusal.
      await bookRange(0, SIZE.perPhase);
      await waitFor(
        "every message of phase 1 to be refused once",
        () => smtp.refusedAttempts >= SIZE.perPhase && sms.refusedAttempts >= SIZE.perPhase,

        30_000,
      );
      expect(smtp.received).toEqual([]);
      expect(sms.received).toEqual([]);

      // Phase 2: both peers hang. Bookings still answer at once: the worker sends outside requests.
      smtp.setMode("hang");
      sms.setMode("hang");
      const refusedBeforeHang = { smtp: smtp.refusedAttempts, sms: sms.refusedAttempts };
      await bookRange(SIZE.perPhase, 2 * SIZE.perPhase);
      await waitFor(
        "the worker to meet both hanging peers",
        () => smtp.refusedAttempts > refusedBeforeHang.smtp && sms.refusedAttempts > refusedBeforeHang.sms,
        30_000,
      );
      // Let the hung sends run into the transports' timeouts (5 s) while bookings keep answering.
      await sleep(6_000);
      const duringOutage = await outbox();
      expect(duringOutage).toHaveLength(4 * SIZE.perPhase);
      expect(duringOutage.filter((m) => m.status === "sent")).toEqual([]);
      expect(duringOutage.filter((m) => m.status === "failed")).toEqual([]);

      // Phase 3: the peers are back. Everything is delivered, once.
      smtp.setMode("ok");
      sms.setMode("ok");
      const recovered = performance.now();
      await waitFor(
        "every message to be sent",
        async () => (await outbox()).every((m) => m.status === "sent"),
        FULL ? 300_000 : 120_000,
      );
      const drainSeconds = (performance.now() - recovered) / 1000;
      // A little longer: a message sent twice would arrive now.
      await sleep(3_000);

      const rows = await outbox();
      const emailIds = rows.filter((m) => m.channel === "email").map((m) => m.id);
      const smsIds = rows.filter((m) => m.channel === "sms").map((m) => m.id);
      expect(emailIds).toHaveLength(2 * SIZE.perPhase);
      expect(smsIds).toHaveLength(2 * SIZE.perPhase);
      expect(rows.filter((m) => m.status !== "sent")).toEqual([]);
      expect(new Set(rows.filter((m) => m.channel === "email").map((m) => m.transport))).toEqual(
        new Set(["smtp"]),
      );
      expect(new Set(rows.filter((m) => m.channel === "sms").map((m) => m.transport))).toEqual(
        new Set(["sms_gateway"]),
      );
      // Exactly once: the ids received are the outbox's, each one time.
      expect(smtp.received.map((m) => m.outboxId).sort()).toEqual([...emailIds].sort());
      expect(sms.received.map((m) => m.outboxId).sort()).toEqual([...smsIds].sort());
      // And they went to the right people: every patient's e-mail got one confirmation.
      const emailsTo = new Set(smtp.received.flatMap((m) => m.to));
      for (const p of seeded.patients) expect(emailsTo.has(`${p.userId}${WORLD_EMAIL_DOMAIN}`)).toBe(true);
      expect(smtp.received.every((m) => m.subject.startsWith("Вы записаны к врачу"))).toBe(true);
      expect(new Set(sms.received.map((m) => m.to))).toEqual(new Set(seeded.patients.map((p) => p.phone)));
      expect(await brokenInvariants(reader.db)).toEqual([]);

      const maxAttempts = Math.max(...rows.map((m) => m.attempts));
      console.info(
        `messaging: ${2 * SIZE.perPhase} bookings (${4 * SIZE.perPhase} messages), slowest booking ` +
          `${Math.max(...slowest).toFixed(0)} ms while the peers failed/hung; refused attempts smtp ` +
          `${smtp.refusedAttempts}, sms ${sms.refusedAttempts}; all delivered ${drainSeconds.toFixed(1)} s ` +
          `after recovery, at most ${maxAttempts} attempts a message, 0 duplicates`,
      );
    },
    FULL ? 900_000 : 240_000,
  );
});
