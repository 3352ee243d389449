import { afterEach, describe, expect, it, vi } from "vitest";
import { remoteRelease } from "./shared.js";

/** Node's environment (this package is typed for the browser: no Node types). */
function env(): Record<string, string | undefined> {
  return (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
}

describe("remoteRelease (the build helper of every remote's vite.config.ts)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("stamps the package version into the module and the federation manifest, with no contract override", () => {
    vi.stubEnv("PRIYOM_REMOTE_VERSION", "");
    vi.stubEnv("PRIYOM_CONTRACT_VERSION", "");
    vi.stubEnv("MF_BUILD_VERSION", "1.0.0");
    const plugin = remoteRelease("0.1.0");
    expect(plugin.name).toBe("priyom-remote-release");
    expect(plugin.config()).toEqual({
      define: { __PRIYOM_REMOTE_VERSION__: '"0.1.0"', __PRIYOM_CONTRACT_VERSION_OVERRIDE__: "undefined" },
    });
    // @module-federation/vite 1.23 reads this when it writes mf-manifest.json's buildVersion.
    expect(env().MF_BUILD_VERSION).toBe("0.1.0");
  });

  it("takes the release from PRIYOM_REMOTE_VERSION, and the testing aid PRIYOM_CONTRACT_VERSION", () => {
    vi.stubEnv("PRIYOM_REMOTE_VERSION", "0.2.0-rc.1");
    vi.stubEnv("PRIYOM_CONTRACT_VERSION", "2.0.0");
    vi.stubEnv("MF_BUILD_VERSION", "1.0.0");
    expect(remoteRelease("0.1.0").config().define).toEqual({
      __PRIYOM_REMOTE_VERSION__: '"0.2.0-rc.1"',
      __PRIYOM_CONTRACT_VERSION_OVERRIDE__: '"2.0.0"',
    });
    expect(env().MF_BUILD_VERSION).toBe("0.2.0-rc.1");
  });

  it("refuses a version that is not x.y.z, rather than shipping a build nobody can identify", () => {
    vi.stubEnv("PRIYOM_REMOTE_VERSION", "latest");
    expect(() => remoteRelease("0.1.0")).toThrow('PRIYOM_REMOTE_VERSION must look like 1.2.3, got "latest"');
    vi.stubEnv("PRIYOM_REMOTE_VERSION", "");
    expect(() => remoteRelease("one")).toThrow(/must look like 1.2.3/);
  });
});
