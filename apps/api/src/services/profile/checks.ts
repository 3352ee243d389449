import {
  ageOn,
  checkBirthCertificate,
  checkEnp,
  checkPassport,
  checkPersonName,
  checkSnils,
  compareIsoDates,
  parseDateInput,
  wallClockAt,
  wallClockDate,
  type CheckedPassport,
} from "@priyom/domain";
import type { FieldErrors } from "../../validation.ts";

/** Today's date in Moscow, the zone the ages of patients and children are counted in. */
export function todayInMoscow(now: number = Date.now()): string {
  return wallClockDate(wallClockAt(now, "Europe/Moscow"));
}

/** A required name part (фамилия, имя). */
export function checkName(errors: FieldErrors, field: string, value: string) {
  return errors.check(field, checkPersonName(value));
}

/** An optional name part (отчество: not everyone has one); empty or missing is `null`. */
export function checkOptionalName(errors: FieldErrors, field: string, value: string | undefined) {
  if ((value ?? "").trim() === "") return null;
  return errors.check(field, checkPersonName(value ?? ""));
}

/** A birth date: a valid date, not in the future. */
export function checkBirthDate(errors: FieldErrors, field: string, value: string, today: string) {
  const birthDate = parseDateInput(value);
  if (birthDate === null) errors.addDomain(field, "birth_date_invalid");
  else if (compareIsoDates(birthDate, today) > 0) errors.addDomain(field, "birth_date_in_future");
  else return birthDate;
  return undefined;
}

/** Youngest age at which a person holds an account of their own; younger ones are a parent's children. */
export const ACCOUNT_HOLDER_MIN_AGE = 14;

/**
 * The birth date of an account holder: a valid, past date of someone aged 14 or more. A date that
 * is too young is filed as an error but still returned, so the checks that depend on it (the
 * passport's) can still run and report in the same answer.
 */
export function checkAccountHolderBirthDate(
  errors: FieldErrors,
  field: string,
  value: string,
  today: string,
) {
  const birthDate = checkBirthDate(errors, field, value, today);
  if (birthDate !== undefined && ageOn(birthDate, today) < ACCOUNT_HOLDER_MIN_AGE) {
    errors.addDomain(field, "account_holder_too_young");
  }
  return birthDate;
}

/** An optional СНИЛС (`null` or empty = none); normalized digits. */
export function checkOptionalSnils(errors: FieldErrors, field: string, value: string | null) {
  if (value === null || value.trim() === "") return null;
  return errors.check(field, checkSnils(value));
}

export function checkRequiredEnp(errors: FieldErrors, field: string, value: string) {
  return errors.check(field, checkEnp(value));
}

const PASSPORT_PLACEHOLDERS = { series: "0000", number: "000000", departmentCode: "000-000" } as const;

/**
 * Every passport field error at once. The domain check stops at the first failure, so a failed
 * field is replaced by a well-formed placeholder and the check runs again for the next one.
 * Needs a valid birth date; without one only the format fields are checked.
 */
export function checkPassportFields(
  errors: FieldErrors,
  input: { series: string; number: string; departmentCode: string; issuedOn: string },
  birthDate: string | undefined,
  today: string,
): Omit<CheckedPassport, "birthDate"> | undefined {
  const attempt = { ...input, birthDate: birthDate ?? "2000-01-01" };
  let failed = false;
  for (let round = 0; round < 5; round++) {
    const result = checkPassport(attempt, today);
    if (result.ok) {
      if (failed) return undefined;
      const { series, number, departmentCode, issuedOn, expiresOn } = result.value;
      return { series, number, departmentCode, issuedOn, expiresOn };
    }
    const field = result.error.field ?? "";
    failed = true;
    if (field === "series" || field === "number" || field === "departmentCode") {
      errors.check(`passport.${field}`, result);
      attempt[field] = PASSPORT_PLACEHOLDERS[field];
    } else if (field === "issuedOn") {
      // Without a valid birth date, only the errors that do not depend on it are known.
      const dependsOnBirth = ["passport_issued_before_14", "passport_expired"].includes(result.error.code);
      if (birthDate !== undefined || !dependsOnBirth) errors.check("passport.issuedOn", result);
      return undefined;
    } else {
      // The birth date failed: already reported under `birthDate`.
      return undefined;
    }
  }
  return undefined;
}

/** Every birth-certificate field error at once (same placeholder approach as the passport). */
export function checkBirthCertificateFields(
  errors: FieldErrors,
  input: { series: string; number: string; issuedOn: string },
  birthDate: string | undefined,
  today: string,
): { series: string; number: string; issuedOn: string } | undefined {
  const attempt = { ...input, birthDate: birthDate ?? "2000-01-01" };
  let failed = false;
  for (let round = 0; round < 4; round++) {
    const result = checkBirthCertificate(attempt, today);
    if (result.ok) {
      if (failed) return undefined;
      const { series, number, issuedOn } = result.value;
      return { series, number, issuedOn };
    }
    const field = result.error.field ?? "";
    failed = true;
    if (field === "series") {
      errors.check("birthCertificate.series", result);
      attempt.series = "I-АА";
    } else if (field === "number") {
      errors.check("birthCertificate.number", result);
      attempt.number = "000000";
    } else if (field === "issuedOn") {
      if (birthDate !== undefined || result.error.code !== "birth_certificate_issued_before_birth")
        errors.check("birthCertificate.issuedOn", result);
      return undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Whether someone born on `birthDate` is under 18 on `today`. */
export function isMinorOn(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < 18;
}
