/**
 * The contract-test kit for remotes (vitest + happy-dom): mounts a remote's exposed module the way the
 * shell does, unmounts it, and lists everything the remote left behind. Every remote runs it in its
 * own `src/mount.contract.test.ts`; a leak found here is a leak in every page that opens and leaves the
 * section.
 *
 * What "nothing left behind" means, and how each is checked:
 * - DOM: the host element is exactly as before (same attributes, no children), and nothing was added
 *   to `document.head` or `document.body` outside it (a teleported dialog, an injected style).
 * - Listeners: every listener added to `window` or `document` during the run was removed (or its
 *   `signal` aborted). `addEventListener` of both is wrapped while the check runs.
 * - Timers: every `setTimeout` has fired or was cleared, every `setInterval` was cleared.
 * - Connections: every `EventSource` and `WebSocket` opened was closed. While the check runs both are
 *   replaced by offline fakes, so a contract test never touches the network.
 * - Vue and Pinia: happy-dom cannot tell us what the garbage collector could free, so the kit checks the
 *   references that would keep a remote's app and stores alive. Vue marks each mounted container with
 *   `__vue_app__`; the kit finds the remote's apps that way and requires each to be unmounted. An app's
 *   Pinia (`globalProperties.$pinia`) outlives `app.unmount()`: its effect scope keeps every store's
 *   watchers running and its store map keeps them reachable, so the kit requires the scope to be
 *   stopped and the map empty (what `disposePinia` does). Pinia also keeps the last installed instance
 *   as its module-global "active pinia"; pass `getActivePinia` to check that it no longer points at
 *   the remote's (this package does not depend on pinia, so it cannot import it).
 */
import {
  createMemoryLocation,
  isContractCompatible,
  type RemoteModule,
  type RemoteMountProps,
  type RemoteReport,
} from "./contract.ts";

export interface RemoteContractCheckOptions {
  /** Overrides of the props the kit hands to `mount` (default: every prop of the contract, 1.3.0 included). */
  props?: Partial<RemoteMountProps>;
  /**
   * Runs while the remote is mounted, after the kit let pending work settle: assert what it rendered,
   * click through it. Whatever it starts must also be undone by the remote's unmount.
   */
  whileMounted?: (host: HTMLElement, props: RemoteMountProps) => void | Promise<void>;
  /** Pinia's `getActivePinia`, to check that the module-global active pinia is not the remote's. */
  getActivePinia?: () => unknown;
}

export interface RemoteContractReport {
  /** One readable line per thing left behind or contract rule broken; empty when the remote is clean. */
  problems: string[];
  /** What the remote reported through `props.report` while it was mounted. */
  reports: RemoteReport[];
  /** The apps the kit found under the host (0 for a remote that does not use Vue). */
  vueApps: number;
  /** The Pinia instances found on those apps. */
  pinias: number;
}

interface ListenerRecord {
  target: string;
  type: string;
  listener: unknown;
  capture: boolean;
}

interface TimerRecord {
  kind: "timeout" | "interval";
  delay: number;
}

interface VueAppLike {
  config?: { globalProperties?: { $pinia?: PiniaLike } };
}

interface PiniaLike {
  _e: { active: boolean };
  _s: Map<string, unknown>;
}

/**
 * The timer functions as the kit handles them. Declared here because `typeof globalThis` types them
 * differently with and without Node's types (the remotes have them, this package does not).
 */
interface Timers {
  setTimeout: (handler: TimerHandler, delay?: number, ...args: unknown[]) => unknown;
  clearTimeout: (id: unknown) => void;
  setInterval: (handler: TimerHandler, delay?: number, ...args: unknown[]) => unknown;
  clearInterval: (id: unknown) => void;
}

const settleTicks = 5;

function captureBool(options: boolean | AddEventListenerOptions | EventListenerOptions | undefined): boolean {
  return typeof options === "boolean" ? options : options?.capture === true;
}

