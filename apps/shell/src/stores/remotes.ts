import {
  createRemoteLoader,
  parseRemotesManifest,
  type ParsedRemotesManifest,
  type RemoteLoadResult,
  type RemoteName,
} from "@priyom/federation";
import { defineStore } from "pinia";

/**
 * Where each section's code comes from: /remotes.json, read at run time (never cached by the
 * browser), so a remote ships without rebuilding the shell.
 */
export const useRemotesStore = defineStore("remotes", () => {
  const loader = createRemoteLoader();
  let manifest: Promise<ParsedRemotesManifest | undefined> | undefined;

  async function fetchManifest(): Promise<ParsedRemotesManifest | undefined> {
    try {
      const response = await fetch("/remotes.json", {
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`/remotes.json answered ${response.status}`);
      const parsed = parseRemotesManifest(await response.json());
      for (const { name, problem } of parsed.broken)
        console.warn(`[priyom] remotes.json: ${name}: ${problem}`);
      return parsed;
    } catch (error) {
      console.error("[priyom] remotes.json could not be read", error);
      return undefined;
    }
  }

  /** Loads a section's remote; `refresh` re-reads remotes.json first (the «Повторить» button). */
  async function load(name: RemoteName, options: { refresh?: boolean } = {}): Promise<RemoteLoadResult> {
    if (manifest === undefined || options.refresh === true) manifest = fetchManifest();
    const current = await manifest;
    if (current === undefined) {
      manifest = undefined;
      return { ok: false, reason: "not_in_manifest", detail: "remotes.json is unavailable" };
    }
    return loader.load(name, current.remotes[name]);
  }

  return { load };
});
