// Plain JavaScript on purpose: every vite.config.ts imports this file, and Vite loads the configs'
// package imports with Node itself, which (on Node 20) cannot read TypeScript. Types: shared.d.ts.

/**
 * The shared map of EVERY federation config (shell and remotes): one copy of each of these runs on a
 * page, whichever container loads first provides it. Keep the ranges in step with the pnpm catalog.
 * Shape: what @module-federation/vite 1.23 accepts under `shared` (`{ singleton, requiredVersion }`).
 */
export const SHARED_SINGLETONS = Object.freeze({
  vue: Object.freeze({ singleton: true, requiredVersion: "^3.5.45" }),
  "vue-router": Object.freeze({ singleton: true, requiredVersion: "^5.5.1" }),
  pinia: Object.freeze({ singleton: true, requiredVersion: "^4.1.0" }),
  "vue-i18n": Object.freeze({ singleton: true, requiredVersion: "^11.4.18" }),
});
