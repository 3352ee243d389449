import { SPECIALTIES } from "@priyom/domain";
import { describe, expect, it } from "vitest";
import { buildSearchEntries, editDistance, normalizeWords, searchServices } from "./search-matcher.ts";

const clinics = [
  { id: "cln_2", shortName: "ГП № 2", fullName: "ГАУЗ СО «Городская поликлиника № 2»" },
  { id: "cln_5", shortName: "ДГБ № 5", fullName: "Детская городская больница № 5" },
];
const entries = buildSearchEntries(SPECIALTIES, clinics);
const first = (query: string) => searchServices(query, entries)[0]?.path;

describe("editDistance", () => {
  it("counts inserts, deletes and substitutions, and stops past the limit", () => {
    expect(editDistance("кардиолог", "кардиолог")).toBe(0);
    expect(editDistance("кордиолог", "кардиолог")).toBe(1);
    expect(editDistance("кардилог", "кардиолог")).toBe(1);
    expect(editDistance("", "узи")).toBe(3);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("normalizeWords", () => {
  it("ignores case, ё/е, punctuation and short linking words", () => {
    expect(normalizeWords("  Запись к ВРАЧУ!  ")).toEqual(["запись", "врачу"]);
    expect(normalizeWords("Всё ещё")).toEqual(["все", "еще"]);
    expect(normalizeWords("ГП № 2")).toEqual(["гп", "2"]);
  });
});

describe("searchServices", () => {
  it("leads to the sections by what people call them", () => {
    expect(first("запись к врачу")).toBe("/calendar");
    expect(first("направление")).toBe("/referrals");
    expect(first("мои направления")).toBe("/referrals");
    expect(first("мои записи")).toBe("/appointments");
    expect(first("личный кабинет")).toBe("/cabinet");
    expect(first("профиль")).toBe("/cabinet");
  });

  it("leads to a specialty's referrals by its name or a synonym", () => {
    expect(first("кардиолог")).toBe("/referrals?specialty=cardiologist");
    expect(first("УЗИ")).toBe("/referrals?specialty=ultrasound");
    expect(first("глазной")).toBe("/referrals?specialty=ophthalmologist");
    expect(first("окулист")).toBe("/referrals?specialty=ophthalmologist");
    expect(first("анализы")).toBe("/referrals?specialty=laboratory");
  });

  it("tolerates typos, ё/е and unfinished words", () => {
    expect(first("кордиолог")).toBe("/referrals?specialty=cardiologist");
    expect(first("кардиалокг")).toBe("/referrals?specialty=cardiologist");
    expect(first("ЛИЧНЫЙ КАБИНЕТ")).toBe("/cabinet");
    expect(first("мои запеси")).toBe("/appointments");
    expect(first("невро")).toBe("/referrals?specialty=neurologist");
    expect(first("запись к врачо")).toBe("/calendar");
  });

  it("leads to a clinic's calendar by its short name", () => {
    expect(first("гп 2")).toBe("/calendar?clinic=cln_2");
    expect(first("детская больница")).toBe("/calendar?clinic=cln_5");
  });

  it("answers nothing for one letter or for nonsense", () => {
    expect(searchServices("к", entries)).toEqual([]);
    expect(searchServices("йцукен", entries)).toEqual([]);
    expect(searchServices("", entries)).toEqual([]);
  });

  it("offers each place once, at most `limit`", () => {
    const results = searchServices("врач", entries, 3);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(new Set(results.map((r) => r.path)).size).toBe(results.length);
  });
});
