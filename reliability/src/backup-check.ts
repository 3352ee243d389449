// The checks after a restore (docs/operations/backup-and-restore.md), as a command and as functions
// the backup test uses: the same row count in every table, the same appointments (a fingerprint of
// their ids, tickets, slots, referrals, statuses and times), the ticket sequence carried over, and
// the invariant suite returning nothing on the restored database.
//
//   cd reliability && npx tsx src/backup-check.ts <source database URL> <restored database URL>
//
// Exit code 0 when all agree; otherwise the differences and broken invariants are printed (table
// names, counts and ids only: no personal data is ever read).
import { fileURLToPath } from "node:url";
import { queryRows, schema, type Database } from "@priyom/db";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { brokenInvariants } from "./invariants.ts";

/**
 * A connection for the checks. Not the API's pool: that one ends every statement after 5 s, and
 * counting or checking a database of production size takes longer.
 */
export function openForChecks(url: string): { db: Database; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => undefined);
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}

/** Rows of every table of the schema, a fingerprint of the appointments, the ticket sequence. */
export async function census(db: Database): Promise<Record<string, number | string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number | string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${name}"`));
    counts[name] = row?.n ?? -1;
  }
  const [fingerprint] = await queryRows<{ md5: string | null }>(
    db,
    sql`select md5(string_agg(id || ticket_number || slot_id || referral_id || status || starts_at::text, ','
          order by id)) as md5 from appointments`,
  );
  counts["appointments fingerprint"] = fingerprint?.md5 ?? "none";
  // The ticket sequence must continue past the restored tickets, or the next booking collides.
  const [sequence] = await queryRows<{ last: string }>(
    db,
    sql`select last_value::text as last from appointment_tickets`,
  );
  counts["appointment_tickets sequence"] = sequence?.last ?? "";
  return counts;
}

/** What differs between two censuses, one line per entry. */
export function censusDifferences(
  source: Record<string, number | string>,
  restored: Record<string, number | string>,
): string[] {
  const keys = [...new Set([...Object.keys(source), ...Object.keys(restored)])].sort();
  return keys
    .filter((key) => source[key] !== restored[key])
    .map(
      (key) =>
        `${key}: source ${String(source[key] ?? "missing")}, restored ${String(restored[key] ?? "missing")}`,
    );
}

async function main(sourceUrl: string, restoredUrl: string): Promise<number> {
  const source = openForChecks(sourceUrl);
  const restored = openForChecks(restoredUrl);
  try {
    const differences = censusDifferences(await census(source.db), await census(restored.db));
    const broken = await brokenInvariants(restored.db);
    for (const line of differences) process.stdout.write(`differs  ${line}\n`);
    for (const invariant of broken)
      process.stdout.write(`broken   ${invariant.name}: ${JSON.stringify(invariant.rows)}\n`);
    if (differences.length === 0 && broken.length === 0)
      process.stdout.write("restore verified: every table's row count agrees, every invariant holds\n");
    return differences.length === 0 && broken.length === 0 ? 0 : 1;
  } finally {
    await source.close();
    await restored.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sourceUrl, restoredUrl] = process.argv.slice(2);
  if (!sourceUrl || !restoredUrl) {
    process.stderr.write("usage: tsx src/backup-check.ts <source database URL> <restored database URL>\n");
    process.exit(2);
  }
  main(sourceUrl, restoredUrl).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `backup check failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
