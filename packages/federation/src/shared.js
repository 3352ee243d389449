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
