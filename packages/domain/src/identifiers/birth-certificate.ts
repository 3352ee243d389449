import { compareIsoDates } from "../dates/compare-iso-dates.ts";
import { parseDateInput } from "../dates/parse-date-input.ts";
import { fail, ok, type Result } from "../errors/result.ts";
import { stripSeparators } from "./strip-separators.ts";

/** A Roman numeral in Latin capitals I, V, X, L, C (1…399), as printed in the series. */
const ROMAN_NUMERAL = /^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
/** Two Cyrillic capitals (Ё included). */
const CYRILLIC_PAIR = /^[А-ЯЁ]{2}$/;

export interface BirthCertificateInput {
  series: string;
  number: string;
  issuedOn: string;
  birthDate: string;
}

/**
 * Checks a Russian birth certificate (свидетельство о рождении) of a child.
 *
 * The series is a Roman numeral in Latin capitals, a hyphen, and two Cyrillic capitals (`IV-МЮ`);
 * spaces around the hyphen are dropped and a missing hyphen is not guessed. Cyrillic look-alikes in
 * the Roman part (`І`, `Х`, `С`) are refused: the numeral is printed in Latin letters. The number is
 * 6 digits. The issue date (`YYYY-MM-DD` or `ДД.ММ.ГГГГ`) is not before the birth date and not after
 * `today`.
 *
 * @example
 * checkBirthCertificate({ series: "IV-МЮ", number: "123456", issuedOn: "2016-09-10", birthDate: "2016-09-01" }, "2026-11-26");
 * // { ok: true, value: { series: "IV-МЮ", number: "123456", issuedOn: "2016-09-10", birthDate: "2016-09-01" } }
 * checkBirthCertificate({ series: "IV-MU", … }, today); // { ok: false, error: { code: "birth_certificate_series_invalid", field: "series", … } }
 */
export function checkBirthCertificate(
  input: BirthCertificateInput,
  today: string,
): Result<BirthCertificateInput> {
  const series = input.series.trim().replace(/\s*-\s*/, "-");
  const [roman = "", letters = "", ...rest] = series.split("-");
  if (rest.length > 0 || roman === "" || !ROMAN_NUMERAL.test(roman) || !CYRILLIC_PAIR.test(letters)) {
    return fail("birth_certificate_series_invalid", "series");
  }
  const number = stripSeparators(input.number);
  if (!/^\d{6}$/.test(number)) return fail("birth_certificate_number_invalid", "number");
  const birthDate = parseDateInput(input.birthDate);
  if (birthDate === null) return fail("birth_date_invalid", "birthDate");
  if (compareIsoDates(birthDate, today) > 0) return fail("birth_date_in_future", "birthDate");
  const issuedOn = parseDateInput(input.issuedOn);
  if (issuedOn === null) return fail("birth_certificate_issue_date_invalid", "issuedOn");
  if (compareIsoDates(issuedOn, birthDate) < 0)
    return fail("birth_certificate_issued_before_birth", "issuedOn");
  if (compareIsoDates(issuedOn, today) > 0) return fail("birth_certificate_issue_date_in_future", "issuedOn");
  return ok({ series, number, issuedOn, birthDate });
}
