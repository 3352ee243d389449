import { afterEach, describe, expect, it, vi } from "vitest";
import { registerVueRuntime } from "./vue-runtime.ts";

describe("registerVueRuntime", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("creates the set and counts distinct createApp functions", () => {
    vi.stubGlobal("window", {});
    const createAppA = () => undefined;
    registerVueRuntime(createAppA);
    registerVueRuntime(createAppA);
    expect(window.__PRIYOM_VUE_RUNTIMES__?.size).toBe(1);
    registerVueRuntime(() => undefined);
    expect(window.__PRIYOM_VUE_RUNTIMES__?.size).toBe(2);
  });
});
