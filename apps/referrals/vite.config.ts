import { federation } from "@module-federation/vite";
import { SHARED_SINGLETONS, pageFederationRuntime, remoteRelease } from "@priyom/federation/shared";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";
import { version } from "./package.json";

const PORT = 4312;
const API = "http://127.0.0.1:3000";

export default defineConfig({
  // Relative base: the remote's chunks and CSS resolve against its own URL, not the host page's.
  base: "./",
  plugins: [
    vue(),
    // The build carries its release (package.json, or PRIYOM_REMOTE_VERSION) in the module and mf-manifest.json.
    remoteRelease(version),
    // Uses the federation runtime the shell already downloaded (a copy of its own only when alone).
    pageFederationRuntime(),
    federation({
      name: "referrals",
      filename: "remoteEntry.js",
      manifest: true,
      dts: false,
      exposes: { "./mount": "./src/mount.ts" },
      shared: { ...SHARED_SINGLETONS },
    }),
  ],
  server: { port: PORT, strictPort: true, origin: `http://localhost:${PORT}`, proxy: { "/api": API } },
  preview: { port: PORT, strictPort: true, proxy: { "/api": API } },
  build: { target: "esnext" },
});
