/**
 * The contract between the shell and every remote. Bump the major of
 * `FEDERATION_CONTRACT_VERSION` on any breaking change: the shell refuses a remote whose major differs.
 */
export const FEDERATION_CONTRACT_VERSION = "1.0.0";

/** What the shell hands to a remote's `mount`. */
export interface RemoteMountProps {
  /** Prefix of API URLs ("" = same origin). */
  apiBase: string;
  /** The shell path the remote is mounted under, e.g. "/referrals". */
  basePath: string;
  locale: "ru" | "en";
  /** Navigates the shell (cross-section links); remotes never own the browser history. */
  navigate: (path: string) => void;
}

/** Undoes everything `mount` did: app, DOM, listeners, timers. */
export type RemoteUnmount = () => void;
export type RemoteMount = (el: HTMLElement, props: RemoteMountProps) => RemoteUnmount;

/** The shape of every remote's exposed `./mount` module. */
export interface RemoteModule {
  mount: RemoteMount;
  contractVersion: string;
}

/** The sections the shell knows; each is one remote. */
export const REMOTE_NAMES = ["cabinet", "referrals", "calendar", "my-appointments"] as const;
export type RemoteName = (typeof REMOTE_NAMES)[number];

/** Whether a string is one of `REMOTE_NAMES`. */
export function isRemoteName(value: string): value is RemoteName {
  return (REMOTE_NAMES as readonly string[]).includes(value);
}

/**
 * The federation container name of a remote: a JS identifier, so "-" becomes "_".
 * @example federationName("my-appointments") // "my_appointments"
 */
export function federationName(name: RemoteName): string {
  return name.replaceAll("-", "_");
}

/**
 * Whether a remote built against `remoteVersion` of the contract can be mounted by this shell:
 * the majors must be equal.
 * @example isContractCompatible("1.4.0") // true while FEDERATION_CONTRACT_VERSION is 1.x
 */
export function isContractCompatible(
  remoteVersion: string,
  hostVersion = FEDERATION_CONTRACT_VERSION,
): boolean {
  const major = (v: string): string | undefined => /^(\d+)\.\d+\.\d+/.exec(v)?.[1];
  const remoteMajor = major(remoteVersion);
  return remoteMajor !== undefined && remoteMajor === major(hostVersion);
}
