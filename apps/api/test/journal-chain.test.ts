import { auditEvents, appointments } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import { recordAudit } from "../src/audit.ts";
import { verifyJournal } from "../src/services/journal/verify.ts";
import {
  asPatient,
  book,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
  newKey,
} from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error("expected a value");
  return value;
}

let ctx: TestContext;
let doctorId = "";

beforeAll(async () => {
  ctx = await createTestContext();
  const docs = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "journal-1" }]);
  doctorId = docs["journal-1"] ?? "";
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

const run = (text: string) => ctx.services.db.execute(sql.raw(text));

/**
 * Tampering as an attacker with database rights would: with the journal's own triggers switched off. The
 * journal is copied first and put back afterwards, so each case starts from an intact chain.
 */
async function tamperWith(...statements: string[]): Promise<Awaited<ReturnType<typeof verifyJournal>>> {
  await run("create table journal_backup as select * from audit_events");
  try {
    await run("alter table audit_events disable trigger user");
    for (const statement of statements) await run(statement);
    await run("alter table audit_events enable trigger user");
    return await verifyJournal(ctx.services.db);
  } finally {
    await run("alter table audit_events disable trigger user");
    await run("delete from audit_events");
    await run("insert into audit_events select * from journal_backup");
    await run("alter table audit_events enable trigger user");
    await run("drop table journal_backup");
  }
}

const cancel = (patient: { userId: string }, id: string) =>
  ctx.request("POST", `/api/v1/appointments/${id}/cancel`, {
    as: asPatient(patient),
    headers: { "Idempotency-Key": newKey() },
    body: { reason: "Не смогу прийти" },
  });

async function journalIds(): Promise<number[]> {
  const rows = await ctx.services.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id);
  return rows.map((r) => r.id);
}

describe("the chain", () => {
  it("links every entry to the one before it, and the verifier accepts it", async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(ctx.services.db, {
        action: "test.chain",
        result: i % 2 === 0 ? "success" : "failure",
        actorUserId: `user${i}`,
        object: { type: "appointment", id: `apt_${i}` },
        ip: "203.0.113.7",
        details: { n: i, note: "кириллица | 7:x ~" },
      });
    }
    const rows = await ctx.services.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < rows.length; i++) expect(must(rows[i]).prevHash).toBe(must(rows[i - 1]).hash);
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    const verdict = await verifyJournal(ctx.services.db);
    expect(verdict).toEqual({ ok: true, count: rows.length, lastHash: must(rows.at(-1)).hash });
  });

  it("is append-only: updates, deletes and truncation are refused", async () => {
    const [first] = await journalIds();
    await expect(run(`update audit_events set action = 'test.forged' where id = ${first}`)).rejects.toThrow();
    await expect(run(`delete from audit_events where id = ${first}`)).rejects.toThrow();
    await expect(run("truncate audit_events")).rejects.toThrow();
    expect((await verifyJournal(ctx.services.db)).ok).toBe(true);
  });

  it("names the changed entry when its details, action or time were altered", async () => {
    const ids = await journalIds();
    const target = must(ids[2]);
    for (const change of [
      `details = '{"n": 99}'::jsonb`,
      `action = 'test.forged'`,
      `at = at - interval '1 second'`,
      `ip = '198.51.100.1'`,
    ]) {
      const verdict = await tamperWith(`update audit_events set ${change} where id = ${target}`);
      expect(verdict).toMatchObject({ ok: false, brokenId: target, reason: "hash_mismatch" });
    }
  });

  it("detects a removed entry at the one that followed it", async () => {
    const ids = await journalIds();
    const verdict = await tamperWith(`delete from audit_events where id = ${ids[1]}`);
    expect(verdict).toMatchObject({ ok: false, brokenId: ids[2], reason: "broken_link" });
    const lastRemoved = await tamperWith(`delete from audit_events where id = ${ids[0]}`);
    expect(lastRemoved).toMatchObject({ ok: false, brokenId: ids[1], reason: "broken_link" });
  });

  it("detects a forged entry, even one with a correctly computed hash of its own", async () => {
    const ids = await journalIds();
    // The forger recomputes the hash with the database's own canonical form and links to the entry before.
    const forged = await tamperWith(`
      insert into audit_events (id, at, action, result, details, prev_hash, hash)
      select p.id + 1000000, now(), 'test.forged', 'success', '{}'::jsonb, p.hash,
             encode(sha256(convert_to(audit_event_canonical(p.id + 1000000, now(), null, null, 'test.forged',
               'success', null, null, null, null, '{}'::jsonb, p.hash), 'UTF8')), 'hex')
      from audit_events p where p.id = ${ids[1]}`);
    // Its id sorts last, so it links to a hash that is not the newest entry's: the break is at the forgery.
    expect(forged).toMatchObject({ ok: false, brokenId: must(ids[1]) + 1_000_000, reason: "broken_link" });
    // Spliced into the middle with a correct link and hash: the entry after it no longer links to its predecessor.
    const spliced = await tamperWith(
      `update audit_events set id = id + 1000000 where id > ${ids[1]}`,
      `insert into audit_events (id, at, action, result, details, prev_hash, hash)
       select p.id + 1, now(), 'test.forged', 'success', '{}'::jsonb, p.hash,
              encode(sha256(convert_to(audit_event_canonical(p.id + 1, now(), null, null, 'test.forged',
                'success', null, null, null, null, '{}'::jsonb, p.hash), 'UTF8')), 'hex')
       from audit_events p where p.id = ${ids[1]}`,
    );
    expect(spliced).toMatchObject({ ok: false, brokenId: must(ids[2]) + 1_000_000, reason: "broken_link" });
  });
});

