export * from "./contract.ts";
export * from "./shared.js";
export * from "./manifest.ts";
export * from "./loader.ts";
export * from "./vue-runtime.ts";
export * from "./vue-remote.ts";
