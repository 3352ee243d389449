import {
  DEFAULT_REFERRAL_POLICY,
  checkEnp,
  checkPersonName,
  checkReferralNumber,
  checkSnils,
  errorMessage,
  extendReferral,
  formatIsoDate,
  parseDateInput,
  referralLastValidDay,
  type ReferralKind,
  type Result,
} from "@priyom/domain";

// Every rule is the domain package's; this module only adapts its results to per-field messages.

/** Today's local date, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function messageOf<T>(result: Result<T>): string | undefined {
  return result.ok ? undefined : result.error.message;
}

export const validateReferralNumber = (value: string) => messageOf(checkReferralNumber(value));

/** An issue date in ДД.ММ.ГГГГ (or YYYY-MM-DD), not in the future. */
export function validateIssueDate(value: string, today = todayIso()): string | undefined {
  if (value.trim() === "") return "Укажите дату выдачи в формате ДД.ММ.ГГГГ";
  const iso = parseDateInput(value);
  if (iso === null || iso > today) return errorMessage("referral_issue_date_invalid", "ru");
  return undefined;
}

/** A required date of birth, not in the future. */
export function validateBirthDate(value: string, today = todayIso()): string | undefined {
  const iso = parseDateInput(value);
  if (iso === null) return errorMessage("birth_date_invalid", "ru");
  if (iso > today) return errorMessage("birth_date_in_future", "ru");
  return undefined;
}

export const validateEnp = (value: string) => messageOf(checkEnp(value));
export const validateOptionalSnils = (value: string) =>
  value.trim() === "" ? undefined : messageOf(checkSnils(value));
export const validateName = (value: string) => messageOf(checkPersonName(value));
export const validateOptionalName = (value: string) =>
  value.trim() === "" ? undefined : validateName(value);

/** An optional validity in whole days, checked by the domain's 7…90 rule. */
export function validateValidityDays(value: string, kind: ReferralKind): string | undefined {
  if (value.trim() === "") return undefined;
  if (!/^\d{1,3}$/.test(value.trim())) return errorMessage("referral_validity_out_of_range", "ru");
  return messageOf(
    referralLastValidDay({ issuedOn: "2025-01-01", kind, validityDays: Number(value.trim()) }),
  );
}

// The domain package has no ICD-10 rule yet: this checks only the code's shape (A00–Z99, optional .0–.99).
const ICD10 = /^[A-Z]\d{2}(\.\d{1,2})?$/i;

export function validateDiagnosisCode(value: string): string | undefined {
  if (value.trim() === "") return "Укажите код диагноза по МКБ-10";
  return ICD10.test(value.trim())
    ? undefined
    : "Код диагноза по МКБ-10 — буква и две цифры, например I10 или J45.0";
}

export function validateRequired(value: string, message: string): string | undefined {
  return value.trim() === "" ? message : undefined;
}

/**
 * An extension's new total days or its reason, by the domain's `extendReferral` (free slots in the
 * new window are the server's to judge). Each field is judged with a valid stand-in for the other.
 */
export function validateExtension(
  field: "validityDays" | "reason",
  values: { validityDays: string; reason: string },
  referral: { issuedOn: string; kind: ReferralKind; validityDays: number },
): string | undefined {
  const days = values.validityDays.trim();
  if (field === "validityDays" && !/^\d{1,3}$/.test(days)) {
    return errorMessage("extension_request_invalid", "ru");
  }
  const result = extendReferral({
    issuedOn: referral.issuedOn,
    kind: referral.kind,
    currentValidityDays: referral.validityDays,
    requestedValidityDays: field === "validityDays" ? Number(days) : referral.validityDays + 1,
    reason: field === "reason" ? values.reason : "x".repeat(DEFAULT_REFERRAL_POLICY.extensionReasonMinLength),
    targetHasFreeCapacityInWindow: true,
  });
  if (result.ok) return undefined;
  const resultField = result.error.field === "reason" ? "reason" : "validityDays";
  return resultField === field ? result.error.message : undefined;
}
