import { addDays } from "../dates/add-days.ts";
import { anniversary } from "../dates/anniversary.ts";
import { parseDateInput } from "../dates/parse-date-input.ts";
import { isIsoDate } from "../dates/parse-iso-date.ts";
import { fail, ok, type Result } from "../errors/result.ts";

/** Passport data as typed by the patient. */
export type PassportInput = {
  series: string;
  number: string;
  departmentCode: string;
  issuedOn: string;
  birthDate: string;
};

/** Normalised passport data with the last day it is valid (`null`: no end). */
export type CheckedPassport = PassportInput & { expiresOn: string | null };

/** The first day passports of the current type were issued. */
export const PASSPORT_FIRST_ISSUE_DATE = "1997-10-01";
/** Days a passport stays valid past the birthday on which it must be replaced (that day is its last). */
export const PASSPORT_REPLACEMENT_GRACE_DAYS = 90;

/**
 * Checks a Russian internal passport on `today` (`YYYY-MM-DD`) and normalises it: series 4 digits
 * (spaces inside are dropped), number 6 digits, department code `NNN-NNN` (six bare digits accepted,
 * a hyphen anywhere else is an error), dates as `YYYY-MM-DD` (the issue and birth dates may also be
 * typed `ДД.ММ.ГГГГ`).
 *
 * It must be issued on or after the 14th birthday, not after `today`, not before 1997-10-01. Issued
 * before the 20th birthday it is replaced at 20; issued from the 20th birthday on, at 45; it stays
 * valid 90 days past that birthday, the 90th day being its last (`expiresOn`). Issued from the 45th
 * birthday on it has no end (`expiresOn: null`). A 29 February birthday falls on 1 March in other
 * years. Checks run field by field and the first failure is returned, naming its field. Throws a
 * RangeError when `today` is not a valid date (a bug in the caller).
 *
 * @example
 * checkPassport(
 *   { series: "45 08", number: "123456", departmentCode: "770001", issuedOn: "15.06.2010", birthDate: "1990-05-10" },
 *   "2025-03-02",
 * );
 * // { ok: true, value: { series: "4508", number: "123456", departmentCode: "770-001",
 * //   issuedOn: "2010-06-15", birthDate: "1990-05-10", expiresOn: "2035-08-08" } }
 */
export function checkPassport(p: PassportInput, today: string): Result<CheckedPassport> {
  if (!isIsoDate(today)) throw new RangeError(`Invalid today: ${today}`);
  const series = p.series.replace(/[ \u00a0]/g, "");
  if (!/^[0-9]{4}$/.test(series)) return fail("passport_series_invalid", "series");
  const number = p.number.replace(/[ \u00a0]/g, "");
  if (!/^[0-9]{6}$/.test(number)) return fail("passport_number_invalid", "number");
  const code = p.departmentCode.trim();
  if (!/^[0-9]{3}-?[0-9]{3}$/.test(code)) return fail("passport_department_code_invalid", "departmentCode");
  const departmentCode = `${code.slice(0, 3)}-${code.slice(-3)}`;

  const birthDate = parseDateInput(p.birthDate);
  if (birthDate === null) return fail("birth_date_invalid", "birthDate");
  if (birthDate > today) return fail("birth_date_in_future", "birthDate");
  const issuedOn = parseDateInput(p.issuedOn);
  if (issuedOn === null) return fail("passport_issue_date_invalid", "issuedOn");
  if (issuedOn > today) return fail("passport_issue_date_in_future", "issuedOn");
  if (issuedOn < PASSPORT_FIRST_ISSUE_DATE) return fail("passport_issue_date_too_early", "issuedOn");
  if (issuedOn < anniversary(birthDate, 14)) return fail("passport_issued_before_14", "issuedOn");

  const expiresOn = passportExpiresOn(issuedOn, birthDate);
  if (expiresOn !== null && today > expiresOn) return fail("passport_expired", "issuedOn");
  return ok({ series, number, departmentCode, issuedOn, birthDate, expiresOn });
}

/**
 * The last day a passport issued on `issuedOn` is valid for someone born on `birthDate` (both
 * `YYYY-MM-DD`): 90 days past the 20th birthday when issued before it, 90 days past the 45th when
 * issued before that, otherwise `null` (no end).
 *
 * @example
 * passportExpiresOn("2018-06-01", "2004-02-29"); // "2024-05-29" (20th birthday 2024-02-29 + 90 days)
 * passportExpiresOn("2024-02-29", "2004-02-29"); // "2049-05-30" (45th birthday 2049-03-01 + 90 days)
 * passportExpiresOn("2049-03-01", "2004-02-29"); // null
 */
export function passportExpiresOn(issuedOn: string, birthDate: string): string | null {
  const twentieth = anniversary(birthDate, 20);
  const fortyFifth = anniversary(birthDate, 45);
  if (issuedOn < twentieth) return addDays(twentieth, PASSPORT_REPLACEMENT_GRACE_DAYS);
  if (issuedOn < fortyFifth) return addDays(fortyFifth, PASSPORT_REPLACEMENT_GRACE_DAYS);
  return null;
}