/** Records listeners added to `target` until `restore` is called. */
function watchListeners(name: string, target: EventTarget, live: ListenerRecord[]): () => void {
  // Own properties put back as they were; the originals are called bound to their target.
  const ownAdd = Object.getOwnPropertyDescriptor(target, "addEventListener");
  const ownRemove = Object.getOwnPropertyDescriptor(target, "removeEventListener");
  const originalAdd = target.addEventListener.bind(target);
  const originalRemove = target.removeEventListener.bind(target);
  const forget = (type: string, listener: unknown, capture: boolean) => {
    const at = live.findIndex(
      (r) => r.target === name && r.type === type && r.listener === listener && r.capture === capture,
    );
    if (at !== -1) live.splice(at, 1);
  };
  target.addEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) => {
    originalAdd(type, listener, options);
    if (listener === null) return;
    const capture = captureBool(options);
    const duplicate = live.some(
      (r) => r.target === name && r.type === type && r.listener === listener && r.capture === capture,
    );
    const once = typeof options === "object" && options.once === true;
    // A `once` listener still counts until it has run: the remote cannot count on the event coming.
    if (!duplicate) live.push({ target: name, type, listener, capture });
    if (once) {
      originalAdd(type, () => forget(type, listener, capture), { once: true, capture });
    }
    const signal = typeof options === "object" ? options.signal : undefined;
    signal?.addEventListener("abort", () => forget(type, listener, capture), { once: true });
  };
  target.removeEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) => {
    originalRemove(type, listener, options);
    forget(type, listener, captureBool(options));
  };
  return () => {
    if (ownAdd) Object.defineProperty(target, "addEventListener", ownAdd);
    else delete (target as Partial<EventTarget>).addEventListener;
    if (ownRemove) Object.defineProperty(target, "removeEventListener", ownRemove);
    else delete (target as Partial<EventTarget>).removeEventListener;
  };
}

/**
 * Vue's development build, the first time it renders on a page, waits 3 s for the devtools extension
 * (`setDevtoolsHook` in @vue/runtime-core). That timer is Vue's, once per page, not the remote's.
 */
function isVueDevtoolsWait(): boolean {
  return /setDevtoolsHook/.test(new Error().stack ?? "");
}

/** Records timers created on `scope` until `restore` is called; returns the originals for the kit's own waits. */
function watchTimers(
  scope: Timers,
  live: Map<unknown, TimerRecord>,
): { restore: () => void; original: Timers } {
  const original: Timers = {
    setTimeout: scope.setTimeout,
    clearTimeout: scope.clearTimeout,
    setInterval: scope.setInterval,
    clearInterval: scope.clearInterval,
  };
  const key = (id: unknown): unknown => (typeof id === "object" && id !== null ? id : Number(id));
  const findKey = (id: unknown): unknown => {
    if (live.has(id)) return id;
    // Node hands out Timeout objects whose numeric value may be what gets cleared.
    for (const candidate of live.keys()) if (Number(candidate) === Number(id)) return candidate;
    return undefined;
  };
  const clear = (id: unknown) => {
    const found = findKey(id);
    if (found !== undefined) live.delete(found);
  };
  scope.setTimeout = (handler, delay, ...args) => {
    if (isVueDevtoolsWait()) return original.setTimeout.call(scope, handler, delay, ...args);
    // The id exists only once the timer is created; the callback reads it when it fires.
    const timer: { id?: unknown } = {};
    const run =
      typeof handler === "function"
        ? (...callArgs: unknown[]) => {
            live.delete(timer.id);
            (handler as (...a: unknown[]) => void)(...callArgs);
          }
        : handler;
    timer.id = key(original.setTimeout.call(scope, run, delay, ...args));
    live.set(timer.id, { kind: "timeout", delay: delay ?? 0 });
    return timer.id;
  };
  scope.setInterval = (handler, delay, ...args) => {
    const id = key(original.setInterval.call(scope, handler, delay, ...args));
    live.set(id, { kind: "interval", delay: delay ?? 0 });
    return id;
  };
  scope.clearTimeout = (id) => {
    clear(id);
    original.clearTimeout.call(scope, id);
  };
  scope.clearInterval = (id) => {
    clear(id);
    original.clearInterval.call(scope, id);
  };
  return {
    original,
    restore: () => {
      Object.assign(scope, original);
    },
  };
}

/** An offline stand-in for EventSource and WebSocket: it never connects, it only knows whether it was closed. */
class OfflineConnection extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  withCredentials = false;
  closed = false;

  constructor(
    readonly kind: "EventSource" | "WebSocket",
    readonly url: string,
  ) {
    super();
  }

  close(): void {
    this.closed = true;
    this.readyState = this.kind === "EventSource" ? 2 : 3;
  }

  send(): void {
    // Offline: nothing is sent.
  }
}

