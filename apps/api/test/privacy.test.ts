// A patient's data (issue 8, 152-ФЗ): every table that can hold something about a patient is
// classified in services/privacy/holdings.ts — the one list export and erasure walk. A table added
// by a migration without being classified fails here, on PGlite and on PostgreSQL alike.
import {
  appointments,
  auditEvents,
  children,
  notifications,
  patientProfiles,
  priorityRequests,
  queryRows,
  referralEvents,
  referrals,
  slots,
  user,
  waitlistEntries,
  type DatabaseHandle,
} from "@priyom/db";
import { ZAccountExport, type TAccountExport } from "@priyom/contracts";
import { eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MIGRATOR_TABLES,
  PATIENT_HOLDINGS,
  TABLES_WITHOUT_PATIENT_DATA,
} from "../src/services/privacy/holdings.ts";
import { createLogger } from "../src/logger.ts";
import { enqueueMessage } from "../src/messages/outbox.ts";
import { devMailbox } from "../src/messages/transports.ts";
import { drainOutbox } from "../src/messages/worker.ts";
import { DEMO_IDENTITIES } from "../src/registries/index.ts";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "../src/seed/demo-accounts.ts";
import { signIn } from "./account-helpers.ts";
import { book, doctorsWithSchedule, freeSlotsOf, resetClock, setClock } from "./booking-fixtures.ts";
import { asClinic, CLINIC_A, clinicKey, issueRequest } from "./clinic-helpers.ts";
import { createTestContext, openTestDatabase, TestBrowser, type TestContext } from "./test-services.ts";

/**
 * Column names that tie a row to a person or carry an identifier. A table with one of them must be a
 * holding; "holds nothing about a patient" is then a claim the list cannot make.
 */
const PERSON_COLUMN =
  /(^|_)user_id$|^patient_(user|child)_id$|^patient_key$|^parent_user_id$|^child_id$|^recipient$|(^|_)snils(_enc|_hash)?$|(^|_)enp(_enc|_hash)?$|passport|^email$|^phone_number$|^contact_phone$|^ip_address$/;

let handle: DatabaseHandle;
let drop: () => Promise<void>;
let columnsByTable: Map<string, Set<string>>;

beforeAll(async () => {
  ({ handle, drop } = await openTestDatabase());
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    handle.db,
    sql`select c.table_name, c.column_name
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
  );
  columnsByTable = new Map();
  for (const row of rows) {
    const columns = columnsByTable.get(row.table_name) ?? new Set<string>();
    columns.add(row.column_name);
    columnsByTable.set(row.table_name, columns);
  }
});

afterAll(async () => {
  await drop();
});

describe("holdings.ts covers the whole database", () => {
  it("classifies every table: a patient holding, or a table holding nothing about a patient", () => {
    const classified = new Set([
      ...PATIENT_HOLDINGS.map((h) => h.table),
      ...TABLES_WITHOUT_PATIENT_DATA,
      ...MIGRATOR_TABLES,
    ]);
    const unclassified = [...columnsByTable.keys()].filter((table) => !classified.has(table)).sort();
    expect(unclassified, "classify these tables in services/privacy/holdings.ts").toEqual([]);
    expect(columnsByTable.size).toBeGreaterThan(20);
  });

  it("puts every table with a person's column among the holdings", () => {
    const holdings = new Set(PATIENT_HOLDINGS.map((h) => h.table));
    const missed = [...columnsByTable.entries()]
      .filter(([table, columns]) => !holdings.has(table) && [...columns].some((c) => PERSON_COLUMN.test(c)))
      .map(([table, columns]) => `${table}: ${[...columns].filter((c) => PERSON_COLUMN.test(c)).join(", ")}`);
    expect(missed).toEqual([]);
  });

  it("names in each holding only columns that exist, and names every person's column of its table", () => {
    for (const holding of PATIENT_HOLDINGS) {
      const columns = columnsByTable.get(holding.table);
      expect(columns, `table ${holding.table}`).toBeDefined();
      const named = new Set([
        ...holding.ownerColumns,
        ...holding.personalColumns,
        ...(holding.otherPeopleColumns ?? []),
      ]);
      for (const column of named) expect(columns?.has(column), `${holding.table}.${column}`).toBe(true);
      const unnamed = [...(columns ?? [])].filter((c) => PERSON_COLUMN.test(c) && !named.has(c));
      expect(unnamed, `person's columns of ${holding.table} missing from its holding`).toEqual([]);
    }
  });

  it("says of each holding where the export shows it, or why it is withheld; and what marks a row kept by law", () => {
    for (const holding of PATIENT_HOLDINGS) {
      const where = `${holding.table}: exported ${holding.exported}`;
      expect(holding.exportKey !== undefined, where).toBe(holding.exported);
      expect(holding.withheldFromExport !== undefined, where).toBe(!holding.exported);
      if (holding.exportKey !== undefined)
        expect(Object.keys(ZAccountExport.shape)).toContain(holding.exportKey);
      expect(holding.erasedFlagColumn !== undefined, holding.table).toBe(holding.erasure === "retain_by_law");
      if (holding.erasedFlagColumn !== undefined)
        expect(columnsByTable.get(holding.table)?.has(holding.erasedFlagColumn), holding.table).toBe(true);
    }
  });

  it("lists each table once", () => {
    const tables = [...PATIENT_HOLDINGS.map((h) => h.table), ...TABLES_WITHOUT_PATIENT_DATA];
    expect(new Set(tables).size).toBe(tables.length);
  });
});

