// The API under test, in its own process (so its memory is its own): the real services and routes
// on @hono/node-server, on PGlite (a fresh data folder) or on a fresh PostgreSQL database, with
// bench data seeded straight into the tables. Sign-in is replaced by a header naming the patient
// (`x-bench-user`): the figures leave authentication out. Driven by the parent over IPC.
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import {
  createApp,
  createBulkPatients,
  createLogger,
  createServices,
  loadConfig,
  prepareDatabase,
  startOutboxWorker,
  transportsFor,
  type AppServices,
} from "@priyom/api";
import { clinics, doctors, queryRows, slots } from "@priyom/db";
import {
  addDays,
  generateSlots,
  localDateTimeInZone,
  SPECIALTY_CODES,
  type WeeklyRule,
} from "@priyom/domain";
import { sql } from "drizzle-orm";
import type { ApiPlan, BookingSpec, ChildMessage, ChildOptions, ParentMessage } from "./protocol.ts";
import { isBooked } from "./slot-workload.ts";

const options = JSON.parse(process.env.BENCH_CHILD ?? "{}") as ChildOptions;
const send = (message: ChildMessage) => process.send?.(message);
const USER_HEADER = "x-bench-user";
const CHUNK = 1_000;
const stage = (what: string, since: number) =>
  process.stderr.write(
    `bench: ${what} in ${((performance.now() - since) / 1000).toFixed(1)} s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`,
  );

/**
 * The longest the event loop was kept from running a 1 ms timer while it was on: each tick measures
 * how late it came.
 */
function loopDelayProbe(): { stop: () => number } {
  let max = 0;
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    max = Math.max(max, now - last - 1);
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop: () => {
      clearTimeout(timer);
      return Math.max(max, performance.now() - last - 1);
    },
  };
}

/** The version of the PGlite package @priyom/db runs. */
function pgliteVersion(): string | null {
  const require = createRequire(fileURLToPath(import.meta.resolve("@priyom/db")));
  let dir = dirname(require.resolve("@electric-sql/pglite"));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "@electric-sql/pglite") return pkg.version ?? null;
  }
  return null;
}

const LONG_DAY = (visitMinutes: number): WeeklyRule[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    from: "08:00",
    to: "20:00",
    breaks: [{ from: "13:00", to: "14:00" }],
    visitMinutes,
  }));
const SHORT_DAY = (visitMinutes: number): WeeklyRule[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: "09:00", to: "15:00", visitMinutes }));

