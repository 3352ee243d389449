import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, seedReferenceData, type DatabaseHandle } from "@priyom/db";
import pg from "pg";
import { createApp } from "../src/app.ts";
import type { AppServices, SessionUser } from "../src/context.ts";
import { loadConfig, type AppConfig } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";
import { createServices } from "../src/services.ts";
import { testLogSink } from "./log-capture.ts";

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

const TEST_AUTH_SECRET = "test-secret-of-at-least-32-characters-0123456789";
/** 32 bytes, base64: the tests never write key files into the repository's data folder. */
const TEST_DATA_KEY = Buffer.alloc(32, 7).toString("base64");

/** Header that the test-only authenticator below reads; the real app never looks at it. */
const TEST_USER_HEADER = "x-test-user";

export async function createTestContext(
  overrides: Partial<AppConfig> = {},
  servicesOverride: Partial<AppServices> = {},
): Promise<TestContext> {
  const { handle, drop } = await openTestDatabase();
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: "test",
      WEB_ROOT: "",
      BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
      DATA_KEY: TEST_DATA_KEY,
    }),
    ...overrides,
  };
  // Everything is logged, into files the global teardown scans for personal data.
  const real = createServices(config, handle, createLogger("debug", testLogSink()));
  const services: AppServices = {
    ...real,
    // `as` in a test request stands for a signed-in user; without it the real session look-up runs.
    authenticate: (headers) => {
      const raw = headers.get(TEST_USER_HEADER);
      return raw ? Promise.resolve(JSON.parse(raw) as SessionUser) : real.authenticate(headers);
    },
    ...servicesOverride,
  };
  const app = createApp(services);
  const request: TestContext["request"] = (method, path, options = {}) => {
    const headers: Record<string, string> = { Origin: new URL(config.publicUrl).origin, ...options.headers };
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
  const close = async () => {
    await services.slotIndex.stop();
    await drop();
  };
  return { app, services, handle, request, close };
}

/**
 * A browser for route tests: keeps the cookies the API sets (session, device, two-factor) and
 * sends them back, always from one client IP and the service's own Origin.
 */
let browsers = 0;

export class TestBrowser {
  readonly cookies = new Map<string, string>();

  /** Each browser has its own address unless told otherwise, as different people would. */
  constructor(
    private readonly ctx: TestContext,
    readonly ip = `203.0.113.${(browsers++ % 250) + 1}`,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.ctx.request(method, path, {
      body,
      ip: this.ip,
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async json<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    return { status: res.status, body: (await res.json()) as T };
  }
}