/** The column marking a row kept by law after erasure, per table (holdings.ts "retain_by_law"). */
const KEPT_BY_LAW_FLAG = new Map(
  PATIENT_HOLDINGS.flatMap((h) => (h.erasedFlagColumn ? [[h.table, h.erasedFlagColumn] as const] : [])),
);

/**
 * Every text, jsonb and array column of every table, cast to text, where `needle` occurs. Rows of a
 * table kept by law whose erasure flag is set are not hits: they go to `keptByLaw` when given.
 */
async function findEverywhere(
  db: DatabaseHandle["db"],
  needle: string,
  keptByLaw: string[] = [],
): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const flag = KEPT_BY_LAW_FLAG.get(table);
    const kept = flag === undefined ? sql`false` : sql`${sql.raw(quoted(flag))} is not null`;
    const [row] = await queryRows<{ n: number; kept: number }>(
      db,
      sql`select count(*) filter (where not (${kept}))::int as n, count(*) filter (where ${kept})::int as kept
            from ${sql.raw(quoted(table))} where strpos(${sql.raw(quoted(column))}::text, ${needle}) > 0`,
    );
    if ((row?.n ?? 0) > 0) hits.push(`${table}.${column}`);
    if ((row?.kept ?? 0) > 0) keptByLaw.push(`${table}.${column}`);
  }
  return hits;
}

