import { describe, expect, it, vi } from "vitest";
import {
  NOTIFICATIONS_CHANGED_EVENT,
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
