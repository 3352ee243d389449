// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterEach, describe, expect, it, vi } from "vitest";
import { remoteLocation, type RemoteMount, type RemoteMountProps } from "./contract.ts";
import { defineRemoteWidget, WIDGET_HOST_TOKEN_MESSAGE, widgetRoute } from "./widget-host.ts";

const API = "https://api.priyom.test";

/** A remote that records every mount: its props, and whether it was unmounted. */
function fakeRemote() {
  const mounts: { props: RemoteMountProps; el: HTMLElement; unmounted: boolean }[] = [];
  const mount: RemoteMount = (el, props) => {
    const record = { props, el, unmounted: false };
    mounts.push(record);
    const marker = document.createElement("p");
    marker.textContent = "remote";
    el.append(marker);
    return () => {
      record.unmounted = true;
      marker.remove();
    };
  };
  return { mount, mounts, last: () => mounts[mounts.length - 1] };
}

let tagCount = 0;
/** Every test defines its own tag: a name, once defined, stays defined for the document. */
function defineWidget(extra: Partial<Parameters<typeof defineRemoteWidget>[0]> = {}) {
  const remote = fakeRemote();
  const tagName = `priyom-test-${++tagCount}`;
  defineRemoteWidget({
    tagName,
    mount: remote.mount,
    section: "/calendar",
    styleUrl: "https://cdn.priyom.test/widgets/priyom-calendar.css",
    defaultApiOrigin: "https://script-origin.priyom.test",
    attributes: ["referral-id"],
    initialPath: (attr) => {
      const referral = attr("referral-id");
      return referral ? `/?referral=${encodeURIComponent(referral)}` : "/";
    },
    ...extra,
  });
  return { remote, tagName };
}