describe("concurrent writers", () => {
  it("20 parallel bookings and cancellations still leave one valid chain", async () => {
    const patients: BulkPatient[] = await bulkPatients(ctx, 20, [CLINIC_A]);
    const free = await freeSlotsOf(ctx, doctorId, 20);
    expect(free.length).toBe(20);
    const booked = await Promise.all(
      patients.map((p, i) => book(ctx, p, { referralId: p.referralIds[0] ?? "", slotId: must(free[i]).id })),
    );
    for (const b of booked) expect(b.status).toBe(201);
    const cancelled = await Promise.all(patients.map((p, i) => cancel(p, must(booked[i]).body.id as string)));
    for (const c of cancelled) expect(c.status).toBe(200);
    const actions = await ctx.services.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.action} in ('appointment.book', 'appointment.cancel')`);
    expect(actions.filter((a) => a.action === "appointment.book").length).toBe(20);
    expect(actions.filter((a) => a.action === "appointment.cancel").length).toBe(20);
    const verdict = await verifyJournal(ctx.services.db);
    expect(verdict.ok).toBe(true);
  });
});

describe("all-or-nothing with the change it describes", () => {
  it("a failed journal write fails the cancellation and the booking, and neither happens", async () => {
    const pair = await bulkPatients(ctx, 2, [CLINIC_A]);
    const patient = must(pair[0]);
    const other = must(pair[1]);
    const slots = await freeSlotsOf(ctx, doctorId, 2);
    const slot = must(slots[0]);
    const secondSlot = must(slots[1]);
    const booked = await book(ctx, patient, { referralId: patient.referralIds[0] ?? "", slotId: slot.id });
    expect(booked.status).toBe(201);
    const appointmentId = booked.body.id as string;
    await run(`
      create function journal_refuses() returns trigger language plpgsql as $$
      begin
        if new.action in ('appointment.cancel', 'appointment.book') then
          raise exception 'journal unavailable';
        end if;
        return new;
      end $$`);
    await run(
      "create trigger journal_refuses before insert on audit_events for each row execute function journal_refuses()",
    );
    try {
      const res = await cancel(patient, appointmentId);
      expect(res.status).toBeGreaterThanOrEqual(500);
      const text = await res.text();
      expect(text).not.toMatch(/journal unavailable|at .*\.ts/);
      const [after] = await ctx.services.db
        .select({ status: appointments.status })
        .from(appointments)
        .where(eq(appointments.id, appointmentId));
      expect(after?.status).toBe("booked");

      const refused = await book(ctx, other, {
        referralId: other.referralIds[0] ?? "",
        slotId: secondSlot.id,
      });
      expect(refused.status).toBeGreaterThanOrEqual(500);
      const theirs = await ctx.services.db
        .select({ id: appointments.id })
        .from(appointments)
        .where(eq(appointments.userId, other.userId));
      expect(theirs).toEqual([]);
    } finally {
      await run("drop trigger journal_refuses on audit_events");
      await run("drop function journal_refuses()");
    }
    expect((await verifyJournal(ctx.services.db)).ok).toBe(true);
  });
});