function watchConnections(opened: OfflineConnection[]): () => void {
  const scope = globalThis as Record<string, unknown>;
  const previous = { EventSource: scope.EventSource, WebSocket: scope.WebSocket };
  const fake = (kind: "EventSource" | "WebSocket") => {
    const Fake = class extends OfflineConnection {
      constructor(url: string | URL) {
        super(kind, String(url));
        opened.push(this);
      }
    };
    return Fake;
  };
  scope.EventSource = fake("EventSource");
  scope.WebSocket = fake("WebSocket");
  return () => {
    scope.EventSource = previous.EventSource;
    scope.WebSocket = previous.WebSocket;
  };
}

type VueContainer = Element & { __vue_app__?: VueAppLike };

/**
 * Every Vue app mounted in `host`'s subtree, found through the `__vue_app__` mark Vue puts on its
 * container; `app.unmount()` deletes the mark (in production builds too), which is how the kit knows it ran.
 */
function vueContainersUnder(host: HTMLElement): VueContainer[] {
  return [host, ...host.querySelectorAll("*")].filter((el: VueContainer) => el.__vue_app__ !== undefined);
}

function attributesOf(el: Element): string[] {
  return [...el.attributes].map((a) => `${a.name}=${a.value}`).sort();
}

function describeListener(record: ListenerRecord): string {
  const fn = record.listener as { name?: string } | undefined;
  const name = typeof fn?.name === "string" && fn.name !== "" ? ` (${fn.name})` : "";
  return `a "${record.type}" listener on ${record.target}${record.capture ? " (capture)" : ""}${name} was not removed`;
}

/** The props the shell would pass, every optional one of contract 1.3.0 included; `reports` collects `report`. */
function fullProps(reports: RemoteReport[], overrides: Partial<RemoteMountProps>): RemoteMountProps {
  const basePath = overrides.basePath ?? "/";
  const location = createMemoryLocation(basePath);
  return {
    apiBase: "",
    basePath,
    locale: "ru",
    navigate: (path) => location.navigate(path),
    location,
    accessToken: () => undefined,
    requestSignIn: () => undefined,
    report: (report) => reports.push(report),
    ...overrides,
  };
}

/**
 * Mounts `module` into a fresh host element with the contract's props, runs `whileMounted`, unmounts,
 * and reports what was left behind. Never throws for a leak: see `assertRemoteContract`.
 * @example const report = await checkRemoteContract(await import("./mount.ts"), { props: { basePath: "/calendar" } });
 */