function place(tagName: string, attributes: Record<string, string> = {}): HTMLElement {
  const el = document.createElement(tagName);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

afterEach(() => {
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

describe("defineRemoteWidget", () => {
  it("defines the element once, even when the script runs twice", () => {
    const { remote, tagName } = defineWidget();
    const first = customElements.get(tagName);
    const again = defineRemoteWidget({
      tagName,
      mount: fakeRemote().mount,
      section: "/calendar",
      styleUrl: "x.css",
      defaultApiOrigin: API,
    });
    expect(again).toBe(first);
    place(tagName);
    expect(remote.mounts).toHaveLength(1);
  });

  it("attaches an open shadow root with the stylesheet link and mounts the remote in it", () => {
    const { remote, tagName } = defineWidget();
    const el = place(tagName);
    const shadow = el.shadowRoot;
    expect(shadow).not.toBeNull();
    const link = shadow?.querySelector("link");
    expect(link?.getAttribute("rel")).toBe("stylesheet");
    expect(link?.getAttribute("href")).toBe("https://cdn.priyom.test/widgets/priyom-calendar.css");
    expect(remote.last()?.el.getRootNode()).toBe(shadow);
    expect(el.children).toHaveLength(0);
  });

  it("passes the attributes as props: API origin, locale, the referral in the memory location", () => {
    const { remote, tagName } = defineWidget();
    place(tagName, { "api-origin": `${API}/ignored/path`, locale: "en", "referral-id": "ref 1" });
    const props = remote.last()?.props;
    expect(props?.apiBase).toBe(API);
    expect(props?.basePath).toBe("/");
    expect(props?.locale).toBe("en");
    expect(props && remoteLocation(props).current()).toEqual({ pathname: "/", search: "?referral=ref%201" });
  });

  it("defaults to the script's origin and Russian", () => {
    const { remote, tagName } = defineWidget();
    place(tagName, { locale: "de" });
    expect(remote.last()?.props.apiBase).toBe("https://script-origin.priyom.test");
    expect(remote.last()?.props.locale).toBe("ru");
  });

  it("navigates in memory without touching the page's URL; other sections open Priyom in a new tab", () => {
    const { remote, tagName } = defineWidget();
    place(tagName, { "api-origin": API });
    const pageUrl = window.location.href;
    const historyLength = window.history.length;
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    const props = remote.last()?.props;
    if (!props) throw new Error("not mounted");
    const changes = vi.fn();
    remoteLocation(props).subscribe(changes);

    props.navigate("/?referral=r1&step=confirm");
    expect(remoteLocation(props).current()).toEqual({ pathname: "/", search: "?referral=r1&step=confirm" });
    expect(changes).toHaveBeenCalledTimes(1);
    props.navigate("/calendar?appointment=a1");
    expect(remoteLocation(props).current().search).toBe("?appointment=a1");
    expect(window.location.href).toBe(pageUrl);
    expect(window.history.length).toBe(historyLength);
    expect(open).not.toHaveBeenCalled();

    props.navigate("/appointments");
    expect(open).toHaveBeenCalledWith(`${API}/appointments`, "_blank", "noopener");
    expect(remoteLocation(props).current().search).toBe("?appointment=a1");
  });

  it("remounts when an attribute changes, from the new attributes", () => {
    const { remote, tagName } = defineWidget();
    const el = place(tagName, { "referral-id": "r1" });
    el.setAttribute("referral-id", "r2");
    expect(remote.mounts).toHaveLength(2);
    expect(remote.mounts[0]?.unmounted).toBe(true);
    const props = remote.last()?.props;
    expect(props && remoteLocation(props).current().search).toBe("?referral=r2");
  });

  it("reports as composed, bubbling DOM events the page can hear", () => {
    const { remote, tagName } = defineWidget();
    place(tagName);
    const heard = vi.fn();
    document.addEventListener("priyom:booked", (event) => {
      heard((event as CustomEvent<unknown>).detail);
    });
    remote.last()?.props.report?.({
      kind: "booked",
      appointmentId: "a1",
      ticketNumber: "T-1",
      startsAt: "2026-12-01T08:00:00Z",
    });
    expect(heard).toHaveBeenCalledWith({
      appointmentId: "a1",
      ticketNumber: "T-1",
      startsAt: "2026-12-01T08:00:00Z",
    });
  });

  it("unmounts on disconnect and stops listening to messages", () => {
    const { remote, tagName } = defineWidget();
    const el = place(tagName, { "api-origin": API });
    const added = vi.spyOn(window, "addEventListener");
    const removed = vi.spyOn(window, "removeEventListener");
    el.remove();
    expect(remote.last()?.unmounted).toBe(true);
    expect(added).not.toHaveBeenCalled();
    expect(removed).toHaveBeenCalledWith("message", expect.any(Function));
    // Put back, it mounts again with one listener.
    document.body.append(el);
    expect(remote.mounts).toHaveLength(2);
    expect(added.mock.calls.filter(([type]) => type === "message")).toHaveLength(1);
  });
});

describe("sign-in through the pop-up", () => {
  function signInSetup() {
    const { remote, tagName } = defineWidget();
    const el = place(tagName, { "api-origin": API, "referral-id": "r1" });
    const popup = { focus: vi.fn() } as unknown as Window;
    const open = vi.spyOn(window, "open").mockReturnValue(popup);
    const signedIn = vi.fn();
    el.addEventListener("priyom:signed-in", signedIn);
    const props = remote.last()?.props;
    if (!props) throw new Error("not mounted");
    const post = (init: MessageEventInit) => window.dispatchEvent(new MessageEvent("message", init));
    const goodMessage = {
      type: WIDGET_HOST_TOKEN_MESSAGE,
      token: "tok_1",
      expiresAt: "2999-01-01T00:00:00Z",
    };
    return { remote, el, popup, open, signedIn, props, post, goodMessage };
  }

  it("opens the pop-up on the API origin with the page's origin", () => {
    const { props, open } = signInSetup();
    props.requestSignIn?.();
    expect(open).toHaveBeenCalledWith(
      `${API}/widget/connect?origin=${encodeURIComponent(window.location.origin)}`,
      "priyom-sign-in",
      "popup,width=480,height=720",
    );
  });

  it("the sign-in path of a remote opens the pop-up too", () => {
    const { props, open } = signInSetup();
    props.navigate("/cabinet/sign-in");
    expect(open).toHaveBeenCalledWith(
      expect.stringContaining("/widget/connect?origin="),
      "priyom-sign-in",
      expect.any(String),
    );
  });

  it("ignores a message from another origin, another window, of another type, or unasked", () => {
    const { props, popup, post, goodMessage, signedIn, remote } = signInSetup();
    post({ origin: API, source: popup, data: goodMessage }); // no pop-up was opened yet
    props.requestSignIn?.();
    post({ origin: "https://evil.test", source: popup, data: goodMessage });
    post({ origin: API, source: window, data: goodMessage });
    post({ origin: API, source: popup, data: { ...goodMessage, type: "something-else" } });
    post({ origin: API, source: popup, data: "priyom:widget-token" });
    expect(props.accessToken?.()).toBeUndefined();
    expect(signedIn).not.toHaveBeenCalled();
    expect(remote.mounts).toHaveLength(1);
  });

  it("a good message stores the token, says priyom:signed-in and remounts where the patient was", () => {
    const { props, popup, post, goodMessage, signedIn, remote } = signInSetup();
    props.navigate("/?referral=r1&step=confirm");
    props.requestSignIn?.();
    post({ origin: API, source: popup, data: goodMessage });
    expect(signedIn).toHaveBeenCalledTimes(1);
    expect(remote.mounts).toHaveLength(2);
    expect(remote.mounts[0]?.unmounted).toBe(true);
    const remounted = remote.last()?.props;
    expect(remounted?.accessToken?.()).toBe("tok_1");
    expect(props.accessToken?.()).toBe("tok_1");
    expect(remounted && remoteLocation(remounted).current().search).toBe("?referral=r1&step=confirm");
  });

  it("forgets an expired token", () => {
    const { props, popup, post, goodMessage } = signInSetup();
    props.requestSignIn?.();
    post({ origin: API, source: popup, data: { ...goodMessage, expiresAt: "2000-01-01T00:00:00Z" } });
    expect(props.accessToken?.()).toBeUndefined();
  });
});

describe("widgetRoute", () => {
  it("keeps the widget's own paths inside, sends sign-in to the pop-up and other sections out", () => {
    expect(widgetRoute("/calendar", "/?referral=r1")).toEqual({ kind: "inside", path: "/?referral=r1" });
    expect(widgetRoute("/calendar", "/calendar")).toEqual({ kind: "inside", path: "/" });
    expect(widgetRoute("/referrals", "/referrals/ref_1")).toEqual({ kind: "inside", path: "/ref_1" });
    expect(widgetRoute("/referrals", "/ref_1")).toEqual({ kind: "inside", path: "/ref_1" });
    expect(widgetRoute("/referrals", "/calendar?referral=r1")).toEqual({
      kind: "priyom",
      path: "/calendar?referral=r1",
    });
    expect(widgetRoute("/calendar", "/cabinet/sign-in")).toEqual({ kind: "sign-in" });
    expect(widgetRoute("/calendar", "/cabinet")).toEqual({ kind: "priyom", path: "/cabinet" });
    // A prefix of a word is not a section: `/calendarium` is not under `/calendar`.
    expect(widgetRoute("/calendar", "/calendarium")).toEqual({ kind: "inside", path: "/calendarium" });
  });
});
