import {
  createMemoryLocation,
  type RemoteLocation,
  type RemoteMount,
  type RemoteMountProps,
  type RemoteReport,
  type RemoteUnmount,
} from "./contract.ts";

/*
 * The host of the partner widgets (issue 7): a remote's `mount` wrapped in a custom element that a
 * partner page loads with one script tag. The remote runs in the element's shadow root (styles stay
 * on their side of it), reads a location kept in memory (the partner's URL is never touched), and
 * talks to the API with a bearer token got through the sign-in pop-up on Priyom's own origin (no
 * third-party cookies). Everything the patient does comes out as DOM events on the element.
 */

/**
 * `type` of the message the sign-in pop-up posts: the same string as `WIDGET_TOKEN_MESSAGE` of
 * `@priyom/contracts`, restated so this package keeps no dependency (the calendar's widget test
 * checks that the two are equal).
 */
export const WIDGET_HOST_TOKEN_MESSAGE = "priyom:widget-token";

/** Where a remote sends a signed-out patient; in a widget it opens the sign-in pop-up instead. */
export const WIDGET_SIGN_IN_PATH = "/cabinet/sign-in";

/** The shell paths of Priyom's sections (apps/shell/src/sections.ts): links there leave the widget. */
const PRIYOM_SECTION_PATHS = ["/cabinet", "/referrals", "/calendar", "/appointments", "/staff"] as const;

/** The name of the sign-in pop-up window: a second «Войти» brings the same pop-up back. */
const SIGN_IN_WINDOW_NAME = "priyom-sign-in";
const SIGN_IN_WINDOW_FEATURES = "popup,width=480,height=720";

/** Attributes every widget reads; a widget may add its own (`referral-id`). */
const COMMON_ATTRIBUTES = ["api-origin", "locale"] as const;

export interface RemoteWidgetOptions {
  /** The element's name, e.g. "priyom-calendar". */
  tagName: string;
  /** The remote's `mount` (the same one the shell mounts). */
  mount: RemoteMount;
  /**
   * The shell path of the section the widget shows, e.g. "/calendar": links the remote builds to
   * its own section stay in the widget, links to other sections open Priyom in a new tab.
   */
  section: string;
  /** The widget's stylesheet (next to its script, see `widgetScriptUrl`). */
  styleUrl: string;
  /** The API origin when the element has no `api-origin`: the origin the script came from. */
  defaultApiOrigin: string;
  /** Attributes of this widget beyond `api-origin` and `locale`; a change of any of them remounts. */
  attributes?: readonly string[];
  /**
   * The first in-memory path, from the element's attributes.
   * @example (attr) => attr("referral-id") ? `/?referral=${encodeURIComponent(attr("referral-id"))}` : "/"
   */
  initialPath?: (attribute: (name: string) => string | null) => string;
}

/** A token handed over by the sign-in pop-up, kept in memory only (never storage, never a URL). */
interface HeldToken {
  token: string;
  expiresAtMs: number;
}

/**
 * The URL of the script being run, read while it is being run (`document.currentScript` is null
 * afterwards); the page's own URL if there is no script element (tests, inline code).
 * @example new URL("priyom-calendar.css", widgetScriptUrl()).href
 */
export function widgetScriptUrl(): string {
  const script = typeof document === "undefined" ? null : document.currentScript;
  return script instanceof HTMLScriptElement && script.src ? script.src : window.location.href;
}

/**
 * Where a path the remote navigates to leads in a widget: inside it (the memory location), the
 * sign-in pop-up, or another Priyom section (opened in a new tab).
 * @example widgetRoute("/calendar", "/calendar?referral=r1") // { kind: "inside", path: "/?referral=r1" }
 * @example widgetRoute("/calendar", "/appointments")         // { kind: "priyom", path: "/appointments" }
 */
