// A patient's data (issue 8, 152-ФЗ): every table that can hold something about a patient is
// classified in services/privacy/holdings.ts — the one list export and erasure walk. A table added
// by a migration without being classified fails here, on PGlite and on PostgreSQL alike.
import { auditEvents, children, patientProfiles, queryRows, user, type DatabaseHandle } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
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
import { createTestContext, openTestDatabase, TestBrowser } from "./test-services.ts";

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

  it("lists each table once", () => {
    const tables = [...PATIENT_HOLDINGS.map((h) => h.table), ...TABLES_WITHOUT_PATIENT_DATA];
    expect(new Set(tables).size).toBe(tables.length);
  });
});

/** Every text, jsonb and array column of every table, cast to text, where `needle` occurs. */
async function findEverywhere(db: DatabaseHandle["db"], needle: string): Promise<string[]> {
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
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.raw(quoted(table))} where strpos(${sql.raw(quoted(column))}::text, ${needle}) > 0`,
    );
    if ((row?.n ?? 0) > 0) hits.push(`${table}.${column}`);
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
      for (const needle of identifiers) {
        const hits = await findEverywhere(ctx.handle.db, needle);
        if (hits.length > 0) found[needle.slice(0, 4) + "…"] = hits;
      }
      expect(found).toEqual({});
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
      });
    } finally {
      await ctx.close();
    }
  });
});
