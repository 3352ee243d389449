// Issue 8, faults: "Backup and restore: a documented pg_dump-based procedure; a test restores a dump
// of 100,000 appointments into a fresh database and the invariant suite and row counts agree." The
// procedure is docs/operations/backup-and-restore.md; this test runs exactly its commands
// (pg_dump -Fc, createdb, pg_restore, vacuumdb --analyze-only) with the server's own binaries.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@priyom/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { census, censusDifferences, openForChecks } from "../src/backup-check.ts";
import {
  FULL,
  openWorldDatabase,
  seedBookingWorld,
  testServerUrl,
  type BookingWorld,
} from "../src/fixtures.ts";
import { brokenInvariants } from "../src/invariants.ts";

// Doctors × slots per doctor = appointments; patients ≥ doctors keeps one patient's visits apart
// (the slots at one instant, one per doctor, go to different patients).
const SIZE = FULL
  ? { appointments: 100_000, doctors: 500, slotsPerDoctor: 200, patients: 500 }
  : { appointments: 5_000, doctors: 50, slotsPerDoctor: 100, patients: 100 };
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

let world: Awaited<ReturnType<typeof openWorldDatabase>>;
let seeded: BookingWorld;
let restoredName: string | undefined;
let source: ReturnType<typeof openForChecks> | undefined;
let restored: ReturnType<typeof openForChecks> | undefined;
const folder = mkdtempSync(join(tmpdir(), "priyom-rel-backup-"));

function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Books every seeded slot in bulk SQL the way the API leaves a booking: a referral of its own in
 * `booked`, the slot `booked`, the appointment, and its SMS confirmation in the outbox (sent). Slots
 * are dealt to patients in order of start time so no patient has two visits at once.
 */