export function widgetRoute(
  section: string,
  path: string,
): { kind: "inside"; path: string } | { kind: "sign-in" } | { kind: "priyom"; path: string } {
  // `/calendar?x` and `/calendar/x` are under `/calendar`; `/calendarium` is not.
  const isUnder = (prefix: string) =>
    path.startsWith(prefix) && (path === prefix || /^[/?#]/.test(path.slice(prefix.length)));
  if (isUnder(WIDGET_SIGN_IN_PATH)) return { kind: "sign-in" };
  if (isUnder(section)) {
    const rest = path.slice(section.length);
    return { kind: "inside", path: rest.startsWith("/") ? rest : `/${rest}` };
  }
  return PRIYOM_SECTION_PATHS.some(isUnder) ? { kind: "priyom", path } : { kind: "inside", path };
}

/** The origin of an `api-origin` attribute; the default when it is absent or not a URL. */
function originOf(value: string | null, fallback: string): string {
  if (!value) return fallback;
  try {
    return new URL(value).origin;
  } catch {
    return fallback;
  }
}

function isTokenMessage(data: unknown): data is { type: string; token: string; expiresAt: string } {
  if (typeof data !== "object" || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.type === WIDGET_HOST_TOKEN_MESSAGE &&
    typeof message.token === "string" &&
    message.token !== "" &&
    typeof message.expiresAt === "string"
  );
}

/**
 * Defines the custom element of a remote (once: a second copy of the script on the page is harmless).
 * Returns the element class.
 * @example defineRemoteWidget({ tagName: "priyom-calendar", mount, section: "/calendar", styleUrl, defaultApiOrigin })
 */
export function defineRemoteWidget(options: RemoteWidgetOptions): CustomElementConstructor {
  const existing = customElements.get(options.tagName);
  if (existing) return existing;
  const observed = [...COMMON_ATTRIBUTES, ...(options.attributes ?? [])];

  class PriyomRemoteWidget extends HTMLElement {
    static get observedAttributes(): string[] {
      return observed;
    }

    #container: HTMLElement | undefined;
    #unmount: RemoteUnmount | undefined;
    #location: (RemoteLocation & { navigate: (path: string) => void }) | undefined;
    #token: HeldToken | undefined;
    #popup: Window | null = null;
    #onMessage = (event: MessageEvent) => this.#receiveToken(event);

    connectedCallback(): void {
      if (!this.shadowRoot) this.#attachShadow();
      window.addEventListener("message", this.#onMessage);
      this.#mount();
    }

    disconnectedCallback(): void {
      window.removeEventListener("message", this.#onMessage);
      this.#popup = null;
      this.#unmountRemote();
    }

    attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
      // Before connection the attributes are only being read; `connectedCallback` mounts with them.
      if (oldValue === newValue || !this.#unmount) return;
      this.#location = undefined;
      this.#mount();
    }

    #attachShadow(): void {
      const shadow = this.attachShadow({ mode: "open" });
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = options.styleUrl;
      const container = document.createElement("div");
      // The widget build's CSS resets this container (widget-build.js): what the remote inherits starts here.
      container.className = "priyom-widget";
      shadow.append(link, container);
      this.#container = container;
    }

    get #apiOrigin(): string {
      return originOf(this.getAttribute("api-origin"), options.defaultApiOrigin);
    }

    /** Mounts the remote (again): after sign-in the patient stays where they were in the widget. */
    #mount(): void {
      this.#unmountRemote();
      const container = this.#container;
      if (!container) return;
      const location = (this.#location ??= createMemoryLocation(
        options.initialPath?.((name) => this.getAttribute(name)) ?? "/",
      ));
      const apiOrigin = this.#apiOrigin;
      const props: RemoteMountProps = {
        apiBase: apiOrigin,
        basePath: "/",
        locale: this.getAttribute("locale") === "en" ? "en" : "ru",
        location,
        navigate: (path) => {
          const route = widgetRoute(options.section, path);
          if (route.kind === "inside") location.navigate(route.path);
          else if (route.kind === "sign-in") this.#requestSignIn();
          else window.open(`${apiOrigin}${route.path}`, "_blank", "noopener");
        },
        accessToken: () => this.#currentToken(),
        requestSignIn: () => this.#requestSignIn(),
        report: (report) => this.#report(report),
      };
      this.#unmount = options.mount(container, props);
    }

    #unmountRemote(): void {
      const unmount = this.#unmount;
      this.#unmount = undefined;
      unmount?.();
    }

    #currentToken(): string | undefined {
      if (this.#token && Date.now() >= this.#token.expiresAtMs) this.#token = undefined;
      return this.#token?.token;
    }

    #requestSignIn(): void {
      const url = `${this.#apiOrigin}/widget/connect?origin=${encodeURIComponent(window.location.origin)}`;
      // Not "noopener": the pop-up answers through `window.opener`, and its messages are told apart by `source`.
      this.#popup = window.open(url, SIGN_IN_WINDOW_NAME, SIGN_IN_WINDOW_FEATURES);
      this.#popup?.focus();
    }

    /** Only our pop-up, on the API's origin, saying what the pop-up says; anything else is ignored. */
    #receiveToken(event: MessageEvent): void {
      if (!this.#popup || event.source !== this.#popup) return;
      if (event.origin !== this.#apiOrigin || !isTokenMessage(event.data)) return;
      const expiresAtMs = Date.parse(event.data.expiresAt);
      if (Number.isNaN(expiresAtMs)) return;
      this.#token = { token: event.data.token, expiresAtMs };
      this.#popup = null;
      this.#report({ kind: "signed-in" });
      if (this.isConnected) this.#mount();
    }

    /** `priyom:<kind>` with the report's facts as `detail`; crosses the shadow root to the page. */
    #report(report: RemoteReport): void {
      const { kind, ...detail } = report;
      this.dispatchEvent(new CustomEvent(`priyom:${kind}`, { detail, bubbles: true, composed: true }));
    }
  }

  customElements.define(options.tagName, PriyomRemoteWidget);
  return PriyomRemoteWidget;
}
