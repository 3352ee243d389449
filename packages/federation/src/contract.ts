/**
 * The contract between the shell and every remote. Bump the major of
 * `FEDERATION_CONTRACT_VERSION` on any breaking change: the shell refuses a remote whose major differs.
 */
export const FEDERATION_CONTRACT_VERSION = "1.3.0";

/** What the shell hands to a remote's `mount`. */
export interface RemoteMountProps {
  /** Prefix of API URLs ("" = same origin). */
  apiBase: string;
  /** The shell path the remote is mounted under, e.g. "/referrals". */
  basePath: string;
  locale: "ru" | "en";
  /** Navigates the shell (cross-section links); remotes never own the browser history. */
  navigate: (path: string) => void;
  /**
   * Where the remote reads its location (path and query) and learns that it changed. Absent: the
   * browser's (`window.location` and `popstate`). A partner widget passes a memory location so the
   * partner page's own URL is never touched. Read it through `remoteLocation(props)`. Added in 1.3.0.
   */
  location?: RemoteLocation;
  /**
   * A bearer token for API calls where cookies cannot be used (a widget on a partner's page);
   * absent or returning undefined: the session cookie. Added in 1.3.0.
   */
  accessToken?: () => string | undefined;
  /**
   * Asks the host to sign the patient in. The shell leaves it out (the remote links to the
   * cabinet); a widget opens the sign-in pop-up on Priyom's origin and mounts the remote again once
   * the patient is signed in. Added in 1.3.0.
   */
  requestSignIn?: () => void;
  /** Tells the host what the patient did (a widget turns it into a DOM event). Added in 1.3.0. */
  report?: (report: RemoteReport) => void;
}

/** A location as a remote sees it: the path and the query string ("" or "?a=b"). */
export interface RemoteLocationSnapshot {
  pathname: string;
  search: string;
}

/** The location a remote reads and watches (see `RemoteMountProps.location`). */
export interface RemoteLocation {
  current: () => RemoteLocationSnapshot;
  /** Calls `listener` after every change of location; returns the function that stops it. */
  subscribe: (listener: () => void) => () => void;
}

/** What a remote reports to its host. Widgets dispatch each as a DOM event named `priyom:<kind>`. */
export type RemoteReport =
  | { kind: "booked"; appointmentId: string; ticketNumber: string; startsAt: string }
  | { kind: "cancelled"; appointmentId: string }
  | { kind: "signed-in" };

/** Undoes everything `mount` did: app, DOM, listeners, timers. */
export type RemoteUnmount = () => void;
export type RemoteMount = (el: HTMLElement, props: RemoteMountProps) => RemoteUnmount;

/** The shape of every remote's exposed `./mount` module. */
export interface RemoteModule {
  mount: RemoteMount;
  contractVersion: string;
  /** The remote's own release (its package version at build time); shown by the shell. Added in 1.3.0. */
  version?: string;
}

/**
 * The sections the shell knows; each is one remote. `staff` («Работа с записями», clinic staff and
 * administrators) was added in contract 1.2.0.
 */
export const REMOTE_NAMES = ["cabinet", "referrals", "calendar", "my-appointments", "staff"] as const;
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

/**
 * Who is signed in, as the shell and every remote may know it. The same shape as `TSessionUser` of
 * `@priyom/contracts` (`GET /api/v1/account/me`), restated here so the contract has no dependency.
 */
export interface SessionUser {
  id: string;
  role: "patient" | "clinic_staff" | "admin";
  displayName: string;
  phoneMasked: string;
  email: string;
  twoFactorEnabled: boolean;
}

/** `detail` of `SESSION_CHANGED_EVENT`: the user now signed in, or null after sign-out. */
export type SessionChangedDetail = SessionUser | null;

/**
 * A DOM `CustomEvent` on `window`, sent by whoever signed the user in or out (the cabinet, or the
 * shell's «Выйти»). The shell re-reads `GET /api/v1/account/me` on it; remotes may listen to keep
 * their own view of the session. Added in contract 1.1.0.
 */
