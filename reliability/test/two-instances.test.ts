// Issue 8, "More than one machine": two API processes on one PostgreSQL database, with the test's
// own round-robin load balancer in front. Everything that must hold across machines lives in the
// database (row locks and unique indexes for the slot race, LISTEN/NOTIFY for live slots, counters
// for lockouts and rate limits, `FOR UPDATE SKIP LOCKED` for the outbox); this file proves each of
// them with real processes. Ports 47550–47553.
import http from "node:http";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { outboxMessages } from "@priyom/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "../src/api-process.ts";
import { FULL, openWorldDatabase, seedBookingWorld, type BookingWorld } from "../src/fixtures.ts";
import { brokenInvariants } from "../src/invariants.ts";
import { startLoadBalancer, type LoadBalancer } from "../src/load-balancer.ts";

const SIZE = FULL
  ? { raceSlots: 50, racersPerSlot: 8, outboxBookings: 500, doctors: 50, slotsPerDoctor: 24 }
  : { raceSlots: 10, racersPerSlot: 4, outboxBookings: 60, doctors: 10, slotsPerDoctor: 24 };
const PORTS = { a: 47550, b: 47551, gateway: 47552, balancer: 47553 };
const BALANCER_URL = `http://127.0.0.1:${PORTS.balancer}`;
const LOCKOUT_MAX_FAILURES = 5;
/** The sign-in route's per-IP limit (`routes/account.ts`: 20 a minute). */
const SIGN_IN_LIMIT = 20;
/** Each SMS takes the gateway this long, so one worker's batch is still sending when the other's turn comes. */
const GATEWAY_DELAY_MS = 40;

type World = Awaited<ReturnType<typeof openWorldDatabase>>;
let world: World;
let seeded: BookingWorld;
let a: ApiProcess;
let b: ApiProcess;
let balancer: LoadBalancer;
let gateway: http.Server;
/** Every SMS the gateway received: the outbox id and which instance's path it came to. */
const received: { id: string; via: string }[] = [];
let nextPatient = 0;
let nextSlot = 0;

function takePatient() {
  const p = seeded.patients[nextPatient++];
  if (!p) throw new Error("The world ran out of patients: raise SIZE");
  return p;
}
function takeSlot() {
  const s = seeded.slots[nextSlot++];
  if (!s) throw new Error("The world ran out of slots: raise SIZE");
  return s;
}

/**
 * A JSON request as a browser behind the balancer sends it: from the balancer's origin, the caller
 * named by the suite's header, and a client address of its own in `X-Forwarded-For` (the instances
 * trust 127.0.0.1 as their proxy) so per-IP counters of one test do not spill into another's.
 */
async function call(
  base: string,
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; userId?: string; clientIp?: string; idempotencyKey?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { Origin: BALANCER_URL };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.userId) headers["x-test-user"] = options.userId;
  if (options.clientIp) headers["X-Forwarded-For"] = options.clientIp;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body };
}

function book(base: string, patient: BookingWorld["patients"][number], slotId: string) {
  return call(base, "POST", "/api/v1/appointments", {
    userId: patient.userId,
    idempotencyKey: `two-${patient.userId}-${slotId}`,
    body: { referralId: patient.referralId, slotId, contactPhone: patient.phone },
  });
}