export async function checkRemoteContract(
  module: RemoteModule,
  options: RemoteContractCheckOptions = {},
): Promise<RemoteContractReport> {
  const problems: string[] = [];
  const reports: RemoteReport[] = [];
  if (typeof module.mount !== "function") problems.push("the module exports no mount function");
  if (typeof module.contractVersion !== "string" || !isContractCompatible(module.contractVersion))
    problems.push(`contractVersion ${String(module.contractVersion)} is not compatible with this shell`);
  if (typeof module.version !== "string" || module.version.trim() === "")
    problems.push("the module exports no version string");
  if (problems.length > 0) return { problems, reports, vueApps: 0, pinias: 0 };

  const host = document.createElement("div");
  document.body.appendChild(host);
  const hostAttributes = attributesOf(host);
  const headBefore = [...document.head.childNodes];
  const bodyBefore = [...document.body.childNodes];
  const activePiniaBefore = options.getActivePinia?.();

  const listeners: ListenerRecord[] = [];
  const timers = new Map<unknown, TimerRecord>();
  const connections: OfflineConnection[] = [];
  const restoreWindow = watchListeners("window", window, listeners);
  const restoreDocument = watchListeners("document", document, listeners);
  const timerWatch = watchTimers(globalThis as unknown as Timers, timers);
  const windowTimers =
    (window as unknown) === globalThis ? undefined : watchTimers(window as unknown as Timers, timers);
  const restoreConnections = watchConnections(connections);
  // The kit's own waits use the real timers, so they never count as the remote's.
  const settle = async () => {
    for (let tick = 0; tick < settleTicks; tick += 1)
      await new Promise<void>((resolve) => timerWatch.original.setTimeout.call(globalThis, resolve, 0));
  };

  try {
    const props = fullProps(reports, options.props ?? {});
    const unmount = module.mount(host, props);
    if (typeof unmount !== "function") {
      problems.push("mount did not return an unmount function");
      return { problems, reports, vueApps: 0, pinias: 0 };
    }
    await settle();
    const containers = vueContainersUnder(host);
    const pinias = containers
      .map((container) => container.__vue_app__?.config?.globalProperties?.$pinia)
      .filter((pinia): pinia is PiniaLike => pinia !== undefined);
    const activePiniaWhileMounted = options.getActivePinia?.();
    await options.whileMounted?.(host, props);
    await settle();
    unmount();
    await settle();

    if (host.childNodes.length > 0)
      problems.push(`the host still has ${host.childNodes.length} child node(s)`);
    const attributesAfter = attributesOf(host);
    if (attributesAfter.join("\n") !== hostAttributes.join("\n"))
      problems.push(`the host's attributes changed: ${attributesAfter.join(", ") || "(none)"}`);
    for (const node of document.head.childNodes)
      if (!headBefore.includes(node)) problems.push(`a <${node.nodeName.toLowerCase()}> was left in <head>`);
    for (const node of document.body.childNodes)
      if (node !== host && !bodyBefore.includes(node))
        problems.push(`a <${node.nodeName.toLowerCase()}> was left in <body>`);
    problems.push(...listeners.map(describeListener));
    for (const timer of timers.values())
      problems.push(
        timer.kind === "interval"
          ? `an interval of ${timer.delay} ms was not cleared`
          : `a timeout of ${timer.delay} ms was neither cleared nor fired`,
      );
    for (const connection of connections)
      if (!connection.closed)
        problems.push(
          `${connection.kind === "EventSource" ? "an" : "a"} ${connection.kind} to ${connection.url} was not closed`,
        );
    for (const container of containers)
      if (container.__vue_app__ !== undefined) problems.push("a Vue app under the host was not unmounted");
    for (const pinia of pinias) {
      if (pinia._e.active)
        problems.push("a Pinia's effect scope is still active (store watchers keep running)");
      if (pinia._s.size > 0)
        problems.push(`a Pinia still holds ${pinia._s.size} store(s): ${[...pinia._s.keys()].join(", ")}`);
    }
    if (options.getActivePinia !== undefined) {
      const activeAfter = options.getActivePinia();
      const remotePinias = new Set<unknown>([...pinias, activePiniaWhileMounted]);
      remotePinias.delete(activePiniaBefore);
      if (activeAfter !== undefined && remotePinias.has(activeAfter))
        problems.push("the global active pinia still points at the remote's Pinia");
    }
    return { problems, reports, vueApps: containers.length, pinias: pinias.length };
  } finally {
    restoreConnections();
    windowTimers?.restore();
    timerWatch.restore();
    restoreDocument();
    restoreWindow();
    host.remove();
  }
}

/**
 * `checkRemoteContract`, throwing an error that lists every problem: the one-line contract test.
 * @example
 *   it("leaves nothing behind", () =>
 *     assertRemoteContract(remote, { props: { basePath: "/calendar" }, getActivePinia }));
 */
export async function assertRemoteContract(
  module: RemoteModule,
  options: RemoteContractCheckOptions = {},
): Promise<RemoteContractReport> {
  const report = await checkRemoteContract(module, options);
  if (report.problems.length > 0)
    throw new Error(`the remote broke its contract:\n- ${report.problems.join("\n- ")}`);
  return report;
}

/**
 * A `fetch` that answers as the API does for a signed-out visitor: `GET /api/v1/account/me` is 401,
 * every other call an empty list. Stub it in before a contract check of a remote that reads the API.
 * @example vi.stubGlobal("fetch", vi.fn(signedOutFetch));
 */
export function signedOutFetch(input: RequestInfo | URL): Promise<Response> {
  const url = input instanceof Request ? input.url : input.toString();
  const headers = { "Content-Type": "application/json" };
  if (url.endsWith("/api/v1/account/me")) {
    const body = { error: { code: "unauthorized", message: "Войдите", requestId: "r" } };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 401, headers }));
  }
  return Promise.resolve(new Response(JSON.stringify({ items: [] }), { status: 200, headers }));
}
