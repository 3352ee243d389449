import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The drizzle handle, the same type for both drivers so services never care which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** The node-postgres pool (PostgreSQL only), for work that needs one dedicated connection. */
  pool?: pg.Pool;
  /** Cheap round trip used by `/readyz`. */
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined = in memory (tests). */
  | { kind: "pglite"; dataDir?: string; pglite?: PGlite };

/**
 * Opens the database: PostgreSQL through a node-postgres pool, or embedded PGlite in a folder this
 * process then owns (a second process is refused, see `acquireDataDirLock`).
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 5_000,
    });
    // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) is reported
    // here; without a listener node-postgres would crash the process. The pool replaces the
    // connection, and a query that needed it fails and is answered 503 by the API.
    pool.on("error", () => undefined);
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      pool,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => pool.end(),
    };
  }

  const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => undefined;
  try {
    const client =
      target.pglite ??
      (await PGlite.create({
        // btree_gist backs the slots' exclusion constraint; PGlite loads extensions only at creation.
        ...(target.dataDir ? { dataDir: target.dataDir } : {}),
        extensions: { btree_gist },
      }));
    const db = drizzlePglite({ client, schema }) as unknown as Database;
    return {
      db,
      driver: "pglite",
      ping: async () => {
        await client.query("select 1");
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Rows of a raw SQL query, the same for both drivers (each returns `{ rows }`, but the shared
 * `Database` type cannot know its driver's result type).
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