/** Doctors of every specialty in each clinic and their slots from tomorrow (local) on, 30 % booked. */
async function seedDoctorsAndSlots(
  services: AppServices,
): Promise<{ doctors: number; slots: number; free: number }> {
  const { db } = services;
  const clinicRows = await db.select().from(clinics).orderBy(clinics.id);
  const doctorRows: (typeof doctors.$inferInsert)[] = [];
  const slotRows: (typeof slots.$inferInsert)[] = [];
  let free = 0;
  for (const [c, clinic] of clinicRows.entries()) {
    const from = addDays(localDateTimeInZone(new Date(), clinic.timeZone).localDate, 1);
    const to = addDays(from, options.sizes.api.days - 1);
    for (let i = 0; i < options.sizes.api.doctorsPerClinic; i++) {
      const n = c * 10_000 + i;
      const id = `doc_bench${String(n).padStart(6, "0")}`;
      const specialtyCode = SPECIALTY_CODES[i % SPECIALTY_CODES.length] ?? "therapist";
      doctorRows.push({
        id,
        clinicId: clinic.id,
        externalId: `bench-${i}`,
        lastName: "Нагрузкин",
        firstName: "Тест",
        middleName: null,
        specialtyCode,
        qualification: "Врач первой категории",
        licenceNumber: `ЛО-77-01-${String(100_000 + n).slice(-6)}`,
        room: String(100 + i),
        visitModes: ["in_person"],
      });
      const visit = specialtyCode === "laboratory" ? 15 : 30;
      const generated = generateSlots({
        rules: i % 2 === 0 ? LONG_DAY(visit) : SHORT_DAY(visit),
        timeZone: clinic.timeZone,
        from,
        to,
      });
      if (!generated.ok) throw new Error(generated.error.code);
      for (const [k, s] of generated.value.entries()) {
        const booked = isBooked(n, k, 0);
        if (!booked) free++;
        slotRows.push({
          id: `slt_bench${n}x${k}`,
          doctorId: id,
          localDate: s.localDate,
          localTime: s.localTime,
          timeZone: clinic.timeZone,
          minutes: s.minutes,
          startsAt: new Date(s.startUtc),
          endsAt: new Date(s.endUtc),
          status: booked ? "booked" : "free",
        });
      }
    }
  }
  for (let i = 0; i < doctorRows.length; i += CHUNK)
    await db.insert(doctors).values(doctorRows.slice(i, i + CHUNK));
  for (let i = 0; i < slotRows.length; i += CHUNK)
    await db.insert(slots).values(slotRows.slice(i, i + CHUNK));
  return { doctors: doctorRows.length, slots: slotRows.length, free };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { port, sizes } = options;
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    WEB_ROOT: "",
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    BETTER_AUTH_SECRET: "bench-secret-of-at-least-32-characters-0123456789",
    DATA_KEY: Buffer.alloc(32, 9).toString("base64"),
    LOG_LEVEL: "info",
    SEED_DEMO: "false",
  });
  const logger = createLogger(config.logLevel);
  const handle = await prepareDatabase(config, logger);
  stage("database opened and migrated", started);
  const real = createServices(config, handle, logger);
  const services: AppServices = {
    ...real,
    authenticate: (headers) => {
      const id = headers.get(USER_HEADER);
      return Promise.resolve(id ? { id, role: "patient", sessionId: `ses_${id}` } : null);
    },
  };
  const { db } = services;
  await queryRows(
    db,
    sql`create table if not exists bench_raw_inserts (id bigserial primary key, payload text not null,
        created_at timestamptz not null default now())`,
  );
  let t = performance.now();
  const seeded = await seedDoctorsAndSlots(services);
  stage(`${seeded.slots} slots seeded`, t);
  t = performance.now();

  // Patients: one cardiologist referral each, valid in every clinic.
  const clinicRows = await db
    .select({ id: clinics.id, region: clinics.region })
    .from(clinics)
    .orderBy(clinics.id);
  const roundsAll = sizes.rounds + sizes.warmUp;
  const perRound = sizes.bookingsPerRound + sizes.hotClients + sizes.inProcessBookingsPerRound;
  const patients = await createBulkPatients(services, {
    count: roundsAll * perRound,
    specialties: ["cardiologist"],
    issuingClinicId: clinicRows.find((c) => c.id === "cln_msk0002")?.id ?? clinicRows[0]?.id ?? "",
    allowedClinicIds: clinicRows.map((c) => c.id),
  });
  stage(`${patients.length} patients created`, t);
  // Free cardiologist slots, earliest first: neighbours in the list are other doctors at the same time.
  const freeSlots = await queryRows<{ id: string }>(
    db,
    sql`select s.id from slots s join doctors d on d.id = s.doctor_id
        where d.specialty_code = 'cardiologist' and s.status = 'free' and s.starts_at > now()
        order by s.starts_at, s.doctor_id`,
  );
  let nextPatient = 0;
  let nextSlot = 0;
  const takeSlot = () => {
    const slot = freeSlots[nextSlot++];
    if (!slot) throw new Error("Not enough free cardiologist slots for the benchmark");
    return slot.id;
  };
  const spec = (slotId: string): BookingSpec => {
    const p = patients[nextPatient++];
    if (!p) throw new Error("Not enough patients for the benchmark");
    return { userId: p.userId, phone: p.phone, referralId: p.referralIds[0] ?? "", slotId };
  };
  const bookingRounds: BookingSpec[][] = [];
  const hotRounds: BookingSpec[][] = [];
  const inProcessRounds: BookingSpec[][] = [];
  for (let r = 0; r < roundsAll; r++) {
    bookingRounds.push(Array.from({ length: sizes.bookingsPerRound }, () => spec(takeSlot())));
    const hot = Array.from({ length: sizes.hotSlots }, takeSlot);
    hotRounds.push(Array.from({ length: sizes.hotClients }, (_, i) => spec(hot[i % hot.length] ?? "")));
    inProcessRounds.push(Array.from({ length: sizes.inProcessBookingsPerRound }, () => spec(takeSlot())));
  }

  t = performance.now();
  await services.slotIndex.ready();
  stage("slot index loaded", t);
  const outbox = startOutboxWorker(db, transportsFor(config), logger);
  const app = createApp(services);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });

  const [version] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
  const plan: ApiPlan = {
    port,
    origin: new URL(config.publicUrl).origin,
    regions: clinicRows.map((c) => c.region),
    doctors: seeded.doctors,
    slots: seeded.slots,
    freeSlots: seeded.free,
    bookingRounds,
    hotRounds,
    database: {
      driver: handle.driver,
      serverVersion: version?.server_version ?? "?",
      pgliteVersion: handle.driver === "pglite" ? pgliteVersion() : null,
    },
    seedSeconds: (performance.now() - started) / 1000,
  };

  // The API's memory under load (start-up excluded): sampled every 50 ms from here on.
  let loadPeakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    loadPeakRss = Math.max(loadPeakRss, process.memoryUsage().rss);
  }, 50);
  sampler.unref();

  const rawInserts = async (count: number, concurrency: number): Promise<number> => {
    const payload = "x".repeat(64);
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++;
          await queryRows(db, sql`insert into bench_raw_inserts (payload) values (${payload})`);
        }
      }),
    );
    return performance.now() - t;
  };

  const inProcessBookings = async (round: number, concurrency: number) => {
    const specs = inProcessRounds[round + sizes.warmUp] ?? [];
    const statuses: number[] = [];
    let next = 0;
    const probe = loopDelayProbe();
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < specs.length) {
          const s = specs[next++];
          if (!s) break;
          const res = await app.request("/api/v1/appointments", {
            method: "POST",
            headers: {
              Origin: plan.origin,
              "Content-Type": "application/json",
              "Idempotency-Key": `inproc-${s.slotId}`,
              [USER_HEADER]: s.userId,
            },
            body: JSON.stringify({ referralId: s.referralId, slotId: s.slotId, contactPhone: s.phone }),
          });
          await res.arrayBuffer();
          statuses.push(res.status);
        }
      }),
    );
    const ms = performance.now() - t;
    return { ms, statuses, maxDelayMs: probe.stop() };
  };

  process.on("message", (message: ParentMessage) => {
    const reply = async (): Promise<ChildMessage> => {
      switch (message.kind) {
        case "raw-inserts":
          return { kind: "raw-inserts", ms: await rawInserts(message.count, message.concurrency) };
        case "in-process-bookings":
          return {
            kind: "in-process-bookings",
            ...(await inProcessBookings(message.round, message.concurrency)),
          };
        case "check": {
          const [doubled] = await queryRows<{ n: number | string }>(
            db,
            sql`select count(*) as n from (select slot_id from appointments where status = 'booked'
                group by slot_id having count(*) > 1) x`,
          );
          const ids = message.hotSlotIds.length > 0 ? message.hotSlotIds : [""];
          const [hot] = await queryRows<{ n: number | string }>(
            db,
            sql`select count(*) as n from appointments where status = 'booked'
                and slot_id in (${sql.join(
                  ids.map((id) => sql`${id}`),
                  sql`, `,
                )})`,
          );
          const [all] = await queryRows<{ n: number | string }>(
            db,
            sql`select count(*) as n from appointments`,
          );
          return {
            kind: "check",
            doubleBookedSlots: Number(doubled?.n ?? -1),
            hotBooked: Number(hot?.n ?? -1),
            appointments: Number(all?.n ?? -1),
          };
        }
        case "memory":
          return {
            kind: "memory",
            peakRssBytes: process.resourceUsage().maxRSS * 1024,
            loadPeakRssBytes: Math.max(loadPeakRss, process.memoryUsage().rss),
          };
        case "stop":
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await outbox.stop();
          await services.slotIndex.stop();
          await handle.close();
          return { kind: "stopped" };
      }
    };
    reply().then(
      (answer) => {
        send(answer);
        if (answer.kind === "stopped") setTimeout(() => process.exit(0), 100);
      },
      (error: unknown) =>
        send({
          kind: "error",
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  send({ kind: "ready", plan });
}

main().catch((error: unknown) => {
  send({ kind: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
