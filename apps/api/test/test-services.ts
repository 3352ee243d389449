import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, seedReferenceData, type DatabaseHandle } from "@priyom/db";
import pg from "pg";
import { createApp } from "../src/app.ts";
import type { AppServices, SessionUser } from "../src/context.ts";
import { loadConfig, type AppConfig } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";

/** The origin tests send, as the browser would from the service's own pages. */
export const TEST_ORIGIN = "http://localhost:3000";

export interface TestRequestOptions {
  /** JSON body; sets `Content-Type: application/json`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sign the request in as this user. */
  as?: SessionUser;
  /** The connection's remote address (what `getConnInfo` sees). */
  ip?: string;
}

export interface TestContext {
  app: ReturnType<typeof createApp>;
  services: AppServices;
  handle: DatabaseHandle;
  /** A request as the service's own front end sends it: trusted Origin, JSON, optional user and IP. */
  request: (method: string, path: string, options?: TestRequestOptions) => Promise<Response>;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated and seeded database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by `TEST_DATABASE_URL` (dropped again on close), so the
 * same suite proves both drivers.
 */
export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ kind: "pglite" });
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    return { handle, drop: () => handle.close() };
  }
  const name = `priyom_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  await migrateDatabase(handle);
  await seedReferenceData(handle.db);
  return {
    handle,
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Header that the test-only authenticator below reads; the real app never looks at it. */
const TEST_USER_HEADER = "x-test-user";

export async function createTestContext(
  overrides: Partial<AppConfig> = {},
  servicesOverride: Partial<AppServices> = {},
): Promise<TestContext> {
  const { handle, drop } = await openTestDatabase();
  const config: AppConfig = { ...loadConfig({ NODE_ENV: "test", WEB_ROOT: "" }), ...overrides };
  const services: AppServices = {
    config,
    db: handle.db,
    logger: createLogger("silent"),
    ping: handle.ping,
    authenticate: (headers) => {
      const raw = headers.get(TEST_USER_HEADER);
      return Promise.resolve(raw ? (JSON.parse(raw) as SessionUser) : null);
    },
    ...servicesOverride,
  };
  const app = createApp(services);
  const request: TestContext["request"] = (method, path, options = {}) => {
    const headers: Record<string, string> = { Origin: TEST_ORIGIN, ...options.headers };
    if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
    if (options.as) headers[TEST_USER_HEADER] = JSON.stringify(options.as);
    const env = options.ip
      ? { incoming: { socket: { remoteAddress: options.ip, remotePort: 50_000, remoteFamily: "IPv4" } } }
      : undefined;
    return Promise.resolve(
      app.request(
        path,
        { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) },
        env,
      ),
    );
  };
  return { app, services, handle, request, close: drop };
}