export const SESSION_CHANGED_EVENT = "priyom:session-changed";

/**
 * Announces a sign-in or sign-out to the shell and the other remotes.
 * @example dispatchSessionChanged(null) // after sign-out
 */
export function dispatchSessionChanged(detail: SessionChangedDetail, target: EventTarget = window): void {
  target.dispatchEvent(new CustomEvent<SessionChangedDetail>(SESSION_CHANGED_EVENT, { detail }));
}

/**
 * Listens to `SESSION_CHANGED_EVENT`; returns the function that stops listening (call it on unmount).
 * @example const stop = onSessionChanged((user) => console.log(user?.displayName));
 */
export function onSessionChanged(
  handler: (detail: SessionChangedDetail) => void,
  target: EventTarget = window,
): () => void {
  const listener = (event: Event) => {
    handler(
      event instanceof CustomEvent ? ((event.detail as SessionChangedDetail | undefined) ?? null) : null,
    );
  };
  target.addEventListener(SESSION_CHANGED_EVENT, listener);
  return () => target.removeEventListener(SESSION_CHANGED_EVENT, listener);
}

/**
 * A DOM `Event` on `window`, sent by whoever changed what the signed-in patient has unread (a remote
 * that marked notifications read, or one that knows new ones arrived). The shell re-reads
 * `GET /api/v1/notifications/unread-count` for its badge on it. Carries no detail. Added in contract 1.2.0.
 */
export const NOTIFICATIONS_CHANGED_EVENT = "priyom:notifications-changed";

/**
 * Tells the shell that the unread notifications may have changed.
 * @example await api.markAllNotificationsRead(); dispatchNotificationsChanged();
 */
export function dispatchNotificationsChanged(target: EventTarget = window): void {
  target.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
}

/**
 * Listens to `NOTIFICATIONS_CHANGED_EVENT`; returns the function that stops listening.
 * @example const stop = onNotificationsChanged(() => void refreshBadge());
 */
export function onNotificationsChanged(handler: () => void, target: EventTarget = window): () => void {
  const listener = () => handler();
  target.addEventListener(NOTIFICATIONS_CHANGED_EVENT, listener);
  return () => target.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, listener);
}

/**
 * The browser's location: `window.location`, changes announced by `popstate` (the shell's router
 * and the remotes' own `navigate` both send one).
 */
export const browserLocation: RemoteLocation = {
  current: () => ({ pathname: window.location.pathname, search: window.location.search }),
  subscribe: (listener) => {
    window.addEventListener("popstate", listener);
    return () => window.removeEventListener("popstate", listener);
  },
};

/**
 * The location a remote was mounted with: the host's memory location, else the browser's.
 * @example const loc = remoteLocation(props); loc.current().search // "?referral=ref_1"
 */
export function remoteLocation(props: Pick<RemoteMountProps, "location">): RemoteLocation {
  return props.location ?? browserLocation;
}

/**
 * A location kept in memory, for hosts that must not touch the page's URL (partner widgets).
 * `navigate` is the `navigate` prop to hand the remote.
 * @example const loc = createMemoryLocation("/?referral=ref_1"); loc.navigate("/?step=confirm");
 */
export function createMemoryLocation(initial = "/"): RemoteLocation & { navigate: (path: string) => void } {
  let snapshot = splitPath(initial);
  const listeners = new Set<() => void>();
  return {
    current: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(path) {
      snapshot = splitPath(path);
      for (const listener of [...listeners]) listener();
    },
  };
}

function splitPath(path: string): RemoteLocationSnapshot {
  const at = path.indexOf("?");
  const pathname = (at === -1 ? path : path.slice(0, at)) || "/";
  const search = at === -1 || at === path.length - 1 ? "" : path.slice(at);
  return { pathname, search };
}
