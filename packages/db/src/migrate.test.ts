import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";
import { migrateDatabase } from "./migrate.ts";

async function tableNames(handle: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const result = await handle.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return result.rows.map((r) => r.table_name);
}

describe("migrations on PGlite", () => {
  it("create the schema, and a second run changes nothing", async () => {
    const handle = await openDatabase({ kind: "pglite" });
    try {
      await migrateDatabase(handle);
      const first = await tableNames(handle);
      expect(first).toEqual(expect.arrayContaining(["clinics", "specialties", "specialty_relations"]));
      await migrateDatabase(handle);
      expect(await tableNames(handle)).toEqual(first);
    } finally {
      await handle.close();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)("migrations on PostgreSQL", () => {
  it("serialise instances that start together: both succeed, the schema is applied once", async () => {
    const name = `priyom_mig_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl ?? "");
    url.pathname = `/${name}`;
    const a = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    const b = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    try {
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(await tableNames(a)).toEqual(expect.arrayContaining(["clinics", "specialties", "specialty_relations"]));
      const applied = await a.db.execute<{ n: string }>(sql`select count(*)::text as n from drizzle.__drizzle_migrations`);
      expect(applied.rows[0]?.n).toBe("1");
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
