export * from "./clinics.ts";
export * from "./specialties.ts";
