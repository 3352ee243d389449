export * from "./client.ts";
export * from "./data-dir-lock.ts";
export * from "./migrate.ts";
export * as schema from "./schema/index.ts";
export * from "./schema/index.ts";
export * from "./seed/seed-reference-data.ts";
export { REFERENCE_CLINICS } from "./seed/reference-clinics.ts";
