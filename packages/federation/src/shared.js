// Plain JavaScript on purpose: every vite.config.ts imports this file, and Vite loads the configs'
// package imports with Node itself, which (on Node 20) cannot read TypeScript. Types: shared.d.ts.

/**
 * The shared map of the remotes' federation configs and of the shell's lazy federation runtime
 * (apps/shell/vite.config.ts), which offers the shell's own copies: one copy of each of these runs on
 * a page. Keep the ranges in step with the pnpm catalog.
 * Shape: what @module-federation/vite 1.23 accepts under `shared` (`{ singleton, requiredVersion }`).
 */
export const SHARED_SINGLETONS = Object.freeze({
  vue: Object.freeze({ singleton: true, requiredVersion: "^3.5.45" }),
  "vue-router": Object.freeze({ singleton: true, requiredVersion: "^5.5.1" }),
  pinia: Object.freeze({ singleton: true, requiredVersion: "^4.1.0" }),
});

const RELEASE_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;

/** A version from the environment, checked, or undefined when the variable is unset or empty. */
function versionFromEnv(variable) {
  const value = process.env[variable]?.trim();
  if (value === undefined || value === "") return undefined;
  if (!RELEASE_VERSION.test(value)) throw new Error(`${variable} must look like 1.2.3, got "${value}"`);
  return value;
}

/**
 * The Vite plugin that stamps a remote's build with its own release, so the shell and whoever reads
 * the federation manifest can tell which build of a section is live. The release is the remote's
 * package.json `version`, or `PRIYOM_REMOTE_VERSION` when set (a release built without editing
 * package.json). It reaches:
 * - the exposed module, as the `__PRIYOM_REMOTE_VERSION__` constant its mount.ts exports as `version`;
 * - mf-manifest.json's `metaData.buildInfo.buildVersion`: @module-federation/vite 1.23 reads it from
 *   `process.env.MF_BUILD_VERSION` when it writes the manifest (else "1.0.0"), so it is set here.
 * `PRIYOM_CONTRACT_VERSION` is a TESTING AID ONLY: it makes the build declare another contract version
 * (`__PRIYOM_CONTRACT_VERSION_OVERRIDE__`), to prove with a real build that the shell refuses an
 * incompatible major. Never set it for a release.
 * @example plugins: [vue(), remoteRelease(packageJson.version), federation({ ... })]
 */
export function remoteRelease(packageVersion) {
  const version = versionFromEnv("PRIYOM_REMOTE_VERSION") ?? packageVersion;
  if (!RELEASE_VERSION.test(version))
    throw new Error(`the remote's version must look like 1.2.3, got "${version}"`);
  const contractOverride = versionFromEnv("PRIYOM_CONTRACT_VERSION");
  return {
    name: "priyom-remote-release",
    config() {
      process.env.MF_BUILD_VERSION = version;
      return {
        define: {
          __PRIYOM_REMOTE_VERSION__: JSON.stringify(version),
          __PRIYOM_CONTRACT_VERSION_OVERRIDE__:
            contractOverride === undefined ? "undefined" : JSON.stringify(contractOverride),
        },
      };
    },
  };
}

const RUNTIME_CORE = "@module-federation/runtime-core";
/** The global @module-federation's own `externalRuntime` convention reads (and its host plugin sets). */
const RUNTIME_CORE_GLOBAL = "_FEDERATION_RUNTIME_CORE";
const PAGE_RUNTIME_CORE = "\0priyom-page-federation-runtime-core";
/** The runtime's own re-export of runtime-core: the one import that must reach the real package. */
const OWN_RUNTIME_CORE = "@module-federation/runtime/core";
const OWN_RUNTIME_CORE_FILE = /[\\/]@module-federation[\\/]runtime[\\/]dist[\\/]core\.m?js$/;

/**
 * The Vite plugin that makes a remote use the federation runtime already on the page instead of
 * downloading a copy of its own (issue 7: «the federation runtime must be loaded once»).
 *
 * What @module-federation/vite 1.23 bundles into every remoteEntry is `@module-federation/runtime`,
 * a thin wrapper (init, loadRemote…), around `@module-federation/runtime-core` and its sdk (~20 KB
 * gzip), which hold the real machinery. Every import of runtime-core is given a stand-in that
 * re-exports `globalThis._FEDERATION_RUNTIME_CORE` (the shell publishes its own runtime-core there
 * before it registers any remote, see lazyFederationRuntime in apps/shell/vite.config.ts). Only when
 * nobody did — the remote opened on its own, in development or deployed alone — does the stand-in
 * download the remote's own copy (a separate chunk, fetched on that path only) and publish it, so
 * whatever loads next on that page uses it in turn.
 *
 * Not the plugin's `experiments.externalRuntime`: its stand-in throws when nobody published the
 * runtime first, which is exactly the remote opened on its own.
 * @example plugins: [vue(), remoteRelease(version), pageFederationRuntime(), federation({ ... })]
 */
export function pageFederationRuntime() {
  /** @type {Promise<string[]> | undefined} */
  let exportNames;
  return {
    name: "priyom-page-federation-runtime",
    enforce: "pre",
    config() {
      // Development: the runtime is served as its own modules, so its imports of runtime-core reach
      // the stand-in instead of being bundled together with it by the dependency optimiser.
      return { optimizeDeps: { exclude: ["@module-federation/runtime", RUNTIME_CORE] } };
    },
    resolveId(source, importer) {
      if (source !== RUNTIME_CORE) return null;
      if (importer !== undefined && OWN_RUNTIME_CORE_FILE.test(importer)) return null;
      return PAGE_RUNTIME_CORE;
    },
    async load(id) {
      if (id !== PAGE_RUNTIME_CORE) return null;
      exportNames ??= import(OWN_RUNTIME_CORE).then((core) =>
        Object.keys(core).filter((name) => name !== "default" && /^[A-Za-z_$][\w$]*$/.test(name)),
      );
      const names = await exportNames;
      if (names.length === 0) throw new Error(`${OWN_RUNTIME_CORE} exports nothing: cannot stand in for it`);
      return `const published = globalThis[${JSON.stringify(RUNTIME_CORE_GLOBAL)}];
const core = published ?? (await import(${JSON.stringify(OWN_RUNTIME_CORE)}));
if (published === undefined) globalThis[${JSON.stringify(RUNTIME_CORE_GLOBAL)}] = core;
export default core.default ?? core;
${names.map((name) => `export const ${name} = core.${name};`).join("\n")}
`;
    },
  };
}

/** Where the shell publishes its runtime-core for remotes (see pageFederationRuntime). */
export const FEDERATION_RUNTIME_CORE_GLOBAL = RUNTIME_CORE_GLOBAL;
