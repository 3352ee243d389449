/** One entry of the federation `shared` map, in the shape @module-federation/vite 1.23 accepts. */
export interface SharedSingleton {
  singleton: true;
  requiredVersion: string;
}

/**
 * The shared map of EVERY federation config (shell and remotes): one copy of each of these runs on a
 * page, whichever container loads first provides it. Keep the ranges in step with the pnpm catalog.
 */
export const SHARED_SINGLETONS = {
  vue: { singleton: true, requiredVersion: "^3.5.45" },
  "vue-router": { singleton: true, requiredVersion: "^5.5.1" },
  pinia: { singleton: true, requiredVersion: "^4.1.0" },
  "vue-i18n": { singleton: true, requiredVersion: "^11.4.18" },
} as const satisfies Record<string, SharedSingleton>;
