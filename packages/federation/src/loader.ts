import { loadRemote as mfLoadRemote, registerRemotes as mfRegisterRemotes } from "@module-federation/runtime";
import { federationName, isContractCompatible, type RemoteModule, type RemoteName } from "./contract.ts";
import type { RemoteManifestEntry } from "./manifest.ts";

/** Why a remote could not be used; the shell shows the same fallback for each, logs keep the detail. */
export type RemoteLoadFailureReason =
  "not_in_manifest" | "load_failed" | "timeout" | "invalid_module" | "incompatible_contract";

/**
 * `listedVersion` is the version remotes.json names for the remote, so the shell can tell when the
 * file and the module it points at disagree (a stale CDN copy, a forgotten edit).
 */
export type RemoteLoadResult =
  | { ok: true; module: RemoteModule; listedVersion?: string }
  | { ok: false; reason: RemoteLoadFailureReason; detail: string };

/** The two federation run-time calls the loader needs; injected in tests. */
export interface FederationRuntime {
  registerRemotes: (
    remotes: { name: string; entry: string; type: "module" }[],
    options: { force: boolean },
  ) => void;
  loadRemote: (id: string) => Promise<unknown>;
}

export interface RemoteLoaderOptions {
  runtime?: FederationRuntime;
  /** Extra attempts after the first failure (default 2). */
  retries?: number;
  /** Wait before retry n is `backoffMs * n` (default 250 ms). */
  backoffMs?: number;
  /** One attempt fails after this long (default 15 s): a hanging server must not hang the section. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Base against which relative entries are resolved (default: the page URL). */
  baseUrl?: string;
}

export interface RemoteLoader {
  /** Never throws: every failure comes back as `{ ok: false }`. */
  load: (name: RemoteName, entry: RemoteManifestEntry | undefined) => Promise<RemoteLoadResult>;
}

const defaultRuntime: FederationRuntime = {
  registerRemotes: (remotes, options) => {
    mfRegisterRemotes(remotes, options);
  },
  loadRemote: (id) => mfLoadRemote(id),
};

class AttemptTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isRemoteModule(value: unknown): value is RemoteModule {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof RemoteModule, unknown>>;
  return typeof candidate.mount === "function" && typeof candidate.contractVersion === "string";
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resolveEntry(entry: string, baseUrl: string | undefined): string {
  const base = baseUrl ?? (typeof location === "undefined" ? undefined : location.href);
  try {
    return base === undefined ? entry : new URL(entry, base).href;
  } catch {
    return entry;
  }
}

/** A browser keeps a failed module import cached per URL, so a retry must ask for a new URL. */
function bust(url: string, failures: number): string {
  if (failures === 0) return url;
  return `${url}${url.includes("?") ? "&" : "?"}mf-retry=${failures}`;
}

/**
 * Creates the shell's remote loader: registers the remote's entry with the federation runtime, loads
 * `<name>/mount` with retries and a per-attempt timeout, and checks the module against the contract.
 * @example
 *   const result = await createRemoteLoader().load("calendar", manifest.calendar);
 *   if (result.ok) unmount = result.module.mount(el, props);
 */
export function createRemoteLoader(options: RemoteLoaderOptions = {}): RemoteLoader {
  const runtime = options.runtime ?? defaultRuntime;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 250;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const state = new Map<RemoteName, { url: string | undefined; failures: number }>();

  async function attempt(name: RemoteName, entry: string): Promise<RemoteLoadResult> {
    const current = state.get(name) ?? { url: undefined, failures: 0 };
    state.set(name, current);
    const url = bust(resolveEntry(entry, options.baseUrl), current.failures);
    const container = federationName(name);
    try {
      if (current.url !== url) {
        runtime.registerRemotes([{ name: container, entry: url, type: "module" }], {
          force: current.url !== undefined,
        });
        current.url = url;
      }
      const loaded = await withTimeout(runtime.loadRemote(`${container}/mount`), timeoutMs);
      if (!isRemoteModule(loaded)) {
        current.failures += 1;
        return {
          ok: false,
          reason: "invalid_module",
          detail: `${container}/mount has no mount() or contractVersion`,
        };
      }
      return { ok: true, module: loaded };
    } catch (error) {
      current.failures += 1;
      return {
        ok: false,
        reason: error instanceof AttemptTimeout ? "timeout" : "load_failed",
        detail: describe(error),
      };
    }
  }

  return {
    async load(name, manifestEntry) {
      if (manifestEntry === undefined) {
        return {
          ok: false,
          reason: "not_in_manifest",
          detail: `${name} is missing or broken in remotes.json`,
        };
      }
      let result = await attempt(name, manifestEntry.entry);
      for (let n = 1; n <= retries && !result.ok && result.reason !== "invalid_module"; n += 1) {
        await sleep(backoffMs * n);
        result = await attempt(name, manifestEntry.entry);
      }
      if (result.ok && !isContractCompatible(result.module.contractVersion)) {
        return {
          ok: false,
          reason: "incompatible_contract",
          detail: `${name} implements contract ${result.module.contractVersion}`,
        };
      }
      return result.ok ? { ...result, listedVersion: manifestEntry.version } : result;
    },
  };
}
