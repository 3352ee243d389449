export * from "./clinics.ts";
export * from "./specialties.ts";
export * from "./auth.ts";
export * from "./accounts.ts";
export * from "./audit.ts";
export * from "./outbox.ts";
export * from "./patient-profiles.ts";
export * from "./children.ts";
