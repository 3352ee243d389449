import { serve, type ServerType } from "@hono/node-server";
import { migrateDatabase, openDatabase, seedReferenceData, type DatabaseHandle } from "@priyom/db";
import { createApp } from "./app.ts";
import type { AppConfig } from "./env.ts";
import { createLogger, type Logger } from "./logger.ts";
import { startAdultChildrenJob } from "./jobs/adult-children.ts";
import { transportsFor } from "./messages/transports.ts";
import { startOutboxWorker } from "./messages/worker.ts";
import { startReferralExpiryJob } from "./jobs/referral-expiry.ts";
import { startSlotHorizonJob } from "./jobs/slot-horizon.ts";
import { startHoldLapseJob } from "./jobs/hold-lapse.ts";
import { startReminderJob } from "./jobs/reminders.ts";
import { startWaitlistJob } from "./jobs/waitlist.ts";
import { seedDemoAccounts } from "./seed/demo-accounts.ts";
import { seedDemoDoctors, seedDemoReferrals } from "./seed/demo-referrals.ts";
import { seedDemoSchedules } from "./seed/demo-schedules.ts";
import { seedDemoBookings } from "./seed/demo-bookings.ts";
import { seedDemoPartner } from "./seed/demo-partners.ts";
import { createServices } from "./services.ts";
import type { AppServices } from "./context.ts";

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Opens the database the configuration names, migrates it and seeds the reference data. */
export async function prepareDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  const handle = await openDatabase(
    config.databaseUrl
      ? { kind: "postgres", url: config.databaseUrl }
      : { kind: "pglite", dataDir: config.dataDir },
  );
  try {
    logger.info("database opened", {
      driver: handle.driver,
      ...(handle.driver === "pglite" ? { dataDir: config.dataDir } : {}),
    });
    await migrateDatabase(handle);
    logger.info("migrations applied");
    await seedReferenceData(handle.db);
    logger.info("reference data seeded");
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * A client that trickles its headers (or body) byte by byte holds a connection for nothing: it is
 * cut off once the headers take over 10 s or the whole request over 30 s. Both bound only the
 * receiving of a request, never the response, so the live-slots SSE stream keeps running. Node
 * checks these every `connectionsCheckingInterval` (30 s by default, too coarse for a 10 s limit).
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
} as const;

export interface StartOptions {
  /**
   * Lets a test harness replace a service before anything uses it (the reliability suite's
   * processes resolve the caller from a header instead of a session cookie). Production never
   * passes it: `server.ts` calls `startServer(config)`.
   */
  adjustServices?: (services: AppServices) => AppServices;
}

/** Starts the whole service on `config.port`; resolves once it accepts connections. */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await prepareDatabase(config, logger);
  const built = createServices(config, database, logger);
  const services = options.adjustServices ? options.adjustServices(built) : built;
  if (config.seedDemo) {
    await seedDemoDoctors(services.db);
    await seedDemoSchedules(services.db);
    await seedDemoBookings(services);
    await seedDemoAccounts(services);
    await seedDemoReferrals(services);
    await seedDemoPartner(services.db, config.demoPartnerOrigin);
    logger.info("demo accounts ready");
  }
  const outbox = startOutboxWorker(services.db, transportsFor(config), logger);
  const adultChildren = startAdultChildrenJob(services);
  const referralExpiry = startReferralExpiryJob(services);
  const slotHorizon = startSlotHorizonJob(services);
  await services.slotIndex.ready();
  const holdLapse = startHoldLapseJob(services);
  const reminders = startReminderJob(services);
  const waitlist = startWaitlistJob(services);
  const app = createApp(services);

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: SERVER_TIMEOUTS },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  logger.info("listening", { url: `http://localhost:${config.port}` });

  return {
    port: config.port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      adultChildren.stop();
      referralExpiry.stop();
      slotHorizon.stop();
      holdLapse.stop();
      reminders.stop();
      waitlist.stop();
      await services.slotIndex.stop();
      await outbox.stop();
      await database.close();
    },
  };
}
