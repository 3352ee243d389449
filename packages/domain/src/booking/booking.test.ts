import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canChangeAppointment } from "./can-change-appointment.ts";
import { findOverlappingAppointment } from "./find-overlapping-appointment.ts";
import { intervalsOverlap } from "./intervals-overlap.ts";
import { alternativeGroup, orderAlternatives, type AlternativeSlot } from "./order-alternatives.ts";

const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 3, 6, 0); // 09:00 MSK, 3 March 2025

describe("orderAlternatives", () => {
  const wanted: AlternativeSlot = { doctorId: "d1", clinicId: "c1", specialty: "cardiologist", start: T0 };
  it("same doctor → same clinic → other allowed clinics, nearest first; others dropped", () => {
    const c = (
      doctorId: string,
      clinicId: string,
      hours: number,
      specialty: AlternativeSlot["specialty"] = "cardiologist",
    ) => ({
      doctorId,
      clinicId,
      specialty,
      start: T0 + hours * H,
    });
    const result = orderAlternatives(
      wanted,
      [
        c("d9", "c2", 0.25), // other clinic, nearest of all
        c("d2", "c1", -2), // same clinic, 2 h before
        c("d1", "c1", 48), // same doctor, 2 days later
        c("d3", "c1", 1), // same clinic, 1 h after
        c("d1", "c1", -1), // same doctor, 1 h before
        c("d5", "c3", 0.5), // clinic not allowed
        c("d6", "c1", 0.5, "therapist"), // other specialty
        c("d1", "c1", 0), // the wanted slot itself
      ],
      ["c1", "c2"],
    );
    expect(result.map((s) => `${s.doctorId}@${(s.start - T0) / H}`)).toEqual([
      "d1@-1",
      "d1@48",
      "d3@1",
      "d2@-2",
      "d9@0.25",
    ]);
  });

  it("ties in distance go to the earlier slot", () => {
    const result = orderAlternatives(
      wanted,
      [
        { doctorId: "d1", clinicId: "c1", specialty: "cardiologist", start: T0 + H },
        { doctorId: "d1", clinicId: "c1", specialty: "cardiologist", start: T0 - H },
      ],
      ["c1"],
    );
    expect(result.map((s) => s.start)).toEqual([T0 - H, T0 + H]);
  });

  it("limits the list", () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...wanted, start: T0 + (i + 1) * H }));
    expect(orderAlternatives(wanted, many, ["c1"], 3)).toHaveLength(3);
  });

  const candidate = fc.record({
    doctorId: fc.constantFrom("d1", "d2", "d3", "d4"),
    clinicId: fc.constantFrom("c1", "c2", "c3"),
    specialty: fc.constantFrom<AlternativeSlot["specialty"][]>("cardiologist", "therapist"),
    start: fc.integer({ min: T0 - 100 * H, max: T0 + 100 * H }),
  });

  it("property: output is exactly the eligible candidates, in group order, nearest first within a group", () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 40 }),
        fc.subarray(["c1", "c2", "c3"]),
        (candidates, allowed) => {
          const out = orderAlternatives(wanted, candidates, allowed);
          const rank = { same_doctor: 0, same_clinic: 1, other_clinic: 2 } as const;
          const eligible = candidates.filter((s) => {
            const g = alternativeGroup(wanted, s, allowed);
            return g !== null && !(g === "same_doctor" && s.start === T0);
          });
          expect(out.length).toBe(eligible.length);
          for (const s of out) {
            expect(s.specialty).toBe("cardiologist");
            expect(allowed).toContain(s.clinicId);
          }
          for (let i = 1; i < out.length; i++) {
            const a = out[i - 1];
            const b = out[i];
            if (a === undefined || b === undefined) throw new Error("unreachable");
            const ga = rank[alternativeGroup(wanted, a, allowed) ?? "other_clinic"];
            const gb = rank[alternativeGroup(wanted, b, allowed) ?? "other_clinic"];
            expect(ga <= gb).toBe(true);
            if (ga === gb) expect(Math.abs(a.start - T0) <= Math.abs(b.start - T0)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("overlap", () => {
  it("adjacent intervals do not overlap; any shared minute does", () => {
    expect(intervalsOverlap({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(intervalsOverlap({ start: 10, end: 20 }, { start: 0, end: 10 })).toBe(false);
    expect(intervalsOverlap({ start: 0, end: 11 }, { start: 10, end: 20 })).toBe(true);
    expect(intervalsOverlap({ start: 12, end: 15 }, { start: 10, end: 20 })).toBe(true);
    expect(intervalsOverlap({ start: 12, end: 12 }, { start: 10, end: 20 })).toBe(false);
    expect(intervalsOverlap({ start: new Date(0), end: new Date(10) }, { start: 5, end: 6 })).toBe(true);
  });
  it("only active (booked) appointments count, and the one being rescheduled is skipped", () => {
    const apps = [
      { id: "a1", status: "cancelled" as const, start: T0, end: T0 + H },
      { id: "a2", status: "booked" as const, start: T0 + H, end: T0 + 2 * H },
    ];
    expect(findOverlappingAppointment({ start: T0, end: T0 + H }, apps)).toBeNull();
    expect(findOverlappingAppointment({ start: T0, end: T0 + H + 1 }, apps)?.id).toBe("a2");
    expect(findOverlappingAppointment({ start: T0, end: T0 + H + 1 }, apps, "a2")).toBeNull();
  });
  it("property: agrees with a minute-by-minute check", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(30), fc.nat(100), fc.nat(30), (as, al, bs, bl) => {
        let shared = false;
        for (let m = 0; m < 200; m++) if (m >= as && m < as + al && m >= bs && m < bs + bl) shared = true;
        expect(intervalsOverlap({ start: as, end: as + al }, { start: bs, end: bs + bl })).toBe(shared);
      }),
    );
  });
});

describe("canChangeAppointment", () => {
  const start = new Date("2025-03-04T06:00:00Z");
  it("allowed up to exactly 24 hours before", () => {
    expect(canChangeAppointment(start, new Date("2025-03-03T06:00:00Z"))).toEqual({
      ok: true,
      value: new Date("2025-03-03T06:00:00Z"),
    });
  });
  it("refused one second later, and after the start", () => {
    for (const now of ["2025-03-03T06:00:01Z", "2025-03-04T07:00:00Z"]) {
      expect(canChangeAppointment(start, new Date(now))).toMatchObject({
        ok: false,
        error: { code: "change_too_late" },
      });
    }
  });
  it("the cut-off is configurable", () => {
    expect(canChangeAppointment(start, new Date("2025-03-04T03:00:00Z"), 3).ok).toBe(true);
    expect(canChangeAppointment(start, new Date("2025-03-04T03:00:01Z"), 3).ok).toBe(false);
  });
});
