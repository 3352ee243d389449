import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEnp, luhnValid } from "./enp.ts";

// Independent Luhn: the check digit that makes the body valid, computed left to right.
function luhnCheckDigit(body: string): string {
  const sum = [...body]
    .reverse()
    .map((d, i) => (i % 2 === 0 ? ([0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(d)] ?? 0) : Number(d)))
    .reduce((a, b) => a + b, 0);
  return String((10 - (sum % 10)) % 10);
}

describe("checkEnp", () => {
  it("accepts a Luhn-valid 16-digit number with separators", () => {
    expect(checkEnp("1234 5678 9012 3452")).toEqual({ ok: true, value: "1234567890123452" });
    expect(checkEnp("1234-5678-9012-3452")).toEqual({ ok: true, value: "1234567890123452" });
    expect(checkEnp("1234\u00a05678\u00a09012\u00a03452").ok).toBe(true);
  });
  it("rejects a wrong check digit", () => {
    expect(checkEnp("1234567890123456")).toEqual({
      ok: false,
      error: { code: "enp_checksum", message: "Неверное контрольное число номера полиса", field: "enp" },
    });
  });
  it("rejects all zeros even though they pass Luhn", () => {
    expect(luhnValid("0000000000000000")).toBe(true);
    expect(checkEnp("0000 0000 0000 0000")).toMatchObject({ ok: false, error: { code: "enp_all_zeros" } });
  });
  it("rejects 15 or 17 digits, letters and empty input", () => {
    expect(checkEnp("123456789012345")).toMatchObject({ ok: false, error: { code: "enp_invalid_format" } });
    expect(checkEnp("12345678901234520")).toMatchObject({ ok: false, error: { code: "enp_invalid_format" } });
    expect(checkEnp("123456789012345A")).toMatchObject({
      ok: false,
      error: { code: "enp_invalid_format", message: "Неверный формат номера полиса: нужно 16 цифр" },
    });
    expect(checkEnp("")).toMatchObject({ ok: false, error: { code: "enp_required" } });
  });
  it("luhnValid agrees with the textbook example 79927398713", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
  });

  const body = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 })
    .map((ds) => ds.join(""))
    .filter((s) => !/^0+$/.test(s));

  it("property: a generated valid ЕНП passes and any single-digit change fails", () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const valid = b + luhnCheckDigit(b);
        expect(checkEnp(valid)).toEqual({ ok: true, value: valid });
        const digits = [...valid];
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(checkEnp(digits.join("")).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
