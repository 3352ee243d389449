import { describe, expect, it } from "vitest";
import { checkBirthCertificate } from "./birth-certificate.ts";

const TODAY = "2026-11-26";
const valid = { series: "IV-МЮ", number: "123456", issuedOn: "2016-09-10", birthDate: "2016-09-01" };

describe("checkBirthCertificate", () => {
  it("accepts a Roman numeral, a hyphen and two Cyrillic capitals, and a 6-digit number", () => {
    expect(checkBirthCertificate(valid, TODAY)).toEqual({ ok: true, value: valid });
    expect(checkBirthCertificate({ ...valid, series: "XIX - АБ", issuedOn: "10.09.2016" }, TODAY)).toEqual({
      ok: true,
      value: { ...valid, series: "XIX-АБ" },
    });
    expect(checkBirthCertificate({ ...valid, series: "CCCXCIX-ЁЖ" }, TODAY).ok).toBe(true);
  });

  it.each([
    ["Latin letters after the hyphen", "IV-MU"],
    ["Cyrillic look-alike І in the numeral", "ІV-МЮ"],
    ["Cyrillic Х for X", "Х-МЮ"],
    ["lower-case letters", "iv-мю"],
    ["not a Roman numeral (IIII)", "IIII-МЮ"],
    ["M is not among the allowed numerals", "M-МЮ"],
    ["no hyphen", "IVМЮ"],
    ["three letters", "IV-МЮА"],
    ["empty numeral", "-МЮ"],
  ])("refuses a series with %s", (_why, series) => {
    const result = checkBirthCertificate({ ...valid, series }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: "birth_certificate_series_invalid", field: "series" });
  });

  it.each(["12345", "1234567", "12345а"])("refuses the number %s", (number) => {
    const result = checkBirthCertificate({ ...valid, number }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.field).toBe("number");
  });

  it("accepts an issue date on the birth date, refuses the day before", () => {
    expect(checkBirthCertificate({ ...valid, issuedOn: "2016-09-01" }, TODAY).ok).toBe(true);
    const before = checkBirthCertificate({ ...valid, issuedOn: "2016-08-31" }, TODAY);
    expect(before.ok).toBe(false);
    if (!before.ok)
      expect(before.error).toMatchObject({
        code: "birth_certificate_issued_before_birth",
        field: "issuedOn",
      });
  });

  it("refuses impossible and future dates", () => {
    const impossible = checkBirthCertificate({ ...valid, issuedOn: "31.02.2017" }, TODAY);
    expect(impossible.ok).toBe(false);
    if (!impossible.ok) expect(impossible.error.code).toBe("birth_certificate_issue_date_invalid");
    const future = checkBirthCertificate({ ...valid, issuedOn: "2026-11-27" }, TODAY);
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.code).toBe("birth_certificate_issue_date_in_future");
    const unborn = checkBirthCertificate(
      { ...valid, birthDate: "2027-01-01", issuedOn: "2027-01-02" },
      TODAY,
    );
    expect(unborn.ok).toBe(false);
    if (!unborn.ok) expect(unborn.error.code).toBe("birth_date_in_future");
  });
});
