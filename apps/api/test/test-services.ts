import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, seedReferenceData, type DatabaseHandle } from "@priyom/db";
import pg from "pg";
import { createApp } from "../src/app.ts";
import type { AppServices } from "../src/context.ts";
import { loadConfig, type AppConfig } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";

export interface TestContext {
  app: ReturnType<typeof createApp>;
  services: AppServices;
  handle: DatabaseHandle;
  close(): Promise<void>;
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
    ...servicesOverride,
  };
  return { app: createApp(services), services, handle, close: drop };
}
