/** One entry of the federation `shared` map, in the shape @module-federation/vite 1.23 accepts. */
export interface SharedSingleton {
  readonly singleton: true;
  readonly requiredVersion: string;
}

/** The shared map of every federation config (shell and remotes); see shared.js. */
export declare const SHARED_SINGLETONS: {
  readonly vue: SharedSingleton;
  readonly "vue-router": SharedSingleton;
  readonly pinia: SharedSingleton;
  readonly "vue-i18n": SharedSingleton;
};
