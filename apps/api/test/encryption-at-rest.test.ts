// Encryption at rest (issue 8): known documents entered through the real routes are found nowhere
// in a dump of the database nor in the raw files of an embedded database folder; a ciphertext moved
// to another person's row, or with one bit flipped, fails closed with the generic error and an
// integrity alert in the log — never the wrong person's data.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  children,
  migrateDatabase,
  openDatabase,
  patientProfiles,
  queryRows,
  seedReferenceData,
  user,
  type DatabaseHandle,
} from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import type { SessionUser } from "../src/context.ts";
import { loadConfig } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";
import { createServices } from "../src/services.ts";
import { createPatientProfile } from "../src/services/profile/index.ts";
import { testLogSink } from "./log-capture.ts";
import { createTestContext, TEST_ORIGIN, type TestContext } from "./test-services.ts";

const patient = (id: string): SessionUser => ({ id, role: "patient", sessionId: `ses_${id}` });
const A = patient("usr_rest_a");
const B = patient("usr_rest_b");

/** What A enters: a passport, a СНИЛС, a policy and a child's birth certificate. */
const profileA = {
  lastName: "Секретова",
  firstName: "Анна",
  birthDate: "12.04.1985",
  sex: "female",
  passport: { series: "45 17", number: "803914", departmentCode: "770001", issuedOn: "20.05.2010" },
  snils: "112-233-445 95",
  enp: "7700000000123453",
  notificationChannels: ["cabinet"],
};
const profileB = {
  lastName: "Другой",
  firstName: "Борис",
  birthDate: "1990-05-17",
  sex: "male",
  passport: null,
  snils: "001-001-998 00",
  enp: "1234567890123452",
  notificationChannels: ["cabinet"],
};
const childOfA = {
  lastName: "Секретова",
  firstName: "Вера",
  middleName: "Ивановна",
  birthDate: "01.09.2016",
  birthCertificate: { series: "IV - МЮ", number: "572 618", issuedOn: "2016-09-10" },
  enp: "5091234567890128",
  snils: null,
};

/** Every way the documents above could be written out: digits with and without their separators. */
const PLAINTEXTS = [
  "45 17 803914",
  "4517 803914",
  "4517803914",
  "803914",
  "112-233-445 95",
  "11223344595",
  "112233445",
  "7700000000123453",
  "5091234567890128",
  "572 618",
  "572618",
  "IV - МЮ",
  "IV-МЮ",
];

function findPlaintexts(haystack: Buffer): string[] {
  return PLAINTEXTS.filter((p) => haystack.includes(Buffer.from(p, "utf8")));
}

/** Enters the documents through the API as the patient's browser would. */
async function enterDocuments(request: TestContext["request"], db: DatabaseHandle["db"]) {
  for (const u of [A, B]) {
    await db.insert(user).values({ id: u.id, name: u.id, email: `${u.id}@example.ru` });
    await createPatientProfile(db, u.id, {
      lastName: "Х",
      firstName: "Х",
      middleName: null,
      birthDate: "1985-04-12",
    });
  }
  expect((await request("PUT", "/api/v1/profile", { as: A, body: profileA })).status).toBe(200);
  expect((await request("PUT", "/api/v1/profile", { as: B, body: profileB })).status).toBe(200);
  const child = await request("POST", "/api/v1/children", { as: A, body: childOfA });
  expect(child.status, await child.clone().text()).toBe(201);
}

let ctx: TestContext;
const logged: string[] = [];

beforeAll(async () => {
  const sink = testLogSink();
  ctx = await createTestContext(
    {},
    {
      logger: createLogger("debug", (line) => {
        logged.push(line);
        sink(line);
      }),
    },
  );
  await enterDocuments(ctx.request, ctx.handle.db);
});
afterAll(() => ctx.close());

