// The data every load script runs on: a fresh PostgreSQL database (dropped afterwards), migrated and
// seeded the way the API seeds it, with doctors who have weekly hours (so the API's slot-horizon job
// finds the seeded slots in their schedule and leaves them alone), their slots over the API's own
// 8-week horizon, and patients each holding one referral. Written straight to the tables from this
// process; the API processes started afterwards read it like any other data.
import { randomBytes } from "node:crypto";
import {
  createBulkPatients,
  createLogger,
  createServices,
  loadConfig,
  prepareDatabase,
  type AppServices,
  type BulkPatient,
} from "@priyom/api";
import { clinics, doctors, scheduleRules, slots } from "@priyom/db";
import { addDays, generateSlots, localDateTimeInZone, type WeeklyRule } from "@priyom/domain";
import { asc } from "drizzle-orm";
import pg from "pg";

/** Secrets shared by this process (seeding encrypted fields) and the API processes (reading them). */
export const LOAD_SECRETS = {
  BETTER_AUTH_SECRET: "load-secret-of-at-least-32-characters-0123456789",
  DATA_KEY: Buffer.alloc(32, 11).toString("base64"),
} as const;

/** Weeks of slots the API keeps materialised (`SLOT_HORIZON_WEEKS`, default 8): the seed matches it. */
const HORIZON_DAYS = 8 * 7;
const CHUNK = 1_000;

/**
 * The PostgreSQL server the scripts create their databases on: `DATABASE_URL`, else
 * `TEST_DATABASE_URL`, else the local server CI and this machine run (127.0.0.1:5432).
 */
export function loadServerUrl(): string {
  return (
    process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

export interface LoadDatabase {
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/** A new database on the server, named after the script; `drop()` removes it even if clients linger. */
export async function freshDatabase(label: string): Promise<LoadDatabase> {
  const serverUrl = loadServerUrl();
  const name = `priyom_load_${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let serverVersion: string;
  try {
    serverVersion =
      (await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "?";
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    serverVersion,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export interface WorldSize {
  /** Doctors, spread over the four reference clinics in turn. */
  doctors: number;
  /** The doctors' specialties in turn (one entry: all the same). */
  specialties: readonly string[];
  /** Patients with one referral of `patientSpecialty`, valid in every clinic. */
  patients: number;
  patientSpecialty: string;
}

export interface SeededDoctor {
  id: string;
  clinicId: string;
  region: string;
  timeZone: string;
  specialty: string;
}

export interface LoadWorld {
  doctors: SeededDoctor[];
  /** Free slots that start after tomorrow (local), earliest first. */
  upcomingSlots: { id: string; doctorId: string; startsAt: Date; localDate: string }[];
  slotCount: number;
  patients: BulkPatient[];
  /** Services over the database, for the scripts' own checks; closed by `close()`. */
  services: AppServices;
  close(): Promise<void>;
}

/** Every day 08:00–20:00: a soak of half an hour or a spike on a Sunday finds the same schedule. */
const rulesFor = (visitMinutes: number): WeeklyRule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: "08:00", to: "20:00", visitMinutes }));

/** Migrates and seeds the database at `url` (see the file's header). */
export async function seedLoadWorld(url: string, size: WorldSize): Promise<LoadWorld> {
  const config = loadConfig({
    NODE_ENV: "production",
    DATABASE_URL: url,
    WEB_ROOT: "",
    SEED_DEMO: "false",
    ...LOAD_SECRETS,
  });
  const logger = createLogger("warn");
  const handle = await prepareDatabase(config, logger);
  const services = createServices(config, handle, logger);
  const { db } = services;
  const clinicRows = await db.select().from(clinics).orderBy(asc(clinics.id));
  const run = randomBytes(3).toString("hex");
  const seededDoctors: SeededDoctor[] = [];
  const doctorRows: (typeof doctors.$inferInsert)[] = [];
  const ruleRows: (typeof scheduleRules.$inferInsert)[] = [];
  const slotRows: (typeof slots.$inferInsert)[] = [];
  const now = new Date();
  for (let n = 0; n < size.doctors; n++) {
    const clinic = clinicRows[n % clinicRows.length];
    if (!clinic) throw new Error("No reference clinic: was the database seeded?");
    const from = localDateTimeInZone(now, clinic.timeZone).localDate;
    const id = `doc_load${run}${String(n).padStart(5, "0")}`;
    const specialty = size.specialties[n % size.specialties.length] ?? "therapist";
    const visitMinutes = specialty === "laboratory" ? 15 : 30;
    seededDoctors.push({
      id,
      clinicId: clinic.id,
      region: clinic.region,
      timeZone: clinic.timeZone,
      specialty,
    });
    doctorRows.push({
      id,
      clinicId: clinic.id,
      externalId: `load-${run}-${n}`,
      lastName: "Нагрузкин",
      firstName: "Тест",
      middleName: null,
      specialtyCode: specialty,
      qualification: "Врач первой категории",
      licenceNumber: `ЛО-77-01-${String(100_000 + n).slice(-6)}`,
      room: String(100 + n),
      visitModes: ["in_person"],
    });
    const rules = rulesFor(visitMinutes);
    for (const rule of rules) {
      ruleRows.push({
        id: `srl_load${run}${n}x${rule.weekday}`,
        doctorId: id,
        weekday: rule.weekday,
        fromTime: rule.from,
        toTime: rule.to,
        visitMinutes,
      });
    }
    const generated = generateSlots({
      rules,
      timeZone: clinic.timeZone,
      from,
      to: addDays(from, HORIZON_DAYS - 1),
    });
    if (!generated.ok) throw new Error(generated.error.code);
    for (const [k, s] of generated.value.entries()) {
      slotRows.push({
        id: `slt_load${run}${n}x${k}`,
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
  const patients =
    size.patients > 0
      ? await createBulkPatients(services, {
          count: size.patients,
          specialties: [size.patientSpecialty],
          issuingClinicId: clinicRows[0]?.id ?? "",
          allowedClinicIds: clinicRows.map((c) => c.id),
        })
      : [];
  // Two days ahead: no slot a script books starts before the run ends, whatever the zone.
  const after = now.getTime() + 2 * 24 * 3_600_000;
  const upcomingSlots = slotRows
    .filter((s) => s.startsAt.getTime() > after)
    .sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || x.doctorId.localeCompare(y.doctorId))
    .map((s) => ({ id: s.id ?? "", doctorId: s.doctorId, startsAt: s.startsAt, localDate: s.localDate }));
  return {
    doctors: seededDoctors,
    upcomingSlots,
    slotCount: slotRows.length,
    patients,
    services,
    close: async () => {
      await services.slotIndex.stop();
      await handle.close();
    },
  };
}
