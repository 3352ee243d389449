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
  /**
   * Receives the NOTIFY payloads of `channel` (sent with `pg_notify` inside a transaction, so only
   * committed changes arrive). On PostgreSQL one dedicated connection listens and reconnects after a
   * loss, calling `onGap` because notifications sent meanwhile are gone; on PGlite it is in process.
   * Resolves to an unsubscribe.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onGap?: () => void,
  ) => Promise<() => Promise<void>>;
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
      // Waiting for a pool slot or for a new connection's handshake ends after this.
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      // The server cancels a statement that runs (or waits on a lock) too long…
      statement_timeout: DATABASE_TIMEOUT_MS,
      // …but a server that is frozen or a link that is hung never answers at all: the driver gives
      // up on its own clock too (see `dropConnectionOnReadTimeout`).
      query_timeout: DATABASE_TIMEOUT_MS,
      // TCP keepalive finds a cut link on an idle connection before a request picks it up.
      keepAlive: true,
    });
    pool.on("connect", dropConnectionOnReadTimeout);
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
      listen: (channel, onPayload, onGap) => listenOnPostgres(target.url, channel, onPayload, onGap),
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
    // PGlite runs every statement synchronously in WebAssembly and hands back through promises
    // (microtasks), so a queue of transactions would starve timers and sockets until it drains
    // (measured: 3 s). Each transaction first waits one turn of the event loop.
    const transaction = db.transaction.bind(db);
    db.transaction = async (work, config) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return transaction(work, config);
    };
    return {
      db,
      driver: "pglite",
      ping: async () => {
        await client.query("select 1");
      },
      listen: async (channel, onPayload) => {
        const unlisten = await client.listen(channel, onPayload);
        return async () => {
          if (!client.closed) await unlisten();
        };
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

/** Every database wait (pool slot, handshake, statement) ends after this, and the request gets 503. */
export const DATABASE_TIMEOUT_MS = 5_000;

/**
 * After node-postgres's `query_timeout` the query is abandoned but the connection still waits for
 * its answer, so the next statement on it (the ROLLBACK of a transaction, the next request that
 * takes it from the pool) would wait as long again. Destroying the socket makes those fail at once
 * and the pool then discards the connection instead of lending it out again.
 */
function dropConnectionOnReadTimeout(client: pg.PoolClient): void {
  // The pool listens for errors only while a connection is idle in it. One lent out (a transaction
  // between two statements) that loses its socket would emit an unheard 'error' and crash the
  // process; the loss still reaches the code using it, whose next statement fails at once.
  client.on("error", () => undefined);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const destroy = (error: unknown) => {
    if (error instanceof Error && error.message === "Query read timeout") {
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      return query(...args.slice(0, -1), (error: unknown, result: unknown) => {
        destroy(error);
        callback(error, result);
      });
    }
    const result = query(...args);
    if (result instanceof Promise) result.then(undefined, destroy);
    return result;
  };
}

const RECONNECT_DELAY_MS = 1_000;

/** One connection that LISTENs on `channel` and comes back after a loss until unsubscribed. */
async function listenOnPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onGap?: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      keepAlive: true,
    });
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners("notification");
      void next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void reconnect(), RECONNECT_DELAY_MS);
    };
    next.on("error", lost);
    next.on("end", lost);
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    client = next;
    await next.connect();
    await next.query(`LISTEN ${channel}`);
  };
  const reconnect = async () => {
    retry = null;
    try {
      await connect();
      onGap?.();
    } catch {
      const failed = client;
      client = null;
      void failed?.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void reconnect(), RECONNECT_DELAY_MS);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}

/**
 * Rows of a raw SQL query, the same for both drivers (each returns `{ rows }`, but the shared
 * `Database` type cannot know its driver's result type).
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
