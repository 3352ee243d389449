import { REMOTE_NAMES, type RemoteName } from "./contract.ts";

/** One remote's line in remotes.json. */
export interface RemoteManifestEntry {
  /** URL of the remote's `remoteEntry.js` (or `mf-manifest.json`), absolute or relative to the page. */
  entry: string;
  version: string;
}

/** The shape of remotes.json, read by the shell at run time. */
export type RemotesManifest = Record<RemoteName, RemoteManifestEntry>;

export interface BrokenManifestEntry {
  name: RemoteName;
  problem: string;
}

export interface ParsedRemotesManifest {
  /** The entries that are well-formed; a missing key means that section cannot load. */
  remotes: Partial<RemotesManifest>;
  /** What is wrong with every other known remote. */
  broken: BrokenManifestEntry[];
  /** Keys in the file that are no known remote (ignored). */
  unknown: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entryProblem(value: unknown): string | undefined {
  if (value === undefined) return "missing";
  if (!isRecord(value)) return "not an object";
  if (typeof value.entry !== "string" || value.entry.trim() === "") return "entry must be a non-empty string";
  if (typeof value.version !== "string" || value.version.trim() === "")
    return "version must be a non-empty string";
  return undefined;
}

/**
 * Validates remotes.json entry by entry: one broken entry disables only its own section.
 * @example parseRemotesManifest({ cabinet: { entry: "/remotes/cabinet/remoteEntry.js", version: "0.1.0" } })
 *   // remotes.cabinet set; referrals, calendar, my-appointments and staff reported as "missing"
 */
export function parseRemotesManifest(input: unknown): ParsedRemotesManifest {
  const remotes: Partial<RemotesManifest> = {};
  const broken: BrokenManifestEntry[] = [];
  if (!isRecord(input)) {
    return {
      remotes,
      broken: REMOTE_NAMES.map((name) => ({ name, problem: "manifest is not an object" })),
      unknown: [],
    };
  }
  for (const name of REMOTE_NAMES) {
    const value = input[name];
    const problem = entryProblem(value);
    if (problem === undefined && isRecord(value)) {
      remotes[name] = { entry: String(value.entry), version: String(value.version) };
    } else {
      broken.push({ name, problem: problem ?? "invalid" });
    }
  }
  const unknown = Object.keys(input).filter((key) => !(REMOTE_NAMES as readonly string[]).includes(key));
  return { remotes, broken, unknown };
}
