export { createApp, type App } from "./app.ts";
export { loadConfig, type AppConfig } from "./env.ts";
export { prepareDatabase, startServer, type RunningServer, type StartOptions } from "./start.ts";
export { createServices } from "./services.ts";
export type { AppServices, SessionUser } from "./context.ts";
export { createLogger } from "./logger.ts";
export { createBulkPatients, type BulkPatient } from "./seed/bulk-patients.ts";
export { startOutboxWorker } from "./messages/worker.ts";
export { transportsFor } from "./messages/transports.ts";
