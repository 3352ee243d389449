import { describe, expect, it } from "vitest";
import { checkPassport, passportExpiresOn, type PassportInput } from "./passport.ts";

const base: PassportInput = {
  series: "4508",
  number: "123456",
  departmentCode: "770-001",
  issuedOn: "2014-06-01",
  birthDate: "2000-05-10",
};
const check = (over: Partial<PassportInput>, today = "2015-01-01") =>
  checkPassport({ ...base, ...over }, today);

describe("checkPassport: formats", () => {
  it("normalises series, department code and a ДД.ММ.ГГГГ issue date", () => {
    expect(check({ series: "45 08", departmentCode: "770001", issuedOn: "01.06.2014" })).toEqual({
      ok: true,
      value: {
        series: "4508",
        number: "123456",
        departmentCode: "770-001",
        issuedOn: "2014-06-01",
        birthDate: "2000-05-10",
        expiresOn: "2020-08-08",
      },
    });
  });

  it("rejects a bad series and number, naming the field", () => {
    expect(check({ series: "450" })).toMatchObject({
      ok: false,
      error: { code: "passport_series_invalid", field: "series" },
    });
    expect(check({ series: "45O8" })).toMatchObject({ ok: false, error: { field: "series" } });
    expect(check({ number: "12345" })).toMatchObject({
      ok: false,
      error: { code: "passport_number_invalid", field: "number" },
    });
    expect(check({ number: "12345a" })).toMatchObject({ ok: false, error: { field: "number" } });
  });

  it.each(["77-0001", "7700-01", "770 001", "77000", "770-0011", "-770001", "770001-", "770--001"])(
    "rejects department code %s",
    (departmentCode) => {
      expect(check({ departmentCode })).toMatchObject({
        ok: false,
        error: { code: "passport_department_code_invalid", field: "departmentCode" },
      });
    },
  );

  it("rejects impossible dates", () => {
    expect(check({ issuedOn: "31.02.2015" }, "2016-01-01")).toMatchObject({
      ok: false,
      error: { code: "passport_issue_date_invalid", field: "issuedOn" },
    });
    expect(check({ birthDate: "2000-02-30" })).toMatchObject({
      ok: false,
      error: { code: "birth_date_invalid", field: "birthDate" },
    });
    expect(check({ birthDate: "2030-01-01" })).toMatchObject({
      ok: false,
      error: { code: "birth_date_in_future", field: "birthDate" },
    });
  });
});

describe("checkPassport: issue date", () => {
  it("issued exactly on the 14th birthday is fine; the day before is not", () => {
    expect(check({ issuedOn: "2014-05-10" }).ok).toBe(true);
    expect(check({ issuedOn: "2014-05-09" })).toMatchObject({
      ok: false,
      error: { code: "passport_issued_before_14", field: "issuedOn" },
    });
  });

  it("1997-10-01 is the first possible issue date; 1997-09-30 is too early", () => {
    const older = { birthDate: "1980-01-01" };
    expect(check({ ...older, issuedOn: "1997-10-01" }, "1998-01-01").ok).toBe(true);
    expect(check({ ...older, issuedOn: "1997-09-30" }, "1998-01-01")).toMatchObject({
      ok: false,
      error: { code: "passport_issue_date_too_early", field: "issuedOn" },
    });
  });

  it("issued today is fine; tomorrow is in the future", () => {
    expect(check({ issuedOn: "2015-01-01" }, "2015-01-01").ok).toBe(true);
    expect(check({ issuedOn: "2015-01-02" }, "2015-01-01")).toMatchObject({
      ok: false,
      error: { code: "passport_issue_date_in_future", field: "issuedOn" },
    });
  });
});

describe("checkPassport: replacement at 20 and 45 with 90 days' grace", () => {
  it("issued before 20: valid through the 20th birthday + 90 days, expired the next day", () => {
    // 20th birthday 2020-05-10 + 90 days = 2020-08-08.
    expect(check({}, "2020-08-08")).toMatchObject({ ok: true, value: { expiresOn: "2020-08-08" } });
    expect(check({}, "2020-08-09")).toMatchObject({
      ok: false,
      error: { code: "passport_expired", field: "issuedOn" },
    });
  });

  it("issued the day before the 20th birthday still expires at 20", () => {
    expect(passportExpiresOn("2020-05-09", "2000-05-10")).toBe("2020-08-08");
  });

  it("issued on the 20th birthday is replaced at 45", () => {
    // 45th birthday 2045-05-10 + 90 days = 2045-08-08.
    expect(check({ issuedOn: "2020-05-10" }, "2045-08-08")).toMatchObject({
      ok: true,
      value: { expiresOn: "2045-08-08" },
    });
    expect(check({ issuedOn: "2020-05-10" }, "2045-08-09")).toMatchObject({
      ok: false,
      error: { code: "passport_expired" },
    });
  });

  it("issued on or after the 45th birthday has no end; the day before expires at 45 + 90", () => {
    const b = { birthDate: "1960-03-15" };
    expect(check({ ...b, issuedOn: "2005-03-15" }, "2060-01-01")).toMatchObject({
      ok: true,
      value: { expiresOn: null },
    });
    expect(check({ ...b, issuedOn: "2010-01-01" }, "2060-01-01")).toMatchObject({
      ok: true,
      value: { expiresOn: null },
    });
    expect(check({ ...b, issuedOn: "2005-03-14" }, "2005-06-13")).toMatchObject({
      ok: true,
      value: { expiresOn: "2005-06-13" },
    });
    expect(check({ ...b, issuedOn: "2005-03-14" }, "2005-06-14")).toMatchObject({
      ok: false,
      error: { code: "passport_expired" },
    });
  });
});

describe("checkPassport: born on 29 February", () => {
  const leap = { birthDate: "2004-02-29" };
  it("the 14th birthday falls on 1 March in a non-leap year", () => {
    expect(check({ ...leap, issuedOn: "2018-03-01" }, "2018-06-01").ok).toBe(true);
    expect(check({ ...leap, issuedOn: "2018-02-28" }, "2018-06-01")).toMatchObject({
      ok: false,
      error: { code: "passport_issued_before_14" },
    });
  });
  it("the 20th birthday (2024, leap) is 29 February; the 45th (2049) is 1 March", () => {
    expect(passportExpiresOn("2018-03-01", "2004-02-29")).toBe("2024-05-29");
    expect(passportExpiresOn("2049-02-28", "2004-02-29")).toBe("2049-05-30");
    expect(passportExpiresOn("2049-03-01", "2004-02-29")).toBeNull();
  });
});
