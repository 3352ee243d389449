import { describe, expect, it } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createShellRouter } from "./router.ts";
import { SHELL_SECTIONS, sectionsFor } from "./sections.ts";

const paths = (role: "patient" | "clinic_staff" | "admin" | null) =>
  sectionsFor(role === null ? null : { role }).map((s) => s.path);

describe("shell sections", () => {
  it("has one section per remote, the staff one last at /staff", () => {
    expect(SHELL_SECTIONS.map((s) => [s.remote, s.path])).toEqual([
      ["cabinet", "/cabinet"],
      ["referrals", "/referrals"],
      ["calendar", "/calendar"],
      ["my-appointments", "/appointments"],
      ["staff", "/staff"],
    ]);
    expect(SHELL_SECTIONS.at(-1)?.title).toBe("Работа с записями");
  });

  it("offers «Работа с записями» to clinic staff and administrators only", () => {
    const everyone = ["/cabinet", "/referrals", "/calendar", "/appointments"];
    expect(paths(null)).toEqual(everyone);
    expect(paths("patient")).toEqual(everyone);
    expect(paths("clinic_staff")).toEqual([...everyone, "/staff"]);
    expect(paths("admin")).toEqual([...everyone, "/staff"]);
  });

  it("routes /staff and its sub-paths to the staff remote for everyone (the remote explains refusals)", () => {
    const router = createShellRouter(createMemoryHistory());
    const route = router.resolve("/staff?tab=journal");
    expect(route.name).toBe("staff");
    expect(route.meta.title).toBe("Работа с записями — Приём");
    expect(router.resolve("/staff/anything").name).toBe("staff");
  });
});
