import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // One browser and one server: run the journeys one after another.
    fileParallelism: false,
  },
});
