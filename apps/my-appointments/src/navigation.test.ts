import { describe, expect, it } from "vitest";
import { locationFromSearch, pathForLocation, reschedulePath, whenNothingFreePath } from "./navigation.ts";

describe("navigation", () => {
  it("reads the tab and the ticket from the query; an unknown tab is the default one", () => {
    expect(locationFromSearch("")).toEqual({ tab: "upcoming" });
    expect(locationFromSearch("?tab=history")).toEqual({ tab: "history" });
    expect(locationFromSearch("?tab=past&ticket=apt_1")).toEqual({ tab: "past", ticket: "apt_1" });
    expect(locationFromSearch("?tab=admin")).toEqual({ tab: "upcoming" });
    expect(locationFromSearch("?ticket=%20")).toEqual({ tab: "upcoming" });
  });

  it("writes the shell path back, leaving the default tab out", () => {
    expect(pathForLocation("/appointments", { tab: "upcoming" })).toBe("/appointments");
    expect(pathForLocation("/appointments/", { tab: "waiting" })).toBe("/appointments?tab=waiting");
    expect(pathForLocation("/appointments", { tab: "upcoming", ticket: "apt 1" })).toBe(
      "/appointments?ticket=apt+1",
    );
    expect(pathForLocation("/", { tab: "notifications", ticket: "apt_2" })).toBe(
      "/?tab=notifications&ticket=apt_2",
    );
    for (const loc of [{ tab: "past", ticket: "apt_1" }, { tab: "history" }] as const) {
      expect(locationFromSearch(pathForLocation("/appointments", loc).split("?")[1] ?? "")).toEqual(loc);
    }
  });

  it("builds the calendar's reschedule and waitlist/priority addresses", () => {
    expect(reschedulePath("apt_1", "ref_1")).toBe("/calendar?reschedule=apt_1&referral=ref_1");
    expect(whenNothingFreePath("ref_1", "waitlist")).toBe("/calendar?referral=ref_1&want=waitlist");
    expect(whenNothingFreePath("ref&1", "priority")).toBe("/calendar?referral=ref%261&want=priority");
  });
});
