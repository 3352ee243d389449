import { describe, expect, it } from "vitest";
import { isSpecialtyCode } from "./is-specialty-code.ts";
import { SPECIALTIES, SPECIALTY_CODES } from "./specialties.ts";
import { specialtyAlternatives } from "./specialty-alternatives.ts";
import { specialtyServesAge } from "./specialty-serves-age.ts";

describe("specialties", () => {
  it("lists every code once, with Russian names", () => {
    expect(SPECIALTIES.map((s) => s.code)).toEqual([...SPECIALTY_CODES]);
    expect(SPECIALTIES.find((s) => s.code === "ultrasound")?.nameRu).toBe("УЗИ-диагностика");
    for (const s of SPECIALTIES) expect(s.nameRu).toMatch(/^[А-ЯЁ]/);
  });
  it("related is symmetric, never self, only known codes", () => {
    for (const s of SPECIALTIES) {
      expect(s.related).not.toContain(s.code);
      for (const r of s.related) {
        expect(isSpecialtyCode(r)).toBe(true);
        expect(SPECIALTIES.find((x) => x.code === r)?.related, `${r} → ${s.code}`).toContain(s.code);
      }
    }
  });
  it("isSpecialtyCode", () => {
    expect(isSpecialtyCode("therapist")).toBe(true);
    expect(isSpecialtyCode("Терапевт")).toBe(false);
    expect(isSpecialtyCode(42)).toBe(false);
  });
  it("pediatrician serves under 18 only", () => {
    expect(specialtyServesAge("pediatrician", 17)).toBe(true);
    expect(specialtyServesAge("pediatrician", 18)).toBe(false);
    expect(specialtyServesAge("therapist", 80)).toBe(true);
  });
  it("alternatives: related for a code, a table for unlisted services, the therapist otherwise", () => {
    expect(specialtyAlternatives("cardiologist")).toEqual(["therapist", "ultrasound"]);
    expect(specialtyAlternatives("Эндокринолог")).toEqual(["therapist", "laboratory"]);
    expect(specialtyAlternatives("детский хирург")).toEqual(["orthopedist", "therapist"]);
    expect(specialtyAlternatives("аллерголог")).toEqual(["therapist"]);
  });
  it("alternatives respect the patient's age", () => {
    expect(specialtyAlternatives("cardiologist", 10)).toEqual(["pediatrician", "ultrasound"]);
    expect(specialtyAlternatives("therapist", 40)).not.toContain("pediatrician");
    expect(specialtyAlternatives("pediatrician", 10)).toEqual(["therapist"]);
  });
});
