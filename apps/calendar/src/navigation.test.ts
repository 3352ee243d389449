import { describe, expect, it } from "vitest";
import { isCurrentVisit, locationFromSearch, pathForLocation, stepOf } from "./navigation.ts";

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

  it("reads reschedule mode and the waiting forms, and drops an unknown form", () => {
    expect(locationFromSearch("?reschedule=apt_1&referral=ref_1&step=confirm")).toEqual({
      reschedule: "apt_1",
      referral: "ref_1",
      step: "confirm",
    });
    expect(locationFromSearch("?referral=ref_1&want=priority")).toEqual({
      referral: "ref_1",
      want: "priority",
    });
    expect(locationFromSearch("?referral=ref_1&want=vip")).toEqual({ referral: "ref_1" });
    expect(pathForLocation("/calendar", { referral: "ref_1", reschedule: "apt_1", doctor: "doc_1" })).toBe(
      "/calendar?reschedule=apt_1&referral=ref_1&doctor=doc_1",
    );
  });

  it("shows the waiting forms only with a referral and outside reschedule mode", () => {
    expect(stepOf({ referral: "r", want: "waitlist" })).toBe("waiting");
    expect(stepOf({ want: "waitlist" })).toBe("choose-referral");
    expect(stepOf({ reschedule: "a", referral: "r", want: "waitlist" })).toBe("doctors");
    expect(stepOf({ reschedule: "a" })).toBe("doctors");
    expect(stepOf({ reschedule: "a", doctor: "d", step: "confirm" })).toBe("confirm");
    expect(stepOf({ reschedule: "a", appointment: "b" })).toBe("ticket");
  });

  it("knows the visit being moved by doctor and instant", () => {
    const visit = {
      doctorId: "doc_1",
      localDate: "2026-11-27",
      localTime: "10:15",
      startsAt: "2026-11-27T08:15:00.000Z",
    };
    expect(isCurrentVisit({ startsAt: "2026-11-27T08:15:00Z" }, "doc_1", visit)).toBe(true);
    expect(isCurrentVisit({ startsAt: "2026-11-27T08:15:00Z" }, "doc_2", visit)).toBe(false);
    expect(isCurrentVisit({ startsAt: "2026-11-27T08:30:00Z" }, "doc_1", visit)).toBe(false);
    expect(isCurrentVisit({ startsAt: "2026-11-27T08:15:00Z" }, "doc_1", undefined)).toBe(false);
  });
});