describe("erasure (DELETE /api/v1/account)", () => {
  it("leaves none of the patient's identifiers anywhere in the database, keeps the other patient, journals it", async () => {
    const ctx = await createTestContext();
    try {
      await seedDemoAccounts(ctx.services);
      const { patient: who, daughter, neighbour } = DEMO_IDENTITIES;
      const browser = new TestBrowser(ctx);
      await signIn(
        ctx,
        browser,
        DEMO_ACCOUNTS.patient.phone,
        DEMO_ACCOUNTS.patient.password,
        DEMO_ACCOUNTS.patient.phone,
      );
      const me = (await browser.json<{ user: { id: string } }>("GET", "/api/v1/account/me")).body.user.id;
      // The clinic's referrals for him and his daughter: they must stay, flagged, after erasure.
      await issueReferralFor(ctx, who);
      await issueReferralFor(ctx, daughter);
      const theirReferrals = await ctx.handle.db
        .select({ id: referrals.id })
        .from(referrals)
        .where(
          inArray(
            referrals.enpHash,
            [who.enp, daughter.enp].map((e) => ctx.services.cipher.lookupHash("enp", e)),
          ),
        );
      expect(theirReferrals).toHaveLength(2);
      // One message already delivered (the sign-in code), one still queued with the name in its body.
      await drainOutbox(ctx.handle.db, { email: devMailbox, sms: devMailbox }, createLogger("silent"));
      await enqueueMessage(ctx.handle.db, {
        channel: "email",
        recipient: DEMO_ACCOUNTS.patient.email,
        subject: "Запись подтверждена",
        body: `${who.lastName} ${who.firstName} ${who.middleName}, вы записаны.`,
        kind: "booking_confirmed",
      });
      const [profile] = await ctx.handle.db
        .select()
        .from(patientProfiles)
        .where(eq(patientProfiles.userId, me));
      const kids = await ctx.handle.db.select().from(children).where(eq(children.parentUserId, me));
      expect(profile).toBeDefined();
      expect(kids.length).toBeGreaterThan(0);
      const stored = [
        profile?.snilsHash,
        profile?.enpHash,
        profile?.snilsEnc,
        profile?.enpEnc,
        profile?.passportEnc,
        ...kids.flatMap((k) => [k.snilsHash, k.enpHash, k.snilsEnc, k.enpEnc, k.birthCertificateEnc]),
      ].filter((v): v is string => typeof v === "string" && v !== "");
      const identifiers = [
        DEMO_ACCOUNTS.patient.email,
        DEMO_ACCOUNTS.patient.phone,
        `${who.lastName} ${who.firstName} ${who.middleName}`,
        who.snils,
        who.enp,
        `${daughter.lastName} ${daughter.firstName}`,
        daughter.snils,
        daughter.enp,
        ...stored,
      ];
      // The search itself works: before erasure every contact and name is found.
      expect(await findEverywhere(ctx.handle.db, DEMO_ACCOUNTS.patient.phone)).toContain(
        "outbox_messages.recipient",
      );
      expect(await findEverywhere(ctx.handle.db, who.lastName + " " + who.firstName)).not.toEqual([]);

      expect(
        (await browser.request("DELETE", "/api/v1/account", { password: DEMO_ACCOUNTS.patient.password }))
          .status,
      ).toBe(200);

      const found: Record<string, string[]> = {};
      const keptByLaw: string[] = [];
      for (const needle of identifiers) {
        const hits = await findEverywhere(ctx.handle.db, needle, keptByLaw);
        if (hits.length > 0) found[needle.slice(0, 4) + "…"] = hits;
      }
      expect(found).toEqual({});
      // The only traces left are the clinic's referrals (their identifier hashes), flagged and unlinked.
      expect(new Set(keptByLaw)).toEqual(new Set(["referrals.enp_hash", "referrals.snils_hash"]));
      const kept = await ctx.handle.db
        .select()
        .from(referrals)
        .where(
          inArray(
            referrals.id,
            theirReferrals.map((r) => r.id),
          ),
        );
      expect(kept).toHaveLength(2);
      for (const referral of kept) {
        expect(referral.subjectErasedAt).not.toBeNull();
        expect(referral.patientUserId).toBeNull();
        expect(referral.patientChildId).toBeNull();
      }
      expect(
        await ctx.handle.db.select().from(referrals).where(isNotNull(referrals.subjectErasedAt)),
      ).toHaveLength(2);
      // The other patient is untouched.
      expect(await findEverywhere(ctx.handle.db, DEMO_ACCOUNTS.neighbour.email)).toContain("user.email");
      expect(await findEverywhere(ctx.handle.db, `${neighbour.lastName}`)).toContain(
        "patient_profiles.last_name",
      );
      expect(await ctx.handle.db.select().from(user).where(eq(user.id, me))).toEqual([]);
      const journal = await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, me));
      const erased = journal.find((e) => e.action === "account.deleted");
      expect(erased?.details).toMatchObject({
        profiles: 1,
        children: kids.length,
        messagesDropped: 1,
        messagesBlanked: 1,
        referralsKept: 2,
      });
    } finally {
      await ctx.close();
    }
  });
});

