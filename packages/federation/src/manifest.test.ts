import { describe, expect, it } from "vitest";
import { parseRemotesManifest } from "./manifest.ts";

const good = {
  cabinet: { entry: "/remotes/cabinet/remoteEntry.js", version: "0.1.0" },
  referrals: { entry: "/remotes/referrals/remoteEntry.js", version: "0.1.0" },
  calendar: { entry: "https://cdn.example/calendar/mf-manifest.json", version: "0.2.0" },
  "my-appointments": { entry: "/remotes/my-appointments/remoteEntry.js", version: "0.1.0" },
  staff: { entry: "/remotes/staff/remoteEntry.js", version: "0.1.0" },
};

describe("parseRemotesManifest", () => {
  it("accepts a complete manifest", () => {
    const parsed = parseRemotesManifest(good);
    expect(parsed.broken).toEqual([]);
    expect(parsed.remotes).toEqual(good);
    expect(parsed.unknown).toEqual([]);
  });

  it("reports each broken entry by name and keeps the good ones", () => {
    const parsed = parseRemotesManifest({
      ...good,
      referrals: { entry: "", version: "0.1.0" },
      calendar: "calendar.js",
      "my-appointments": { entry: "/x.js" },
    });
    expect(Object.keys(parsed.remotes)).toEqual(["cabinet", "staff"]);
    expect(parsed.broken).toEqual([
      { name: "referrals", problem: "entry must be a non-empty string" },
      { name: "calendar", problem: "not an object" },
      { name: "my-appointments", problem: "version must be a non-empty string" },
    ]);
  });

  it("reports a missing remote", () => {
    const { cabinet: _cabinet, ...rest } = good;
    const parsed = parseRemotesManifest(rest);
    expect(parsed.broken).toEqual([{ name: "cabinet", problem: "missing" }]);
  });

  it("reports a manifest written before the staff section as missing only that remote", () => {
    const { staff: _staff, ...fourRemotes } = good;
    const parsed = parseRemotesManifest(fourRemotes);
    expect(Object.keys(parsed.remotes)).toEqual(["cabinet", "referrals", "calendar", "my-appointments"]);
    expect(parsed.broken).toEqual([{ name: "staff", problem: "missing" }]);
  });

  it("lists unknown keys without failing", () => {
    expect(parseRemotesManifest({ ...good, admin: { entry: "/a.js", version: "1" } }).unknown).toEqual([
      "admin",
    ]);
  });

  it.each([null, [], "text", 42])("marks every remote broken when the file is %j", (input) => {
    const parsed = parseRemotesManifest(input);
    expect(parsed.remotes).toEqual({});
    expect(parsed.broken.map((b) => b.name)).toEqual([
      "cabinet",
      "referrals",
      "calendar",
      "my-appointments",
      "staff",
    ]);
  });
});
