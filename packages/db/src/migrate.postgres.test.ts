import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "./client.ts";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate.ts";

// Runs only against a real server: vitest.config.ts includes *.postgres.test.ts when
// TEST_DATABASE_URL is set (CI does), so the embedded run shows no skipped test.
const serverUrl = process.env.TEST_DATABASE_URL ?? "";

async function tableNames(handle: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe("migrations on PostgreSQL", () => {
  it("serialise instances that start together: both succeed, the schema is applied once", async () => {
    const name = `priyom_mig_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const a = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    const b = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    try {
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(await tableNames(a)).toEqual(
        expect.arrayContaining(["clinics", "specialties", "specialty_relations"]),
      );
      const applied = await queryRows<{ n: string }>(
        a.db,
        sql`select count(*)::text as n from drizzle.__drizzle_migrations`,
      );
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
        entries: unknown[];
      };
      expect(applied[0]?.n).toBe(String(journal.entries.length));
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
