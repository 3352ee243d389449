import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message.ts";
import { isDomainErrorCode } from "./is-domain-error-code.ts";
import { ERROR_MESSAGES } from "./messages.ts";
import { fail, ok } from "./result.ts";

describe("error registry", () => {
  it("every code is snake_case with a Cyrillic ru and a Latin en message", () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(m.ru, code).toMatch(/[А-ЯЁа-яё]/);
      expect(m.en, code).toMatch(/^[\x20-\x7e–—…]+$/);
    }
  });
  it("errorMessage reads both locales", () => {
    expect(errorMessage("snils_checksum", "ru")).toBe("Неверное контрольное число СНИЛС");
    expect(errorMessage("snils_checksum", "en")).toBe("Wrong SNILS check number");
  });
  it("ok/fail build results with the Russian message", () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(fail("passport_expired", "issuedOn")).toEqual({
      ok: false,
      error: { code: "passport_expired", message: ERROR_MESSAGES.passport_expired.ru, field: "issuedOn" },
    });
    expect(fail("slot_taken")).toEqual({
      ok: false,
      error: { code: "slot_taken", message: "Это время уже занято" },
    });
  });
  it("isDomainErrorCode", () => {
    expect(isDomainErrorCode("referral_already_booked")).toBe(true);
    expect(isDomainErrorCode("toString")).toBe(false);
  });
});
