import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // *.postgres.test.ts need a real server: included only when TEST_DATABASE_URL names one.
    include: ["src/**/*.test.ts"],
    exclude: process.env.TEST_DATABASE_URL ? [] : ["src/**/*.postgres.test.ts"],
    testTimeout: 120_000,
  },
});