/** Reads `event:`/`data:` blocks of a Server-Sent Events response as they arrive. */
function eventStream(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    /** The next event named `name` whose data passes `match`; throws after `timeoutMs`. */
    async waitFor(
      name: string,
      match: (data: Record<string, unknown>) => boolean,
      timeoutMs: number,
    ): Promise<Record<string, unknown>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          const event = lines
            .find((l) => l.startsWith("event:"))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n");
          if (event !== name) continue;
          const parsed = JSON.parse(data) as Record<string, unknown>;
          if (match(parsed)) return parsed;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no "${name}" event within ${timeoutMs} ms`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error("the event stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

/**
 * An SMS gateway that records each message and which instance sent it (`/a/messages`,
 * `/b/messages`), answering a little late. The suite's `fake-sms-gateway.ts` serves `/messages`
 * only and at once: it could not tell the two workers apart.
 */
function startGateway(port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { id } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string };
      received.push({ id, via: (req.url ?? "").split("/")[1] ?? "?" });
      setTimeout(() => {
        res.writeHead(202, { "content-type": "application/json" });
        res.end('{"accepted":true}');
      }, GATEWAY_DELAY_MS);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

beforeAll(async () => {
  world = await openWorldDatabase("postgres", "two_instances");
  seeded = await seedBookingWorld(world.services, {
    patients: SIZE.raceSlots * SIZE.racersPerSlot + SIZE.outboxBookings + 10,
    doctors: SIZE.doctors,
    slotsPerDoctor: SIZE.slotsPerDoctor,
  });
  // Race slots: one per doctor first (different doctors at the same hour), the rest after them.
  seeded.slots.sort((x, y) => x.startsAt.localeCompare(y.startsAt) || x.doctorId.localeCompare(y.doctorId));
  gateway = await startGateway(PORTS.gateway);
  const logDir = join(tmpdir(), "priyom-reliability-logs");
  const env = (name: string) => ({
    SMS_GATEWAY_URL: `http://127.0.0.1:${PORTS.gateway}/${name}`,
    TRUSTED_PROXIES: "127.0.0.1",
    TRUSTED_ORIGINS: BALANCER_URL,
    LOCKOUT_MAX_FAILURES: String(LOCKOUT_MAX_FAILURES),
    SSE_HEARTBEAT_SECONDS: "1",
  });
  [a, b] = await Promise.all([
    startApiProcess({
      port: PORTS.a,
      databaseUrl: world.databaseUrl,
      env: env("a"),
      logFile: join(logDir, "two-instances-a.log"),
    }),
    startApiProcess({
      port: PORTS.b,
      databaseUrl: world.databaseUrl,
      env: env("b"),
      logFile: join(logDir, "two-instances-b.log"),
    }),
  ]);
  balancer = await startLoadBalancer(PORTS.balancer, [a.url, b.url]);
});

afterAll(async () => {
  await balancer?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  await world?.drop();
});

