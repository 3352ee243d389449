// The yardstick of issue 7: the shell and every section as ONE ordinary Vite build, no federation.
// Nothing is copied: the shell's index.html, main.ts and components are built from apps/shell
// itself (`root`), and each remote's own `src/mount.ts` is imported straight from its folder. The
// one swap is the shell's remotes store (see `monolithRemotesStore` below). `pnpm bench` weighs the
// federated front end against this build (bench/src/figure-frontend.ts).
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";

const SHELL_DIR = fileURLToPath(new URL("../shell/", import.meta.url));
const SHELL_MAIN = fileURLToPath(new URL("../shell/src/main.ts", import.meta.url));
const SHELL_REMOTES_STORE = fileURLToPath(new URL("../shell/src/stores/remotes.ts", import.meta.url));
const MONOLITH_SRC = fileURLToPath(new URL("./src/", import.meta.url));
const MONOLITH_REMOTES_STORE = fileURLToPath(new URL("./src/remotes-store.ts", import.meta.url));

/**
 * Swaps the shell's remotes store (remotes.json + the federation runtime) for the monolith's, which
 * imports each section's `mount.ts` directly with the same `load(name, { refresh })` API. And
 * because this package depends on nothing but Vite, the monolith's own modules resolve their
 * packages (pinia, @priyom/federation) exactly as the shell's main.ts does: one copy of each.
 */
function monolithRemotesStore(): Plugin {
  return {
    name: "priyom-monolith-remotes-store",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (importer === undefined) return null;
      if (importer.startsWith(MONOLITH_SRC) && !source.startsWith(".") && !source.startsWith("/")) {
        return this.resolve(source, SHELL_MAIN, { ...options, skipSelf: true });
      }
      if (!source.includes("remotes")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === SHELL_REMOTES_STORE ? MONOLITH_REMOTES_STORE : null;
    },
  };
}

export default defineConfig({
  root: SHELL_DIR,
  // Vite's dependency cache stays in this package, away from the shell's own builds.
  cacheDir: fileURLToPath(new URL("./node_modules/.vite", import.meta.url)),
  plugins: [monolithRemotesStore(), vue()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The same target as the shell and the remotes, so the byte comparison is like for like.
    target: "esnext",
  },
});
