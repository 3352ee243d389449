// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import {
  NOTIFICATIONS_CHANGED_EVENT,
  browserLocation,
  createMemoryLocation,
  remoteLocation,
  REMOTE_NAMES,
  dispatchNotificationsChanged,
  federationName,
  isRemoteName,
  onNotificationsChanged,
} from "./contract.ts";

describe("REMOTE_NAMES", () => {
  it("lists the five remotes in navigation order, staff last", () => {
    expect(REMOTE_NAMES).toEqual(["cabinet", "referrals", "calendar", "my-appointments", "staff"]);
  });

  it.each([
    ["staff", true],
    ["my-appointments", true],
    ["admin", false],
    ["Staff", false],
  ])("isRemoteName(%s) → %s", (name, expected) => {
    expect(isRemoteName(name)).toBe(expected);
  });

  it("names every federation container as a JS identifier", () => {
    expect(REMOTE_NAMES.map(federationName)).toEqual([
      "cabinet",
      "referrals",
      "calendar",
      "my_appointments",
      "staff",
    ]);
  });
});

describe("notifications-changed event", () => {
  it("reaches a listener until it stops listening", () => {
    const target = new EventTarget();
    const handler = vi.fn();
    const stop = onNotificationsChanged(handler, target);
    dispatchNotificationsChanged(target);
    expect(handler).toHaveBeenCalledTimes(1);
    stop();
    dispatchNotificationsChanged(target);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(NOTIFICATIONS_CHANGED_EVENT).toBe("priyom:notifications-changed");
  });
});

describe("remote locations (contract 1.3.0)", () => {
  it("a memory location splits path and query and tells its listeners after each navigation", () => {
    const loc = createMemoryLocation("/?referral=ref_1");
    expect(loc.current()).toEqual({ pathname: "/", search: "?referral=ref_1" });
    const seen: string[] = [];
    const stop = loc.subscribe(() => seen.push(loc.current().search));
    loc.navigate("/?referral=ref_1&step=confirm");
    stop();
    loc.navigate("/other");
    expect(seen).toEqual(["?referral=ref_1&step=confirm"]);
    expect(loc.current()).toEqual({ pathname: "/other", search: "" });
  });

  it("a memory location never touches the page's URL", () => {
    const before = window.location.href;
    createMemoryLocation("/").navigate("/?doctor=doc_1");
    expect(window.location.href).toBe(before);
  });

  it("an empty path or a bare '?' is the root without a query", () => {
    expect(createMemoryLocation("").current()).toEqual({ pathname: "/", search: "" });
    expect(createMemoryLocation("/x?").current()).toEqual({ pathname: "/x", search: "" });
  });

  it("remoteLocation falls back to the browser's location, which popstate announces", () => {
    expect(remoteLocation({})).toBe(browserLocation);
    const memory = createMemoryLocation("/");
    expect(remoteLocation({ location: memory })).toBe(memory);
    const listener = vi.fn();
    const stop = browserLocation.subscribe(listener);
    window.dispatchEvent(new PopStateEvent("popstate"));
    stop();
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(browserLocation.current().pathname).toBe(window.location.pathname);
  });
});
