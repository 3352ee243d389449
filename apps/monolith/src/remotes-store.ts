// The monolith's stand-in for apps/shell/src/stores/remotes.ts (swapped in by vite.config.ts): the
// same store id and `load(name, { refresh })` → `RemoteLoadResult`, but each section is a chunk of
// this build, imported (and so downloaded) only when the section is first opened — as a remote is.
import type { RemoteLoadResult, RemoteModule, RemoteName } from "@priyom/federation";
import { defineStore } from "pinia";

const SECTIONS: Record<RemoteName, () => Promise<RemoteModule>> = {
  cabinet: () => import("../../cabinet/src/mount.ts"),
  referrals: () => import("../../referrals/src/mount.ts"),
  calendar: () => import("../../calendar/src/mount.ts"),
  "my-appointments": () => import("../../my-appointments/src/mount.ts"),
  staff: () => import("../../staff/src/mount.ts"),
};

export const useRemotesStore = defineStore("remotes", () => {
  /** Loads a section's chunk; `refresh` has nothing to re-read here (there is no remotes.json). */
  async function load(name: RemoteName, _options: { refresh?: boolean } = {}): Promise<RemoteLoadResult> {
    try {
      return { ok: true, module: await SECTIONS[name]() };
    } catch (error) {
      // A chunk that failed to download (a new release replaced it): the section shows «Повторить».
      return {
        ok: false,
        reason: "load_failed",
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }

  return { load };
});
