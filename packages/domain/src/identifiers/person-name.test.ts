import { describe, expect, it } from "vitest";
import { checkPersonName, sameName } from "./person-name.ts";

describe("checkPersonName", () => {
  it.each([
    ["Иванов", "Иванов"],
    ["  Пётр  ", "Пётр"],
    ["Салтыков-Щедрин", "Салтыков-Щедрин"],
    ["Анна  Мария", "Анна Мария"],
    ["Smith", "Smith"],
    ["D'Artagnan", "D'Artagnan"],
    ["O\u2019Brien", "O'Brien"],
    ["José", "José"],
    ["Ёлкина", "Ёлкина"],
  ])("accepts %s as %s", (input, value) => {
    expect(checkPersonName(input)).toEqual({ ok: true, value });
  });

  it("rejects a Latin homoglyph inside a Cyrillic name", () => {
    // "Ивaнов" with Latin a (U+0061), "Пeтр" with Latin e, "Smіth" with Cyrillic і.
    for (const input of ["Ивaнов", "Пeтр", "Smіth", "Ivan-Иванов"]) {
      expect(checkPersonName(input)).toEqual({
        ok: false,
        error: {
          code: "name_mixed_script",
          message: "Используйте буквы одного алфавита: кириллицу или латиницу",
          field: "name",
        },
      });
    }
  });

  it("rejects digits, other symbols and other scripts", () => {
    for (const input of ["Иван0в", "Иван!", "Ivan_", "Ἀλέξανδρος", "李"]) {
      expect(checkPersonName(input)).toMatchObject({ ok: false, error: { code: "name_invalid_characters" } });
    }
  });

  it("must start and end with a letter", () => {
    for (const input of ["-Иван", "'Anna", "Иван-"]) {
      expect(checkPersonName(input)).toMatchObject({
        ok: false,
        error: { code: "name_must_start_with_letter" },
      });
    }
  });

  it("rejects empty and too long names", () => {
    expect(checkPersonName("   ")).toMatchObject({ ok: false, error: { code: "name_required" } });
    expect(checkPersonName("А".repeat(100)).ok).toBe(true);
    expect(checkPersonName("А".repeat(101))).toMatchObject({ ok: false, error: { code: "name_too_long" } });
  });
});

describe("sameName", () => {
  it("ignores case, ё/е and spacing", () => {
    expect(sameName("Пётр", "ПЕТР")).toBe(true);
    expect(sameName("  Семёнов ", "семенов")).toBe(true);
    expect(sameName("Анна Мария", "анна  мария")).toBe(true);
  });
  it("still tells different names apart", () => {
    expect(sameName("Анна", "Алла")).toBe(false);
    expect(sameName("Иванов", "Иванова")).toBe(false);
  });
});
