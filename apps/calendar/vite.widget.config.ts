import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import { widgetBuildOptions } from "../../packages/federation/src/widget-build.js";

// The partner widget <priyom-calendar> (issue 7): one script and its stylesheet in dist-widget/, Vue
// inside, no federation runtime; zod is replaced by a stand-in (widget-build.js says why).
export default defineConfig({
  plugins: [vue()],
  ...widgetBuildOptions({
    name: "calendar",
    entry: fileURLToPath(new URL("./src/widget.ts", import.meta.url)),
  }),
});
