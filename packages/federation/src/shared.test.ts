import { describe, expect, it } from "vitest";
import { SHARED_SINGLETONS } from "./shared.js";

describe("SHARED_SINGLETONS", () => {
  it("shares vue, vue-router and pinia as singletons with caret ranges", () => {
    expect(Object.keys(SHARED_SINGLETONS)).toEqual(["vue", "vue-router", "pinia"]);
    for (const config of Object.values(SHARED_SINGLETONS)) {
      expect(config.singleton).toBe(true);
      expect(config.requiredVersion).toMatch(/^\^\d+\.\d+\.\d+$/);
    }
  });
});
