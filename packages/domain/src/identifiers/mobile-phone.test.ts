import { describe, expect, it } from "vitest";
import { checkMobilePhone, formatMobilePhone } from "./mobile-phone.ts";

describe("checkMobilePhone", () => {
  it.each([
    ["+79991234567"],
    ["+7 999 123-45-67"],
    ["+7 (999) 123-45-67"],
    ["8 999 123 45 67"],
    ["8(999)1234567"],
    ["89991234567"],
    ["79991234567"],
    ["7 999 123 45 67"],
    ["9991234567"],
    ["999 123-45-67"],
    ["+7\u00a0999\u00a0123\u00a045\u00a067"],
  ])("accepts %s as +79991234567", (input) => {
    expect(checkMobilePhone(input)).toEqual({ ok: true, value: "+79991234567" });
  });

  it("rejects landlines with phone_landline", () => {
    expect(checkMobilePhone("+7 495 123-45-67")).toMatchObject({
      ok: false,
      error: { code: "phone_landline", field: "phone" },
    });
    expect(checkMobilePhone("8 (812) 123-45-67")).toMatchObject({
      ok: false,
      error: { code: "phone_landline" },
    });
    expect(checkMobilePhone("4951234567")).toMatchObject({ ok: false, error: { code: "phone_landline" } });
  });

  it("rejects Kazakhstan (+7 7…) with phone_kazakhstan", () => {
    expect(checkMobilePhone("+7 701 123-45-67")).toMatchObject({
      ok: false,
      error: { code: "phone_kazakhstan" },
    });
    expect(checkMobilePhone("87011234567")).toMatchObject({ ok: false, error: { code: "phone_kazakhstan" } });
  });

  it("rejects too short, too long, other country codes and stray characters", () => {
    for (const input of [
      "+7999123456",
      "+799912345678",
      "999123456",
      "899912345678",
      "+8 999 123-45-67",
      "+1 999 123 45 67",
      "+7 999 123.45.67",
      "+7 999 123 45 6x",
      "++79991234567",
    ]) {
      expect(checkMobilePhone(input)).toMatchObject({ ok: false, error: { code: "phone_invalid_format" } });
    }
  });

  it("rejects empty input", () => {
    expect(checkMobilePhone(" ")).toMatchObject({ ok: false, error: { code: "phone_required" } });
  });
});

describe("formatMobilePhone", () => {
  it("formats as +7 9XX XXX-XX-XX", () => {
    expect(formatMobilePhone("+79991234567")).toBe("+7 999 123-45-67");
    expect(formatMobilePhone("8 999 1234567")).toBe("+7 999 123-45-67");
  });
  it("returns an invalid number unchanged", () => {
    expect(formatMobilePhone("+74951234567")).toBe("+74951234567");
  });
});
