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
};

/** The part of a Vite plugin `remoteRelease` returns (structural, so this package needs no Vite types). */
export interface RemoteReleasePlugin {
  name: "priyom-remote-release";
  config: () => { define: Record<string, string> };
}

/**
 * The Vite plugin that stamps a remote's build with its release (package version, or
 * `PRIYOM_REMOTE_VERSION`); `PRIYOM_CONTRACT_VERSION` is a testing aid only. See shared.js.
 */
export declare function remoteRelease(packageVersion: string): RemoteReleasePlugin;

/** The part of a Vite plugin `pageFederationRuntime` returns (structural, as above). */
export interface PageFederationRuntimePlugin {
  name: "priyom-page-federation-runtime";
  enforce: "pre";
  config: () => { optimizeDeps: { exclude: string[] } };
  resolveId: (source: string, importer: string | undefined) => string | null;
  load: (id: string) => Promise<string | null>;
}

/**
 * The Vite plugin that makes a remote use the federation runtime-core the page already has
 * (`globalThis._FEDERATION_RUNTIME_CORE`, published by the shell), downloading its own copy only when
 * it runs alone. See shared.js.
 */
export declare function pageFederationRuntime(): PageFederationRuntimePlugin;

/** The global the shell publishes its runtime-core under: `_FEDERATION_RUNTIME_CORE`. */
export declare const FEDERATION_RUNTIME_CORE_GLOBAL: "_FEDERATION_RUNTIME_CORE";
