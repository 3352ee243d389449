export * from "./account.ts";
export * from "./errors.ts";
export * from "./profile.ts";
export * from "./reference.ts";
