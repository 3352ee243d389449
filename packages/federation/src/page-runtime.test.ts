import * as runtimeCore from "@module-federation/runtime/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FEDERATION_RUNTIME_CORE_GLOBAL, pageFederationRuntime } from "./shared.js";

const RUNTIME_CORE = "@module-federation/runtime-core";
const OWN_RUNTIME_CORE = "@module-federation/runtime/core";
const globals = globalThis as Record<string, unknown>;

async function standIn(): Promise<string> {
  const plugin = pageFederationRuntime();
  const id = plugin.resolveId(RUNTIME_CORE, "/app/node_modules/@module-federation/runtime/dist/index.js");
  expect(id).toEqual(expect.any(String));
  const code = await plugin.load(id as string);
  expect(code).toEqual(expect.any(String));
  return code as string;
}

/**
 * Runs the stand-in as a module would run: its one dynamic import goes to `load`, its exports are
 * collected (the code is rewritten only where it imports and exports, nowhere else).
 */
async function runStandIn(load: (specifier: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const body = (await standIn())
    .replace(/\bawait import\(/g, "await load(")
    .replace(/^export default /m, "exports.default = ")
    .replace(/^export const (\w+) = /gm, "exports.$1 = ");
  expect(body).not.toMatch(/\b(import|export)\b/);
  const AsyncFunction = (Object.getPrototypeOf(runStandIn) as { constructor: unknown }).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<void>;
  const exports: Record<string, unknown> = {};
  await new AsyncFunction("load", "exports", body)(load, exports);
  return exports;
}

describe("pageFederationRuntime", () => {
  afterEach(() => {
    delete globals[FEDERATION_RUNTIME_CORE_GLOBAL];
  });

  it("stands in for every import of runtime-core but the runtime's own re-export of it", () => {
    const plugin = pageFederationRuntime();
    expect(plugin.resolveId(RUNTIME_CORE, "/app/node_modules/@module-federation/runtime/dist/index.js")).toBe(
      "\0priyom-page-federation-runtime-core",
    );
    expect(
      plugin.resolveId(RUNTIME_CORE, "/app/node_modules/@module-federation/runtime/dist/core.js"),
    ).toBeNull();
    expect(plugin.resolveId("@module-federation/runtime", "/app/src/mount.ts")).toBeNull();
  });

  it("re-exports every export of runtime-core", async () => {
    const code = await standIn();
    const names = Object.keys(runtimeCore).filter((name) => name !== "default");
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(code).toContain(`export const ${name} = core.${name};`);
  });

  it("uses the runtime-core the page published, without loading its own", async () => {
    const published = Object.fromEntries(
      Object.keys(runtimeCore).map((name) => [name, { publishedBy: "shell", name }]),
    );
    globals[FEDERATION_RUNTIME_CORE_GLOBAL] = published;
    const load = vi.fn(() => Promise.resolve(runtimeCore));
    const module = await runStandIn(load);
    expect(load).not.toHaveBeenCalled();
    expect(module.ModuleFederation).toBe(published.ModuleFederation);
    expect(module.CurrentGlobal).toBe(published.CurrentGlobal);
    expect(globals[FEDERATION_RUNTIME_CORE_GLOBAL]).toBe(published);
  });

  it("alone on a page, loads its own runtime-core and publishes it for whoever comes next", async () => {
    const load = vi.fn(() => Promise.resolve(runtimeCore));
    const module = await runStandIn(load);
    expect(load).toHaveBeenCalledExactlyOnceWith(OWN_RUNTIME_CORE);
    expect(module.ModuleFederation).toBe(runtimeCore.ModuleFederation);
    expect(globals[FEDERATION_RUNTIME_CORE_GLOBAL]).toBe(runtimeCore);
  });
});
