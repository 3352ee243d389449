import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The property tests run thousands of cases; on a busy 2-core CI machine (every package's tests at
    // once) one took 8 s against vitest's default limit of 5 s. A limit, not a timing assertion.
    testTimeout: 30_000,
  },
});