async function bookEverySlotInBulk(db: Database, world: BookingWorld): Promise<void> {
  const baseReferrals = world.patients.map((p) => p.referralId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table bulk_plan on commit drop as
      with numbered_slots as (
        select s.*, d.clinic_id, (row_number() over (order by s.starts_at, s.doctor_id) - 1)::int as j
        from slots s join doctors d on d.id = s.doctor_id where s.status = 'free'
      ), bases as (
        select r.*, (row_number() over (order by r.id) - 1)::int as p
        from referrals r where r.id in (${sql.join(
          baseReferrals.map((id) => sql`${id}`),
          sql`, `,
        )})
      )
      select s.j, s.id as slot_id, s.doctor_id, s.clinic_id, s.local_date, s.local_time, s.time_zone,
             s.minutes, s.starts_at, s.ends_at, b.id as base_referral_id, b.patient_user_id,
             'ref_bk' || lpad(s.j::text, 8, '0') as referral_id,
             'apt_bk' || lpad(s.j::text, 8, '0') as appointment_id
      from numbered_slots s join bases b on b.p = s.j % ${world.patients.length}
      where s.j < ${SIZE.appointments}`);
    await tx.execute(sql`
      insert into referrals (id, number, issued_on, issuing_clinic_id, issuing_clinic_snapshot, time_zone,
        enp_hash, snils_hash, patient_user_id, patient_child_id, specialty_code, urgency, kind,
        diagnosis_code, issuing_doctor, validity_days, last_valid_day, status, payload_hash)
      select p.referral_id, '99' || lpad(p.j::text, 10, '0'), r.issued_on, r.issuing_clinic_id,
        r.issuing_clinic_snapshot, r.time_zone, r.enp_hash, r.snils_hash, r.patient_user_id,
        r.patient_child_id, r.specialty_code, r.urgency, r.kind, r.diagnosis_code, r.issuing_doctor,
        r.validity_days, r.last_valid_day, 'booked', r.payload_hash
      from bulk_plan p join referrals r on r.id = p.base_referral_id`);
    await tx.execute(sql`
      insert into referral_allowed_clinics (referral_id, clinic_id)
      select p.referral_id, a.clinic_id from bulk_plan p
      join referral_allowed_clinics a on a.referral_id = p.base_referral_id`);
    await tx.execute(sql`
      update slots s set status = 'booked', updated_at = now() from bulk_plan p where s.id = p.slot_id`);
    await tx.execute(sql`
      insert into appointments (id, user_id, patient_key, referral_id, slot_id, doctor_id, clinic_id,
        local_date, local_time, time_zone, minutes, starts_at, ends_at, contact_phone)
      select appointment_id, patient_user_id, patient_user_id, referral_id, slot_id, doctor_id, clinic_id,
        local_date, local_time, time_zone, minutes, starts_at, ends_at, '+79161234567'
      from bulk_plan order by j`);
    await tx.execute(sql`
      insert into outbox_messages (id, channel, recipient, body, status, sent_at, kind)
      select 'obx_bk' || lpad(p.j::text, 8, '0'), 'sms', '+79161234567',
        'Вы записаны, талон ' || a.ticket_number, 'sent', now(), 'booking_confirmed'
      from bulk_plan p join appointments a on a.id = p.appointment_id`);
  });
}

beforeAll(async () => {
  world = await openWorldDatabase("postgres", "backup");
  seeded = await seedBookingWorld(world.services, {
    patients: SIZE.patients,
    doctors: SIZE.doctors,
    slotsPerDoctor: SIZE.slotsPerDoctor,
  });
  // Bulk statements over 100,000 rows outlast the API pool's 5 s statement timeout.
  source = openForChecks(world.databaseUrl ?? "");
  await bookEverySlotInBulk(source.db, seeded);
  // Fresh statistics, as autovacuum would gather them in time: the invariant queries need them.
  await source.db.execute(sql`analyze`);
});

afterAll(async () => {
  await restored?.close();
  await source?.close();
  if (restoredName) await onServer(`drop database if exists ${restoredName} with (force)`);
  await world?.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe("backup with pg_dump and restore into a fresh database", () => {
  it(`restores ${SIZE.appointments} appointments with the same row counts and every invariant holding`, async () => {
    const sourceUrl = world.databaseUrl ?? "";
    const sourceDb = source?.db as Database;
    const before = await census(sourceDb);
    expect(before.appointments).toBe(SIZE.appointments);
    expect(await brokenInvariants(sourceDb)).toEqual([]);

    // The procedure of docs/operations/backup-and-restore.md, step by step.
    const dumpFile = join(folder, "priyom.dump");
    let started = Date.now();
    execFileSync(join(PG_BIN, "pg_dump"), ["--format=custom", "--no-owner", "--file", dumpFile, sourceUrl]);
    const dumpMs = Date.now() - started;
    const dumpBytes = statSync(dumpFile).size;

    restoredName = `priyom_rel_restored_${Date.now().toString(36)}`;
    execFileSync(join(PG_BIN, "createdb"), [`--maintenance-db=${testServerUrl()}`, restoredName]);
    started = Date.now();
    execFileSync(join(PG_BIN, "pg_restore"), [
      "--no-owner",
      "--exit-on-error",
      "--single-transaction",
      "--dbname",
      databaseUrl(restoredName),
      dumpFile,
    ]);
    // pg_restore copies no planner statistics: gather them before the checks and before traffic.
    execFileSync(join(PG_BIN, "vacuumdb"), ["--analyze-only", "--dbname", databaseUrl(restoredName)]);
    const restoreMs = Date.now() - started;

    restored = openForChecks(databaseUrl(restoredName));
    const after = await census(restored.db);
    const broken = await brokenInvariants(restored.db);
    console.log(
      `[backup-restore] ${SIZE.appointments} appointments (${Object.values(before)
        .filter((v): v is number => typeof v === "number")
        .reduce((a, b) => a + b, 0)} rows in ${Object.keys(before).length - 2} tables): ` +
        `pg_dump -Fc ${dumpMs} ms, ${(dumpBytes / 1024 / 1024).toFixed(1)} MiB; pg_restore + analyze ${restoreMs} ms`,
    );

    expect(censusDifferences(before, after)).toEqual([]);
    expect(after).toEqual(before);
    expect(broken).toEqual([]);
  });
});
