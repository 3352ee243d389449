// Databases and data for the reliability suite: a fresh database the API processes open (a new
// PostgreSQL database or a PGlite folder), services over it built with the secrets those processes
// use (so what the test seeds, they can decrypt, and what they write, the test can read back), and a
// "booking world": doctors with free slots and patients each holding one bookable referral.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBulkPatients, createLogger, createServices, loadConfig, type AppServices } from "@priyom/api";
import {
  clinics,
  doctors,
  migrateDatabase,
  openDatabase,
  patientProfiles,
  scheduleRules,
  user,
  seedReferenceData,
  slots,
  type DatabaseHandle,
} from "@priyom/db";
import { addDays, generateSlots, localDateTimeInZone, type WeeklyRule } from "@priyom/domain";
import { asc, inArray, sql } from "drizzle-orm";
import pg from "pg";
import { TEST_SECRETS } from "./api-process.ts";

export interface BookingWorld {
  patients: { userId: string; referralId: string; phone: string }[];
  slots: { slotId: string; doctorId: string; startsAt: string }[];
}

/** The PostgreSQL server of the suite; the tests need it and say so rather than skip. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      "The reliability suite needs PostgreSQL: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres",
    );
  return url;
}

/** Every test file reads its sizes from one object: small in CI, the sizes with RELIABILITY_FULL=1. */
export const FULL = process.env.RELIABILITY_FULL === "1";

/**
 * Opens (migrates, seeds reference data) a fresh database: a new PostgreSQL database under
 * TEST_DATABASE_URL's server, or a PGlite folder. Returns services built with TEST_SECRETS so
 * children read the same data.
 */
