import { federation } from "@module-federation/vite";
import { SHARED_SINGLETONS } from "@priyom/federation/shared";
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

export default defineConfig({
  plugins: [
    vue(),
    devRemotesJson(),
    // No remotes at build time: they come from /remotes.json at run time (see src/stores/remotes.ts).
    federation({ name: "shell", remotes: {}, shared: { ...SHARED_SINGLETONS }, dts: false }),
  ],
  server: { port: PORT, strictPort: true, proxy: { "/api": API } },
  preview: { port: PORT, strictPort: true, proxy: { "/api": API, ...previewRemotes } },
  build: { target: "esnext" },
});