describe("two API instances on one PostgreSQL", () => {
  it("the slot race split across both instances: exactly one winner per slot, the rest 409", async () => {
    const raced = Array.from({ length: SIZE.raceSlots }, takeSlot);
    const attempts = raced.flatMap((slot) =>
      Array.from({ length: SIZE.racersPerSlot }, () => ({ slot, patient: takePatient() })),
    );
    const servedBefore = [...balancer.served];
    // All at once: the balancer hands them to A, B, A, B … so every slot is fought over on both.
    const answers = await Promise.all(
      attempts.map(async ({ slot, patient }) => ({
        slotId: slot.slotId,
        ...(await book(BALANCER_URL, patient, slot.slotId)),
      })),
    );
    const sentTo = balancer.served.map((n, i) => n - (servedBefore[i] ?? 0));
    expect(sentTo[0]).toBeGreaterThanOrEqual(Math.floor(attempts.length / 2));
    expect(sentTo[1]).toBeGreaterThanOrEqual(Math.floor(attempts.length / 2));
    for (const slot of raced) {
      const mine = answers.filter((x) => x.slotId === slot.slotId);
      expect(mine.filter((x) => x.status === 201)).toHaveLength(1);
      expect(mine.filter((x) => x.status === 409)).toHaveLength(SIZE.racersPerSlot - 1);
    }
    expect(await brokenInvariants(world.services.db)).toEqual([]);
  });

  it("a calendar connected to instance A sees a booking made through instance B, also through the balancer", async () => {
    const slot = takeSlot();
    const patient = takePatient();
    const open = async (base: string) => {
      const res = await fetch(`${base}/api/v1/slots/stream?doctorIds=${slot.doctorId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const stream = eventStream(res);
      await stream.waitFor("ready", () => true, 5_000);
      return stream;
    };
    const onA = await open(a.url);
    const viaBalancer = await open(BALANCER_URL);
    try {
      const booked = await book(b.url, patient, slot.slotId);
      expect(booked.status).toBe(201);
      // Carried from B to A by PostgreSQL NOTIFY; "within a few seconds" is the behaviour asked for.
      const taken = (data: Record<string, unknown>) => data.slotId === slot.slotId && data.state === "taken";
      await Promise.all([onA.waitFor("slot", taken, 5_000), viaBalancer.waitFor("slot", taken, 5_000)]);
    } finally {
      await Promise.allSettled([onA.close(), viaBalancer.close()]);
    }
  });

  it("wrong passwords for one account alternating between A and B lock it after the limit in total", async () => {
    const clientIp = "198.51.100.7";
    const person = {
      phone: "+7 (999) 555-01-02",
      email: "two.instances@example.ru",
      password: "Priyom-two-1",
      lastName: "Двоев",
      firstName: "Иван",
      middleName: "Петрович",
      birthDate: "1988-03-14",
    };
    expect((await call(a.url, "POST", "/api/v1/account/sign-up", { body: person, clientIp })).status).toBe(
      202,
    );
    const statuses: number[] = [];
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      const answer = await call(base, "POST", "/api/v1/account/sign-in", {
        body: { login: person.email, password: `wrong-password-${i}` },
        clientIp,
      });
      statuses.push(answer.status);
    }
    // Neither instance alone saw the limit (3 and 2 failures): only a shared count locks on the 5th.
    expect(statuses).toEqual([...Array<number>(LOCKOUT_MAX_FAILURES - 1).fill(401), 423]);
    for (const base of [a.url, b.url]) {
      const right = await call(base, "POST", "/api/v1/account/sign-in", {
        body: { login: person.email, password: person.password },
        clientIp,
      });
      expect(right.status).toBe(423);
    }
  });

  it("the per-IP sign-in limit counts requests to both instances together", async () => {
    const clientIp = "203.0.113.45";
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMIT + 4; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      const answer = await call(base, "POST", "/api/v1/account/sign-in", {
        body: { login: `nobody${i}@example.ru`, password: "Whatever-123" },
        clientIp,
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, SIGN_IN_LIMIT).filter((s) => s === 429)).toEqual([]);
    expect(statuses.slice(SIGN_IN_LIMIT)).toEqual([429, 429, 429, 429]);
  });

  it("the outbox workers of both instances send every SMS exactly once", async () => {
    const bookings = Array.from({ length: SIZE.outboxBookings }, () => ({
      patient: takePatient(),
      slot: takeSlot(),
    }));
    // Ten at a time through the balancer: confirmations are queued on both instances meanwhile.
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let job = bookings[next++]; job; job = bookings[next++]) {
          statuses.push((await book(BALANCER_URL, job.patient, job.slot.slotId)).status);
        }
      }),
    );
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    const { db } = world.services;
    const deadline = Date.now() + 60_000;
    let sms = await db
      .select({ id: outboxMessages.id, status: outboxMessages.status })
      .from(outboxMessages)
      .where(eq(outboxMessages.channel, "sms"));
    while (sms.some((m) => m.status !== "sent") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      sms = await db
        .select({ id: outboxMessages.id, status: outboxMessages.status })
        .from(outboxMessages)
        .where(eq(outboxMessages.channel, "sms"));
    }
    expect(sms.filter((m) => m.status !== "sent")).toEqual([]);
    // Every booking of this file queued a confirmation, plus the sign-up's phone code.
    expect(sms.length).toBeGreaterThanOrEqual(SIZE.raceSlots + 1 + SIZE.outboxBookings);
    // A worker marks a message sent after the gateway answered: give the last answers time to land.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const times = new Map<string, number>();
    for (const r of received) times.set(r.id, (times.get(r.id) ?? 0) + 1);
    expect([...times.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...times.keys()].sort()).toEqual(sms.map((m) => m.id).sort());
    // Both workers took part: the claim, not luck, kept them from sending the same message.
    expect(new Set(received.map((r) => r.via))).toEqual(new Set(["a", "b"]));
    expect(await brokenInvariants(db)).toEqual([]);
  });
});