/** A clinic issues a cardiologist's referral for the person (matched to the account holding their ЕНП). */
async function issueReferralFor(
  ctx: TestContext,
  person: {
    enp: string;
    snils: string;
    lastName: string;
    firstName: string;
    middleName: string;
    birthDate: string;
  },
): Promise<void> {
  const issued = await asClinic(
    ctx,
    await clinicKey(ctx, CLINIC_A),
    "POST",
    "/api/v1/clinic/referrals",
    issueRequest({
      patient: {
        enp: person.enp,
        snils: person.snils,
        lastName: person.lastName,
        firstName: person.firstName,
        middleName: person.middleName,
        birthDate: person.birthDate.split("-").reverse().join("."),
      },
    }),
  );
  expect(issued.status).toBe(201);
}

/**
 * The two booking invariants erasure could break by cascading an appointment away: a slot `booked`
 * with no booked appointment on it, a referral `booked` with no booked appointment.
 */
async function bookingsWithoutAppointment(db: DatabaseHandle["db"]): Promise<string[]> {
  const orphanSlots = await queryRows<{ id: string }>(
    db,
    sql`select s.id from slots s where s.status = 'booked'
          and not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'booked')`,
  );
  const orphanReferrals = await queryRows<{ id: string }>(
    db,
    sql`select r.id from referrals r where r.status = 'booked'
          and not exists (select 1 from appointments a where a.referral_id = r.id and a.status = 'booked')`,
  );
  return [...orphanSlots.map((r) => `slot ${r.id}`), ...orphanReferrals.map((r) => `referral ${r.id}`)];
}

describe("erasure of an account with a future booking", () => {
  it("cancels the visit even inside the 24-hour window: the slot is free, the referral bookable, nothing orphaned", async () => {
    const ctx = await createTestContext();
    try {
      await seedDemoAccounts(ctx.services);
      const who = DEMO_IDENTITIES.patient;
      const doctors = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "privacy-1" }]);
      await ctx.services.slotIndex.ready();
      await issueReferralFor(ctx, who);
      const browser = new TestBrowser(ctx);
      await signIn(
        ctx,
        browser,
        DEMO_ACCOUNTS.patient.phone,
        DEMO_ACCOUNTS.patient.password,
        DEMO_ACCOUNTS.patient.phone,
      );
      const me = (await browser.json<{ user: { id: string } }>("GET", "/api/v1/account/me")).body.user.id;
      const [referral] = await ctx.handle.db.select().from(referrals).where(eq(referrals.patientUserId, me));
      expect(referral, "the clinic's referral is matched to the patient").toBeDefined();
      const [slot] = await freeSlotsOf(ctx, doctors["privacy-1"] ?? "", 1);
      expect(slot).toBeDefined();
      const booked = await book(
        ctx,
        { userId: me, phone: DEMO_ACCOUNTS.patient.phone },
        { referralId: referral?.id ?? "", slotId: slot?.id ?? "" },
      );
      expect(booked.status).toBe(201);
      expect(await bookingsWithoutAppointment(ctx.handle.db)).toEqual([]);
      // Two hours before the visit: a patient's own cancel is refused now, erasure must still end it.
      setClock(ctx, (slot?.startsAt.getTime() ?? 0) - 2 * 3_600_000);
      const refused = await ctx.request("POST", `/api/v1/appointments/${String(booked.body.id)}/cancel`, {
        as: { id: me, role: "patient", sessionId: `ses_${me}` },
        headers: { "Idempotency-Key": `privacy-cancel-${Date.now()}` },
        body: { reason: "Проверка правила 24 часов" },
      });
      expect(refused.status).toBe(422);

      expect(
        (await browser.request("DELETE", "/api/v1/account", { password: DEMO_ACCOUNTS.patient.password }))
          .status,
      ).toBe(200);

      const [slotAfter] = await ctx.handle.db
        .select()
        .from(slots)
        .where(eq(slots.id, slot?.id ?? ""));
      expect(slotAfter?.status).toBe("free");
      expect(await ctx.handle.db.select().from(appointments).where(eq(appointments.userId, me))).toEqual([]);
      expect(
        await ctx.handle.db
          .select()
          .from(appointments)
          .where(eq(appointments.slotId, slot?.id ?? "")),
      ).toEqual([]);
      const [referralAfter] = await ctx.handle.db
        .select()
        .from(referrals)
        .where(eq(referrals.id, referral?.id ?? ""));
      expect(referralAfter).toMatchObject({ status: "active", patientUserId: null });
      expect(await bookingsWithoutAppointment(ctx.handle.db)).toEqual([]);
      const journal = await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, me));
      expect(journal.find((e) => e.action === "account.deleted")?.details).toMatchObject({
        visitsCancelled: 1,
      });
      expect(journal.some((e) => e.action === "appointment.cancel")).toBe(true);
    } finally {
      resetClock(ctx);
      await ctx.close();
    }
  });
});

