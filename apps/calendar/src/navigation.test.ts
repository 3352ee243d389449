import { describe, expect, it } from "vitest";
import { locationFromSearch, pathForLocation, stepOf } from "./navigation.ts";

describe("booking navigation", () => {
  it("reads the steps from the query and drops malformed parts", () => {
    expect(locationFromSearch("?referral=ref_1&doctor=doc_2&date=2026-11-27&step=confirm")).toEqual({
      referral: "ref_1",
      doctor: "doc_2",
      date: "2026-11-27",
      step: "confirm",
    });
    expect(locationFromSearch("?referral=ref_1&date=27.11.2026&step=pay")).toEqual({ referral: "ref_1" });
  });

  it("writes a path in a fixed order and round-trips", () => {
    const loc = { date: "2026-11-27", doctor: "doc 2", referral: "ref_1" };
    const path = pathForLocation("/calendar/", loc);
    expect(path).toBe("/calendar?referral=ref_1&doctor=doc+2&date=2026-11-27");
    expect(locationFromSearch(path.slice(path.indexOf("?")))).toEqual(loc);
    expect(pathForLocation("/calendar", {})).toBe("/calendar");
  });

  it("says which screen a location shows", () => {
    expect(stepOf({})).toBe("choose-referral");
    expect(stepOf({ referral: "r" })).toBe("doctors");
    expect(stepOf({ referral: "r", doctor: "d" })).toBe("doctor");
    expect(stepOf({ doctor: "d" })).toBe("doctor");
    expect(stepOf({ referral: "r", doctor: "d", step: "confirm" })).toBe("confirm");
    expect(stepOf({ doctor: "d", step: "confirm" })).toBe("doctor");
    expect(stepOf({ appointment: "a", referral: "r" })).toBe("ticket");
  });
});
