import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FEDERATION_RUNTIME_CORE_GLOBAL, SHARED_SINGLETONS } from "@priyom/federation/shared";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin, type ProxyOptions } from "vite";

const PORT = 4310;
const API = "http://127.0.0.1:3000";
/** Dev and preview ports of the remotes (strictPort everywhere). */
const REMOTE_PORTS = {
  cabinet: 4311,
  referrals: 4312,
  calendar: 4313,
  "my-appointments": 4314,
  staff: 4315,
} as const;

/**
 * In `vite` dev, /remotes.json points at the remotes' own dev servers (same host name the page was
 * opened with). Built, the shell ships public/remotes.json, which points at /remotes/<name>/.
 */
function devRemotesJson(): Plugin {
  return {
    name: "priyom-dev-remotes-json",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split("?")[0] !== "/remotes.json") {
          next();
          return;
        }
        const host = (req.headers.host ?? "localhost").replace(/:\d+$/, "");
        const manifest = Object.fromEntries(
          Object.entries(REMOTE_PORTS).map(([name, port]) => [
            name,
            { entry: `http://${host}:${port}/remoteEntry.js`, version: "dev" },
          ]),
        );
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.end(JSON.stringify(manifest, null, 2));
      });
    },
  };
}

/** `vite preview`: the built remotes.json points at /remotes/<name>/, served by each remote's preview. */
const previewRemotes: Record<string, ProxyOptions> = Object.fromEntries(
  Object.entries(REMOTE_PORTS).map(([name, port]) => [
    `/remotes/${name}/`,
    { target: `http://127.0.0.1:${port}`, rewrite: (path: string) => path.slice(`/remotes/${name}`.length) },
  ]),
);

const FEDERATION_RUNTIME = "@module-federation/runtime";
const FEDERATION_RUNTIME_CORE = "@module-federation/runtime/core";
const LAZY_FEDERATION_RUNTIME = "\0priyom-lazy-federation-runtime";

/** The installed version of a package the shell depends on (what it offers remotes as shared). */
function installedVersion(name: string): string {
  const file = fileURLToPath(new URL(`./node_modules/${name}/package.json`, import.meta.url));
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * The shell is a plain Vite app, not a federation host built by @module-federation/vite: that
 * plugin puts the federation runtime, the host's own remoteEntry and a prebuilt copy of every shared
 * library on the first page, before anything is drawn (issue 7: the federated `/` must weigh no more
 * than 1.1× the monolith). Instead every import of the runtime (the loader in @priyom/federation)
 * gets this stand-in with the same `registerRemotes` / `loadRemote`, which downloads the runtime
 * only when a section is first opened, and then initialises it with the shell's own copies of the
 * shared singletons (SHARED_SINGLETONS: the very modules the shell runs, so each remote finds and
 * uses them, and Vue runs once on the page). It also publishes its runtime-core where the remotes
 * look for it (pageFederationRuntime in @priyom/federation/shared), so the runtime is downloaded once
 * however many sections are opened.
 */
function lazyFederationRuntime(): Plugin {
  const names = Object.keys(SHARED_SINGLETONS) as (keyof typeof SHARED_SINGLETONS)[];
  // Static imports: the shell runs every shared singleton itself, so they are on the first page anyway.
  const imports = names.map((name, i) => `import * as shared${i} from ${JSON.stringify(name)};`).join("\n");
  const shared = names
    .map(
      (name, i) => `${JSON.stringify(name)}: {
    version: ${JSON.stringify(installedVersion(name))},
    scope: "default",
    shareConfig: ${JSON.stringify({ ...SHARED_SINGLETONS[name], strictVersion: false, eager: false })},
    lib: () => asSharedModule(shared${i}),
  }`,
    )
    .join(",\n  ");
  return {
    name: "priyom-lazy-federation-runtime",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === FEDERATION_RUNTIME && importer !== LAZY_FEDERATION_RUNTIME)
        return LAZY_FEDERATION_RUNTIME;
      return null;
    },
    load(id) {
      if (id !== LAZY_FEDERATION_RUNTIME) return null;
      return `${imports}

/** A module as the federation runtime hands shared modules to remotes: an ES-module record. */
function asSharedModule(module) {
  const lib = { ...module };
  Object.defineProperty(lib, "__esModule", { value: true, enumerable: false });
  return lib;
}

const shared = {
  ${shared}
};

let runtime;
function federation() {
  runtime ??= Promise.all([
    import(${JSON.stringify(FEDERATION_RUNTIME)}),
    import(${JSON.stringify(FEDERATION_RUNTIME_CORE)}),
  ]).then(
    ([mf, core]) => {
      // Before any remoteEntry runs: remotes use this runtime-core instead of downloading their own.
      globalThis[${JSON.stringify(FEDERATION_RUNTIME_CORE_GLOBAL)}] ??= core;
      mf.init({ name: "shell", remotes: [], shared });
      return mf;
    },
    (error) => {
      // A failed download is not remembered: «Повторить» asks for the runtime again.
      runtime = undefined;
      throw error;
    },
  );
  return runtime;
}

/** The last registration: a load waits for it, and fails with it when it failed. */
let registered = Promise.resolve();
export function registerRemotes(remotes, options) {
  registered = federation().then((mf) => mf.registerRemotes(remotes, options));
}
export function loadRemote(id) {
  return registered.then(federation).then((mf) => mf.loadRemote(id));
}
`;
    },
  };
}

export default defineConfig({
  plugins: [
    vue(),
    devRemotesJson(),
    // No remotes at build time: they come from /remotes.json at run time (see src/stores/remotes.ts).
    lazyFederationRuntime(),
  ],
  server: { port: PORT, strictPort: true, proxy: { "/api": API } },
  preview: { port: PORT, strictPort: true, proxy: { "/api": API, ...previewRemotes } },
  build: { target: "esnext" },
});
