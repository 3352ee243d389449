export * from "./contract.ts";
export * from "./shared.ts";
export * from "./manifest.ts";
export * from "./loader.ts";
export * from "./vue-runtime.ts";
