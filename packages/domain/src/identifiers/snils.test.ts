import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSnils, formatSnils } from "./snils.ts";

// An independent oracle: reduce the weighted sum mod 101 first, then map 100 to 0.
function oracleCheck(firstNine: string): string {
  const sum = [...firstNine].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const r = sum % 101;
  return String(r === 100 ? 0 : r).padStart(2, "0");
}
const weightedSum = (nine: string) => [...nine].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);

describe("checkSnils", () => {
  it("accepts the classic 112-233-445 95 and returns bare digits", () => {
    expect(checkSnils("112-233-445 95")).toEqual({ ok: true, value: "11223344595" });
  });

  it("normalises spaces, hyphens and NBSP", () => {
    expect(checkSnils(" 112 233 445\u00a095 ")).toEqual({ ok: true, value: "11223344595" });
    expect(checkSnils("112-233-445-95")).toEqual({ ok: true, value: "11223344595" });
  });

  it("rejects a wrong check number with snils_checksum and field snils", () => {
    const r = checkSnils("112-233-445 96");
    expect(r).toEqual({
      ok: false,
      error: { code: "snils_checksum", message: "Неверное контрольное число СНИЛС", field: "snils" },
    });
  });

  it("sum below 100 is the check number itself (sum 95)", () => {
    expect(weightedSum("112233445")).toBe(95);
    expect(checkSnils("11223344595").ok).toBe(true);
  });

  it("sum exactly 100 gives 00", () => {
    expect(weightedSum("001508815")).toBe(100);
    expect(checkSnils("001508815 00").ok).toBe(true);
    expect(checkSnils("001508815 01").ok).toBe(false);
  });

  it("sum exactly 101 gives 00", () => {
    expect(weightedSum("001437544")).toBe(101);
    expect(checkSnils("00143754400").ok).toBe(true);
    expect(checkSnils("00143754401").ok).toBe(false);
  });

  it("sum above 101 gives sum mod 101 (107 → 06)", () => {
    expect(weightedSum("001168298")).toBe(107);
    expect(checkSnils("00116829806").ok).toBe(true);
    expect(checkSnils("00116829807").ok).toBe(false);
  });

  it("sum above 101 with remainder 100 gives 00 (201)", () => {
    expect(weightedSum("006996682")).toBe(201);
    expect(checkSnils("00699668200").ok).toBe(true);
    expect(checkSnils("00699668299").ok).toBe(false);
  });

  it("does not check numbers up to and including 001-001-998", () => {
    expect(checkSnils("001-001-998 00").ok).toBe(true);
    expect(checkSnils("001-001-998 77").ok).toBe(true);
    expect(checkSnils("000-000-001 42").ok).toBe(true);
  });

  it("checks 001-001-999, the first checked number", () => {
    const check = oracleCheck("001001999");
    expect(checkSnils(`001-001-999 ${check}`).ok).toBe(true);
    const wrong = String((Number(check) + 1) % 100).padStart(2, "0");
    expect(checkSnils(`001-001-999 ${wrong}`)).toMatchObject({
      ok: false,
      error: { code: "snils_checksum" },
    });
  });

  it("rejects all zeros", () => {
    expect(checkSnils("000-000-000 00")).toMatchObject({ ok: false, error: { code: "snils_all_zeros" } });
  });

  it("rejects letters, other characters, wrong length and empty input", () => {
    expect(checkSnils("112-233-445 9O")).toMatchObject({
      ok: false,
      error: { code: "snils_invalid_format" },
    });
    expect(checkSnils("112.233.445 95")).toMatchObject({
      ok: false,
      error: { code: "snils_invalid_format" },
    });
    expect(checkSnils("112-233-445 9")).toMatchObject({ ok: false, error: { code: "snils_invalid_format" } });
    expect(checkSnils("112-233-445 950")).toMatchObject({
      ok: false,
      error: { code: "snils_invalid_format" },
    });
    expect(checkSnils("１１２２３３４４５９５")).toMatchObject({
      ok: false,
      error: { code: "snils_invalid_format" },
    });
    expect(checkSnils("  ")).toMatchObject({ ok: false, error: { code: "snils_required" } });
  });

  const checkedNine = fc.integer({ min: 1_001_999, max: 999_999_999 }).map((n) => String(n).padStart(9, "0"));

  it("property: a generated valid СНИЛС above the unchecked range always passes", () => {
    fc.assert(
      fc.property(checkedNine, (nine) => {
        expect(checkSnils(nine + oracleCheck(nine))).toEqual({ ok: true, value: nine + oracleCheck(nine) });
      }),
    );
  });

  it("property: a single-digit change fails, except the two documented escapes", () => {
    // Escapes, both inherent to the rule: the change lands in the unchecked range, or the weighted
    // sums map to 00 through different branches (remainders 0 and 100, e.g. sums 100 and 101).
    fc.assert(
      fc.property(
        checkedNine,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, pos, delta) => {
          const valid = nine + oracleCheck(nine);
          const digits = [...valid];
          digits[pos] = String((Number(digits[pos]) + delta) % 10);
          const changed = digits.join("");
          const changedNine = changed.slice(0, 9);
          const unchecked = Number(changedNine) <= 1_001_998;
          const remainders = new Set([weightedSum(nine) % 101, weightedSum(changedNine) % 101]);
          const collision = pos < 9 && remainders.has(0) && remainders.has(100);
          const allZeros = /^0+$/.test(changed);
          expect(checkSnils(changed).ok).toBe((unchecked || collision) && !allZeros);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("the sum-100/sum-101 escape is real: both share check 00", () => {
    // 001508815 (sum 100) → 001508816 (sum 101): one digit apart, both valid with 00.
    expect(checkSnils("00150881500").ok).toBe(true);
    expect(checkSnils("00150881600").ok).toBe(true);
  });
});

describe("formatSnils", () => {
  it("formats as XXX-XXX-XXX YY", () => {
    expect(formatSnils("11223344595")).toBe("112-233-445 95");
    expect(formatSnils("112 233 445 95")).toBe("112-233-445 95");
  });
  it("returns input that is not 11 digits unchanged", () => {
    expect(formatSnils("12345")).toBe("12345");
  });
});
