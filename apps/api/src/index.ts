export { createApp, type App } from "./app.ts";
export { loadConfig, type AppConfig } from "./env.ts";
export { prepareDatabase, startServer, type RunningServer } from "./start.ts";
