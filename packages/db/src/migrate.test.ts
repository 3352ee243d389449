import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "./client.ts";
import { migrateDatabase } from "./migrate.ts";

async function tableNames(handle: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
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
