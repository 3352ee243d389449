import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// Tests run without the federation plugin: they exercise the components and the mount contract directly.
export default defineConfig({
  plugins: [vue()],
  test: { environment: "happy-dom" },
});
