import { describe, expect, it } from "vitest";
import { checkReferralNumber } from "./referral-number.ts";

describe("checkReferralNumber", () => {
  it("accepts 8 and 12 digits with separators", () => {
    expect(checkReferralNumber("1234 5678")).toEqual({ ok: true, value: "12345678" });
    expect(checkReferralNumber("1234-5678-9012")).toEqual({ ok: true, value: "123456789012" });
  });
  it("rejects 7 and 13 digits and letters", () => {
    for (const input of ["1234567", "1234567890123", "1234567A"]) {
      expect(checkReferralNumber(input)).toMatchObject({
        ok: false,
        error: { code: "referral_number_invalid_format", field: "referralNumber" },
      });
    }
  });
  it("rejects empty input", () => {
    expect(checkReferralNumber("")).toMatchObject({ ok: false, error: { code: "referral_number_required" } });
  });
});
