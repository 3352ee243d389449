import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOgrn } from "./ogrn.ts";

// Independent remainder by long division over the digit string (no BigInt).
function remainder(digits: string, divisor: number): number {
  return [...digits].reduce((r, d) => (r * 10 + Number(d)) % divisor, 0);
}
const checkDigit = (body: string) => String(remainder(body, body.length === 14 ? 13 : 11) % 10);

describe("checkOgrn", () => {
  it("accepts the real ОГРН 1027700132195", () => {
    expect(checkOgrn("1027700132195")).toEqual({ ok: true, value: "1027700132195" });
  });
  it("accepts the real ОГРНИП 304500116000157", () => {
    expect(checkOgrn("304500116000157")).toEqual({ ok: true, value: "304500116000157" });
  });
  it("rejects a wrong check digit", () => {
    expect(checkOgrn("1027700132196")).toMatchObject({
      ok: false,
      error: { code: "ogrn_checksum", field: "ogrn" },
    });
    expect(checkOgrn("304500116000158")).toMatchObject({ ok: false, error: { code: "ogrn_checksum" } });
  });
  it("accepts an ОГРН starting with 5", () => {
    const body = "502770013219";
    expect(checkOgrn(body + checkDigit(body)).ok).toBe(true);
  });
  it("enforces first digits: 13 digits → 1 or 5, 15 digits → 3", () => {
    for (const first of ["0", "2", "3", "4", "6", "7", "8", "9"]) {
      const body = first + "02770013219";
      expect(checkOgrn(body + checkDigit(body))).toMatchObject({
        ok: false,
        error: { code: "ogrn_invalid_first_digit" },
      });
    }
    for (const first of ["1", "2", "5"]) {
      const body = first + "0450011600015";
      expect(checkOgrn(body + checkDigit(body))).toMatchObject({
        ok: false,
        error: { code: "ogrn_invalid_first_digit" },
      });
    }
  });
  it("rejects other lengths, letters and empty input", () => {
    expect(checkOgrn("10277001321")).toMatchObject({ ok: false, error: { code: "ogrn_invalid_format" } });
    expect(checkOgrn("10277001321950")).toMatchObject({ ok: false, error: { code: "ogrn_invalid_format" } });
    expect(checkOgrn("102770013219X")).toMatchObject({ ok: false, error: { code: "ogrn_invalid_format" } });
    expect(checkOgrn("")).toMatchObject({ ok: false, error: { code: "ogrn_required" } });
  });

  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
  const ogrnBody = fc.tuple(fc.constantFrom("1", "5"), digits(11)).map(([f, rest]) => f + rest);
  const ogrnipBody = fc.tuple(fc.constant("3"), digits(13)).map(([f, rest]) => f + rest);

  for (const [name, bodies] of [
    ["ОГРН", ogrnBody],
    ["ОГРНИП", ogrnipBody],
  ] as const) {
    it(`property: a generated valid ${name} passes; a single-digit change fails unless remainders collide mod 10`, () => {
      fc.assert(
        fc.property(bodies, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, p, delta) => {
          const valid = body + checkDigit(body);
          expect(checkOgrn(valid)).toEqual({ ok: true, value: valid });
          const pos = p % valid.length;
          const changed = [...valid];
          changed[pos] = String((Number(changed[pos]) + delta) % 10);
          const c = changed.join("");
          const divisor = body.length === 14 ? 13 : 11;
          const firstOk = valid.length === 13 ? c[0] === "1" || c[0] === "5" : c[0] === "3";
          // The only escape inherent to the rule: two different remainders with the same last digit
          // (0 and 10 for mod 11; 0/10, 1/11, 2/12 for mod 13).
          const r1 = remainder(body, divisor);
          const r2 = remainder(c.slice(0, -1), divisor);
          const collides = pos < body.length && r1 !== r2 && r1 % 10 === r2 % 10;
          expect(checkOgrn(c).ok).toBe(firstOk && collides);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