describe("export (GET /api/v1/account/export)", () => {
  it("holds one of everything the patient has, in every exported holding, and nothing of the other patient", async () => {
    const ctx = await createTestContext();
    try {
      await seedDemoAccounts(ctx.services);
      const { patient: who, daughter, neighbour } = DEMO_IDENTITIES;
      const doctors = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "export-1" }]);
      await ctx.services.slotIndex.ready();
      await issueReferralFor(ctx, who);
      await issueReferralFor(ctx, who);
      await issueReferralFor(ctx, daughter);
      await issueReferralFor(ctx, neighbour);
      const browser = new TestBrowser(ctx);
      await signIn(
        ctx,
        browser,
        DEMO_ACCOUNTS.patient.phone,
        DEMO_ACCOUNTS.patient.password,
        DEMO_ACCOUNTS.patient.phone,
      );
      const me = (await browser.json<{ user: { id: string } }>("GET", "/api/v1/account/me")).body.user.id;
      const [neighbourUser] = await ctx.handle.db
        .select()
        .from(user)
        .where(eq(user.email, DEMO_ACCOUNTS.neighbour.email));
      const neighbourId = neighbourUser?.id ?? "";
      const mine = await ctx.handle.db.select().from(referrals).where(eq(referrals.patientUserId, me));
      expect(mine).toHaveLength(2);
      const [forVisit, forWaiting] = mine;
      const [slot] = await freeSlotsOf(ctx, doctors["export-1"] ?? "", 1);
      const booked = await book(
        ctx,
        { userId: me, phone: DEMO_ACCOUNTS.patient.phone },
        { referralId: forVisit?.id ?? "", slotId: slot?.id ?? "" },
      );
      expect(booked.status).toBe(201);
      const [visit] = await ctx.handle.db.select().from(appointments).where(eq(appointments.userId, me));
      // A waiting-list entry and a priority request on the second referral, a notification each.
      await ctx.handle.db.insert(waitlistEntries).values({
        id: "wl_exporttest01",
        userId: me,
        referralId: forWaiting?.id ?? "",
        patientKey: visit?.patientKey ?? "",
        specialtyCode: "cardiologist",
        fromDate: "2030-01-01",
        toDate: "2030-01-31",
      });
      await ctx.handle.db.insert(priorityRequests).values({
        id: "prq_exporttest01",
        userId: me,
        referralId: forWaiting?.id ?? "",
        reason: "Боли в груди усилились на этой неделе",
        urgency: "urgent",
      });
      await ctx.handle.db.insert(notifications).values([
        { id: "ntf_exporttest01", userId: me, kind: "other", title: "Для пациента", body: "Текст пациенту" },
        {
          id: "ntf_exporttest02",
          userId: neighbourId,
          kind: "other",
          title: "Соседке",
          body: "Текст соседке",
        },
      ]);
      await drainOutbox(ctx.handle.db, { email: devMailbox, sms: devMailbox }, createLogger("silent"));

      const res = await browser.request("GET", "/api/v1/account/export");
      expect(res.status).toBe(200);
      const exported: TAccountExport = ZAccountExport.parse(await res.json());

      expect(exported.account?.id).toBe(me);
      expect(exported.profile?.snils).toContain(who.snils.slice(0, 3));
      expect(exported.children.map((c) => c.lastName)).toContain(daughter.lastName);
      expect(exported.referrals.map((r) => r.id).sort()).toEqual(
        [
          ...mine.map((r) => r.id),
          ...exported.referrals.filter((r) => r.childId !== null).map((r) => r.id),
        ].sort(),
      );
      expect(exported.referrals.filter((r) => r.childId !== null)).toHaveLength(1);
      expect(exported.referrals.find((r) => r.id === forVisit?.id)?.history.map((e) => e.kind)).toEqual(
        expect.arrayContaining(["issued"]),
      );
      expect(exported.appointments).toHaveLength(1);
      expect(exported.appointments[0]).toMatchObject({
        id: visit?.id,
        status: "booked",
        startsAt: slot?.startsAt.toISOString(),
      });
      expect(exported.appointments[0]?.clinic).not.toBe("");
      expect(exported.appointments[0]?.doctor).not.toBe("");
      expect(exported.waitlist.map((w) => w.id)).toEqual(["wl_exporttest01"]);
      expect(exported.priorityRequests.map((p) => p.reason)).toEqual([
        "Боли в груди усилились на этой неделе",
      ]);
      expect(exported.notifications.map((n) => n.id)).toContain("ntf_exporttest01");
      expect(exported.messages.length).toBeGreaterThan(0);
      for (const m of exported.messages)
        expect([DEMO_ACCOUNTS.patient.email, DEMO_ACCOUNTS.patient.phone]).toContain(m.recipient);
      expect(
        exported.accountHistory.some((e) => e.action === "account.sign_in" && e.result === "success"),
      ).toBe(true);
      expect(exported.devices.length).toBeGreaterThan(0);
      expect(exported.sessions.length).toBeGreaterThan(0);
      // Nothing of the other patient.
      const text = JSON.stringify(exported);
      const [theirReferral] = await ctx.handle.db
        .select()
        .from(referrals)
        .where(eq(referrals.patientUserId, neighbourId));
      expect(theirReferral).toBeDefined();
      for (const theirs of [
        neighbourId,
        theirReferral?.id ?? "",
        "ntf_exporttest02",
        `${neighbour.lastName} ${neighbour.firstName}`,
        neighbour.enp,
        DEMO_ACCOUNTS.neighbour.email,
      ])
        expect(text).not.toContain(theirs);
      // The download itself is journaled.
      const journal = await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, me));
      expect(journal.map((e) => e.action)).toContain("account.exported");

      // Every holding with rows of this patient is in the export under its key (or withheld by decision).
      const childIds = (await ctx.handle.db.select().from(children).where(eq(children.parentUserId, me))).map(
        (c) => c.id,
      );
      const ownerValues = [
        me,
        ...childIds,
        DEMO_ACCOUNTS.patient.email,
        DEMO_ACCOUNTS.patient.phone,
        ...exported.referrals.map((r) => r.id),
        visit?.patientKey ?? "",
      ];
      const withRows: string[] = [];
      for (const holding of PATIENT_HOLDINGS) {
        const matches = holding.ownerColumns.map(
          (c) =>
            sql`${sql.raw(`"${c}"`)}::text in (${sql.join(
              ownerValues.map((v) => sql`${v}`),
              sql`, `,
            )})`,
        );
        const [row] = await queryRows<{ n: number }>(
          ctx.handle.db,
          sql`select count(*)::int as n from ${sql.raw(`"${holding.table}"`)} where ${sql.join(matches, sql` or `)}`,
        );
        if ((row?.n ?? 0) === 0) continue;
        withRows.push(holding.table);
        if (!holding.exported) continue;
        const part = exported[holding.exportKey ?? "account"];
        expect(
          Array.isArray(part) ? part.length > 0 : part !== null,
          `${holding.table} → ${holding.exportKey}`,
        ).toBe(true);
      }
      // The patient really has one of each: the check above ran over these tables.
      expect(withRows).toEqual(
        expect.arrayContaining([
          "user",
          "session",
          "known_devices",
          "patient_profiles",
          "children",
          "referrals",
          "referral_events",
          "appointments",
          "waitlist_entries",
          "priority_requests",
          "notifications",
          "outbox_messages",
          "audit_events",
        ]),
      );
      // Referral events of the patient's referrals are in the export's referral history.
      const events = await ctx.handle.db
        .select()
        .from(referralEvents)
        .where(
          inArray(
            referralEvents.referralId,
            exported.referrals.map((r) => r.id),
          ),
        );
      expect(exported.referrals.flatMap((r) => r.history)).toHaveLength(events.length);
    } finally {
      await ctx.close();
    }
  });
});
