import { describe, expect, it } from "vitest";
import { defaultTab, locationFromSearch, pathForLocation, tabsFor } from "./navigation.ts";

describe("staff navigation", () => {
  it("reads the tab, status, date and clinic from the query and drops what it does not know", () => {
    expect(locationFromSearch("?tab=day&date=2026-03-10&clinic=cln_1")).toEqual({
      tab: "day",
      status: undefined,
      date: "2026-03-10",
      clinic: "cln_1",
    });
    expect(locationFromSearch("?tab=admin&status=lost&date=10.03.2026")).toEqual({
      tab: undefined,
      status: undefined,
      date: undefined,
      clinic: undefined,
    });
    expect(locationFromSearch("?tab=priority&status=declined").status).toBe("declined");
  });

  it("writes the keys in a fixed order and leaves empty ones out", () => {
    expect(pathForLocation("/staff", { clinic: "cln_1", tab: "day", date: "2026-03-10" })).toBe(
      "/staff?tab=day&date=2026-03-10&clinic=cln_1",
    );
    expect(pathForLocation("/staff/", { tab: undefined })).toBe("/staff");
    expect(pathForLocation("/", { tab: "journal" })).toBe("/?tab=journal");
  });

  it("gives administrators every tab, clinic staff the day only, patients none", () => {
    expect(tabsFor("admin").map((t) => t.id)).toEqual(["priority", "journal", "failed", "day", "partners"]);
    expect(tabsFor("clinic_staff").map((t) => t.id)).toEqual(["day"]);
    expect(tabsFor("patient")).toEqual([]);
    expect(tabsFor(undefined)).toEqual([]);
    expect(defaultTab("admin")).toBe("priority");
    expect(defaultTab("clinic_staff")).toBe("day");
    expect(defaultTab("patient")).toBeUndefined();
  });
});
