export * from "./account.ts";
export * from "./clinic-api.ts";
export * from "./errors.ts";
export * from "./profile.ts";
export * from "./reference.ts";
export * from "./referrals.ts";
export * from "./schedule.ts";
export * from "./booking.ts";