export async function openWorldDatabase(
  kind: "postgres" | "pglite",
  label: string,
): Promise<{
  services: AppServices;
  databaseUrl?: string;
  dataDir?: string;
  /** Closes the handle (and releases the PGlite folder so a child can open it). */
  close(): Promise<void>;
  drop(): Promise<void>;
}> {
  const tag = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${randomBytes(4).toString("hex")}`;
  let handle: DatabaseHandle;
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let dropStorage: () => Promise<void>;
  if (kind === "postgres") {
    const serverUrl = testServerUrl();
    const name = `priyom_rel_${tag}`.slice(0, 63);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    handle = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 4 });
    dropStorage = async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    };
  } else {
    dataDir = await mkdtemp(join(tmpdir(), `priyom-rel-${tag}-`));
    const folder = dataDir;
    handle = await openDatabase({ kind: "pglite", dataDir: folder });
    dropStorage = () => rm(folder, { recursive: true, force: true });
  }
  await migrateDatabase(handle);
  await seedReferenceData(handle.db);
  const config = loadConfig({
    NODE_ENV: "test",
    WEB_ROOT: "",
    SEED_DEMO: "false",
    ...TEST_SECRETS,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
  });
  // The seeding side logs only warnings: its lines would drown the processes' own logs.
  const services = createServices(config, handle, createLogger("warn"));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await services.slotIndex.stop();
    await handle.close();
  };
  return {
    services,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(dataDir ? { dataDir } : {}),
    close,
    drop: async () => {
      await close();
      await dropStorage();
    },
  };
}

/**
 * Environment for API processes over a booking world: a one-week slot horizon, so each (re)start's
 * slot-horizon pass has little to write (the seeded slots lie inside it).
 */
export const WORLD_API_ENV: Record<string, string> = { SLOT_HORIZON_WEEKS: "1" };

/** The world's doctors all share one specialty, so any patient's referral fits any slot. */
const SPECIALTY = "cardiologist";
/** Every day of the week, 08:00–20:00, 30-minute visits: 24 slots a doctor a day. */
const EVERY_DAY: WeeklyRule[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  from: "08:00",
  to: "20:00",
  visitMinutes: 30,
}));
const SLOTS_PER_DAY = 24;
/** A world patient's e-mail is `<user id>` followed by this (see `seedBookingWorld`'s `channels`). */
export const WORLD_EMAIL_DOMAIN = "@patients.reliability.test";
const CHUNK = 1_000;

/**
 * Seeds doctors, free slots and patients each holding one bookable referral, straight into an open
 * database. Slots start from the day after tomorrow (the clinic's local date, so the processes' real
 * clock never overtakes them during a run) and stay well inside the referrals' 90 days. The API
 * processes materialise the rest of the schedule up to their horizon (`SLOT_HORIZON_WEEKS`, see
 * `WORLD_API_ENV`): those slots stay free and unused. `channels` sets the patients' notification
 * choice (default: the cabinet only; the booking confirmation goes
 * by SMS anyway).
 */
export async function seedBookingWorld(
  services: AppServices,
  size: { patients: number; doctors: number; slotsPerDoctor: number },
  options: { channels?: ("cabinet" | "email" | "sms")[] } = {},
): Promise<BookingWorld> {
  const { db } = services;
  const [clinic] = await db.select().from(clinics).orderBy(asc(clinics.id)).limit(1);
  if (!clinic) throw new Error("No reference clinic: was the database seeded?");
  const from = addDays(localDateTimeInZone(new Date(), clinic.timeZone).localDate, 2);
  const days = Math.ceil(size.slotsPerDoctor / SLOTS_PER_DAY);
  if (days > 60) throw new Error("At most 60 days of slots fit inside the referrals' validity");
  const doctorRows: (typeof doctors.$inferInsert)[] = [];
  const slotRows: (typeof slots.$inferInsert)[] = [];
  const ruleRows: (typeof scheduleRules.$inferInsert)[] = [];
  const run = randomBytes(3).toString("hex");
  for (let i = 0; i < size.doctors; i++) {
    const id = `doc_rel${run}${String(i).padStart(4, "0")}`;
    doctorRows.push({
      id,
      clinicId: clinic.id,
      externalId: `rel-${run}-${i}`,
      lastName: "Надёжный",
      firstName: "Тест",
      middleName: null,
      specialtyCode: SPECIALTY,
      qualification: "Врач первой категории",
      licenceNumber: `ЛО-77-01-${String(100_000 + i).slice(-6)}`,
      room: String(100 + i),
      visitModes: ["in_person"],
    });
    // The slots match the doctor's weekly schedule: the API's slot-horizon job, run at every start,
    // blocks free slots its schedule does not have.
    for (const rule of EVERY_DAY)
      ruleRows.push({
        id: `srl_${randomBytes(10).toString("hex")}`,
        doctorId: id,
        weekday: rule.weekday,
        fromTime: rule.from,
        toTime: rule.to,
        visitMinutes: rule.visitMinutes,
      });
    const generated = generateSlots({
      rules: EVERY_DAY,
      timeZone: clinic.timeZone,
      from,
      to: addDays(from, days - 1),
    });
    if (!generated.ok) throw new Error(generated.error.code);
    for (const [k, s] of generated.value.slice(0, size.slotsPerDoctor).entries()) {
      slotRows.push({
        id: `slt_rel${run}${i}x${k}`,
        doctorId: id,
        localDate: s.localDate,
        localTime: s.localTime,
        timeZone: clinic.timeZone,
        minutes: s.minutes,
        startsAt: new Date(s.startUtc),
        endsAt: new Date(s.endUtc),
        status: "free",
      });
    }
  }
  for (let i = 0; i < doctorRows.length; i += CHUNK)
    await db.insert(doctors).values(doctorRows.slice(i, i + CHUNK));
  for (let i = 0; i < ruleRows.length; i += CHUNK)
    await db.insert(scheduleRules).values(ruleRows.slice(i, i + CHUNK));
  for (let i = 0; i < slotRows.length; i += CHUNK)
    await db.insert(slots).values(slotRows.slice(i, i + CHUNK));
  const bulk = await createBulkPatients(services, {
    count: size.patients,
    specialties: [SPECIALTY],
    issuingClinicId: clinic.id,
    allowedClinicIds: [clinic.id],
  });
  if (options.channels) {
    const ids = bulk.map((p) => p.userId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await db
        .update(patientProfiles)
        .set({ notificationChannels: options.channels })
        .where(inArray(patientProfiles.userId, chunk));
      // Bulk accounts have `.invalid` addresses, which mean "no e-mail yet" and are never written
      // to: give them deliverable ones (the reserved `.test` domain) when e-mail is chosen.
      if (options.channels.includes("email"))
        await db
          .update(user)
          .set({ email: sql`${user.id} || ${WORLD_EMAIL_DOMAIN}` })
          .where(inArray(user.id, chunk));
    }
  }
  return {
    patients: bulk.map((p) => ({ userId: p.userId, referralId: p.referralIds[0] ?? "", phone: p.phone })),
    slots: slotRows.map((s) => ({
      slotId: s.id ?? "",
      doctorId: s.doctorId,
      startsAt: s.startsAt.toISOString(),
    })),
  };
}