describe("known documents are not in the stored data", () => {
  it("reads back through the API (the fixtures were really stored)", async () => {
    const res = await ctx.request("GET", "/api/v1/profile/documents", { as: A });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("803914");
    expect(text).toContain("7700000000123453");
  });

  it("a dump of the test database (pg_dump on PostgreSQL, every row as text on PGlite) contains none of them", async () => {
    let dump: Buffer;
    if (ctx.handle.driver === "postgres") {
      const url = (ctx.handle.pool?.options as { connectionString?: string } | undefined)?.connectionString;
      expect(url).toBeTruthy();
      dump = execFileSync("/usr/lib/postgresql/15/bin/pg_dump", ["--format=plain", "--no-owner", url ?? ""], {
        maxBuffer: 512 * 1024 * 1024,
      });
    } else {
      dump = Buffer.from((await dumpRows(ctx.handle)).join("\n"), "utf8");
    }
    // The dump holds the rows (their ciphertexts): the check is not vacuous.
    expect(dump.includes(Buffer.from("usr_rest_a"))).toBe(true);
    expect(dump.includes(Buffer.from("v2."))).toBe(true);
    expect(findPlaintexts(dump)).toEqual([]);
  });

  it("the raw files of an embedded (PGlite) database folder contain none of them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "priyom-rest-"));
    try {
      const handle = await openDatabase({ kind: "pglite", dataDir });
      try {
        await migrateDatabase(handle);
        await seedReferenceData(handle.db);
        const request = requestOn(handle);
        await enterDocuments(request, handle.db);
        const res = await request("GET", "/api/v1/profile/documents", { as: A });
        expect(await res.text()).toContain("7700000000123453");
        // Write everything out of memory into the folder's files.
        await handle.db.execute(sql`checkpoint`);
      } finally {
        await handle.close();
      }
      const files = listFiles(dataDir);
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
      expect(bytes).toBeGreaterThan(1_000_000);
      const found = files.flatMap((f) =>
        findPlaintexts(readFileSync(f)).map((p) => `${p} in ${f.slice(dataDir.length)}`),
      );
      expect(found).toEqual([]);
      // The same search does find a plain value that was stored: the scan reads what PGlite wrote.
      expect(files.some((f) => readFileSync(f).includes(Buffer.from("usr_rest_a")))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("a tampered ciphertext fails closed", () => {
  async function readDocuments(who: SessionUser) {
    const before = logged.length;
    const res = await ctx.request("GET", "/api/v1/profile/documents", { as: who });
    const text = await res.text();
    return { status: res.status, text, lines: logged.slice(before) };
  }

  function expectFailedClosed(
    outcome: { status: number; text: string; lines: string[] },
    field: string,
    neverShown: string[],
  ) {
    expect(outcome.status).toBe(500);
    const body = JSON.parse(outcome.text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).toBe("Ошибка: повторите попытку позже");
    expect(body.error.requestId).toMatch(/\S+/);
    for (const value of neverShown) expect(outcome.text).not.toContain(value);
    const alerts = outcome.lines.filter((l) => l.includes("integrity alert"));
    expect(alerts).toHaveLength(1);
    const alert = JSON.parse(alerts[0] ?? "{}") as Record<string, unknown>;
    expect(alert.level).toBe("error");
    expect(alert.field).toBe(field);
    expect(alert.keyId).toBe("k1");
    expect(alert.requestId).toBe(body.error.requestId);
    // No plaintext, no ciphertext, no owner in the alert.
    expect(alerts[0]).not.toMatch(/v2\.k1\.|usr_rest_|7700000000123453|11223344595|1234567890123452/);
  }

  async function profileRow(userId: string) {
    const [row] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, userId));
    if (!row) throw new Error(`no profile ${userId}`);
    return row;
  }

  it("A's СНИЛС copied into B's row: reading B is a generic 500 and an alert, never A's number", async () => {
    const a = await profileRow(A.id);
    const b = await profileRow(B.id);
    await ctx.handle.db
      .update(patientProfiles)
      .set({ snilsEnc: a.snilsEnc })
      .where(eq(patientProfiles.userId, B.id));
    try {
      expectFailedClosed(await readDocuments(B), "patient_profiles.snils_enc", [
        "11223344595",
        "112-233-445 95",
      ]);
    } finally {
      await ctx.handle.db
        .update(patientProfiles)
        .set({ snilsEnc: b.snilsEnc })
        .where(eq(patientProfiles.userId, B.id));
    }
    expect((await readDocuments(B)).status).toBe(200);
  });

  it("a child's birth certificate copied into another column of the same row fails closed too", async () => {
    const [child] = await ctx.handle.db.select().from(children).where(eq(children.parentUserId, A.id));
    if (!child) throw new Error("no child");
    await ctx.handle.db
      .update(children)
      .set({ enpEnc: child.birthCertificateEnc })
      .where(eq(children.id, child.id));
    try {
      const before = logged.length;
      const res = await ctx.request("GET", "/api/v1/children", { as: A });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain("572");
      expect(
        logged.slice(before).filter((l) => l.includes("integrity alert") && l.includes('"children.enp_enc"')),
      ).toHaveLength(1);
    } finally {
      await ctx.handle.db.update(children).set({ enpEnc: child.enpEnc }).where(eq(children.id, child.id));
    }
  });

  for (const [place, pick] of [
    ["the IV", (iv: Buffer) => ({ part: "iv" as const, at: 5, len: iv.length })],
    ["the body", () => ({ part: "body" as const, at: 2, len: 0 })],
    ["the tag", () => ({ part: "body" as const, at: -1, len: 0 })],
  ] as const) {
    it(`one bit flipped in ${place} of B's policy fails closed`, async () => {
      const b = await profileRow(B.id);
      const original = b.enpEnc ?? "";
      const [version, keyId, ivText = "", bodyText = ""] = original.split(".");
      const iv = Buffer.from(ivText, "base64url");
      const body = Buffer.from(bodyText, "base64url");
      const where = pick(iv);
      const target = where.part === "iv" ? iv : body;
      const at = where.at < 0 ? target.length + where.at : where.at;
      target[at] = (target[at] ?? 0) ^ 0x10;
      const tampered = [version, keyId, iv.toString("base64url"), body.toString("base64url")].join(".");
      expect(tampered).not.toBe(original);
      await ctx.handle.db
        .update(patientProfiles)
        .set({ enpEnc: tampered })
        .where(eq(patientProfiles.userId, B.id));
      try {
        expectFailedClosed(await readDocuments(B), "patient_profiles.enp_enc", ["1234567890123452"]);
      } finally {
        await ctx.handle.db
          .update(patientProfiles)
          .set({ enpEnc: original })
          .where(eq(patientProfiles.userId, B.id));
      }
    });
  }
});

/** Every row of every table in the public schema, as text: a logical dump through SQL. */
async function dumpRows(handle: DatabaseHandle): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    handle.db,
    sql`select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const lines: string[] = [];
  for (const t of tables) {
    const rows = await queryRows<{ row: string }>(
      handle.db,
      sql.raw(`select t::text as row from ${t.name} t`),
    );
    lines.push(...rows.map((r) => r.row));
  }
  return lines;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The real app over another database handle, callers named as in `createTestContext`. */
function requestOn(handle: DatabaseHandle): TestContext["request"] {
  const config = loadConfig({
    NODE_ENV: "test",
    WEB_ROOT: "",
    BETTER_AUTH_SECRET: "test-secret-of-at-least-32-characters-0123456789",
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
  });
  const real = createServices(config, handle, createLogger("debug", testLogSink()));
  const app = createApp({
    ...real,
    authenticate: (headers) => {
      const raw = headers.get("x-test-user");
      return raw ? Promise.resolve(JSON.parse(raw) as SessionUser) : real.authenticate(headers);
    },
  });
  return (method, path, options = {}) => {
    const headers: Record<string, string> = { Origin: TEST_ORIGIN, ...options.headers };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.as) headers["x-test-user"] = JSON.stringify(options.as);
    return Promise.resolve(
      app.request(path, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      }),
    );
  };
}
