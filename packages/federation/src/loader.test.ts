import { describe, expect, it, vi } from "vitest";
import { FEDERATION_CONTRACT_VERSION, isContractCompatible } from "./contract.ts";
import { createRemoteLoader, type FederationRuntime } from "./loader.ts";

const entry = { entry: "/remotes/calendar/remoteEntry.js", version: "0.1.0" };
const remoteModule = { mount: () => () => undefined, contractVersion: FEDERATION_CONTRACT_VERSION };

function fakeRuntime(outcomes: unknown[]) {
  const registered: { name: string; entry: string; force: boolean }[] = [];
  const loadedIds: string[] = [];
  const runtime: FederationRuntime = {
    registerRemotes: (remotes, { force }) => {
      for (const remote of remotes) registered.push({ name: remote.name, entry: remote.entry, force });
    },
    loadRemote: (id) => {
      loadedIds.push(id);
      const outcome = outcomes.shift();
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  };
  return { runtime, registered, loadedIds };
}

const noSleep = vi.fn(() => Promise.resolve());
const base = "https://priyom.test/calendar";

describe("createRemoteLoader", () => {
  it("registers the entry as an ES module remote and loads <name>/mount", async () => {
    const fake = fakeRuntime([remoteModule]);
    const result = await createRemoteLoader({ runtime: fake.runtime, sleep: noSleep, baseUrl: base }).load(
      "my-appointments",
      { entry: "/remotes/my-appointments/remoteEntry.js", version: "0.1.4" },
    );
    // The version remotes.json names comes back with the module, for the shell to compare.
    expect(result).toEqual({ ok: true, module: remoteModule, listedVersion: "0.1.4" });
    expect(fake.registered).toEqual([
      {
        name: "my_appointments",
        entry: "https://priyom.test/remotes/my-appointments/remoteEntry.js",
        force: false,
      },
    ]);
    expect(fake.loadedIds).toEqual(["my_appointments/mount"]);
  });

  it("retries twice with growing back-off and a fresh URL, then succeeds", async () => {
    const fake = fakeRuntime([new Error("404"), new Error("404"), remoteModule]);
    const sleep = vi.fn(() => Promise.resolve());
    const result = await createRemoteLoader({
      runtime: fake.runtime,
      sleep,
      backoffMs: 100,
      baseUrl: base,
    }).load("calendar", entry);
    expect(result.ok).toBe(true);
    expect(sleep.mock.calls).toEqual([[100], [200]]);
    expect(fake.registered.map((r) => [r.entry, r.force])).toEqual([
      ["https://priyom.test/remotes/calendar/remoteEntry.js", false],
      ["https://priyom.test/remotes/calendar/remoteEntry.js?mf-retry=1", true],
      ["https://priyom.test/remotes/calendar/remoteEntry.js?mf-retry=2", true],
    ]);
  });

  it("gives up after the retries and reports load_failed without throwing", async () => {
    const fake = fakeRuntime([new Error("a"), new Error("b"), new Error("script error")]);
    const result = await createRemoteLoader({ runtime: fake.runtime, sleep: noSleep, baseUrl: base }).load(
      "calendar",
      entry,
    );
    expect(result).toEqual({ ok: false, reason: "load_failed", detail: "script error" });
    expect(fake.loadedIds).toHaveLength(3);
  });

  it("a later load after failures starts from a fresh URL (the Повторить button)", async () => {
    const fake = fakeRuntime([new Error("a"), new Error("b"), new Error("c"), remoteModule]);
    const loader = createRemoteLoader({ runtime: fake.runtime, sleep: noSleep, baseUrl: base });
    expect((await loader.load("calendar", entry)).ok).toBe(false);
    expect((await loader.load("calendar", entry)).ok).toBe(true);
    expect(fake.registered.at(-1)?.entry).toMatch(/mf-retry=3$/);
  });

  it("refuses a remote of another contract major", async () => {
    const fake = fakeRuntime([{ ...remoteModule, contractVersion: "2.0.0" }]);
    const result = await createRemoteLoader({ runtime: fake.runtime, sleep: noSleep, baseUrl: base }).load(
      "calendar",
      entry,
    );
    expect(result).toMatchObject({ ok: false, reason: "incompatible_contract" });
  });

  it("reports a module without mount as invalid, without retrying", async () => {
    const fake = fakeRuntime([{ default: {} }]);
    const result = await createRemoteLoader({ runtime: fake.runtime, sleep: noSleep, baseUrl: base }).load(
      "calendar",
      entry,
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid_module" });
    expect(fake.loadedIds).toHaveLength(1);
  });

  it("times out a hanging attempt", async () => {
    const runtime: FederationRuntime = {
      registerRemotes: () => undefined,
      loadRemote: () => new Promise(() => undefined),
    };
    const result = await createRemoteLoader({
      runtime,
      sleep: noSleep,
      timeoutMs: 5,
      retries: 0,
      baseUrl: base,
    }).load("calendar", entry);
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("reports a remote missing from the manifest", async () => {
    const fake = fakeRuntime([]);
    const result = await createRemoteLoader({ runtime: fake.runtime }).load("cabinet", undefined);
    expect(result).toMatchObject({ ok: false, reason: "not_in_manifest" });
    expect(fake.loadedIds).toEqual([]);
  });

  it("turns a throwing registerRemotes into a failure", async () => {
    const runtime: FederationRuntime = {
      registerRemotes: () => {
        throw new Error("init first");
      },
      loadRemote: () => Promise.resolve(remoteModule),
    };
    const result = await createRemoteLoader({ runtime, sleep: noSleep, retries: 0, baseUrl: base }).load(
      "calendar",
      entry,
    );
    expect(result).toEqual({ ok: false, reason: "load_failed", detail: "init first" });
  });
});

describe("isContractCompatible", () => {
  it.each([
    ["1.0.0", true],
    ["1.7.3", true],
    ["2.0.0", false],
    ["0.9.0", false],
    ["garbage", false],
  ])("%s → %s", (version, expected) => {
    expect(isContractCompatible(version)).toBe(expected);
  });
});
