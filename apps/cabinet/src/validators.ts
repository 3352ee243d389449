import {
  checkBirthCertificate,
  checkEmail,
  checkEnp,
  checkMobilePhone,
  checkPassport,
  checkPassword,
  checkPersonName,
  checkSnils,
  errorMessage,
  formatIsoDate,
  parseDateInput,
  type Result,
} from "@priyom/domain";

// Every rule is the domain package's; this module only adapts its results to per-field messages.

/** Today's local date, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** YYYY-MM-DD → ДД.ММ.ГГГГ for a form field; anything else unchanged. */
export function isoToRu(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function messageOf<T>(result: Result<T>, field?: string): string | undefined {
  if (result.ok) return undefined;
  if (field !== undefined && result.error.field !== field) return undefined;
  return result.error.message;
}

export const validatePhone = (value: string) => messageOf(checkMobilePhone(value));
export const validateEmail = (value: string) => messageOf(checkEmail(value));
export const validatePassword = (value: string) => messageOf(checkPassword(value));
export const validateName = (value: string) => messageOf(checkPersonName(value));
export const validateOptionalName = (value: string) =>
  value.trim() === "" ? undefined : validateName(value);

/** A required date of birth in ДД.ММ.ГГГГ (or YYYY-MM-DD), not in the future. */
export function validateBirthDate(value: string, today = todayIso()): string | undefined {
  const iso = parseDateInput(value);
  if (iso === null) return errorMessage("birth_date_invalid", "ru");
  if (iso > today) return errorMessage("birth_date_in_future", "ru");
  return undefined;
}

export const validateSnils = (value: string) => messageOf(checkSnils(value));
export const validateOptionalSnils = (value: string) =>
  value.trim() === "" ? undefined : validateSnils(value);
export const validateEnp = (value: string) => messageOf(checkEnp(value));
export const validateOptionalEnp = (value: string) => (value.trim() === "" ? undefined : validateEnp(value));

export interface PassportFields {
  series: string;
  number: string;
  departmentCode: string;
  issuedOn: string;
}

export function passportIsEmpty(p: PassportFields): boolean {
  return [p.series, p.number, p.departmentCode, p.issuedOn].every((v) => v.trim() === "");
}

/*
 * The domain checks a passport as a whole and reports its first wrong part. To show every part's
 * own message at once, each part is checked with the parts before it replaced by valid stand-ins.
 */
const PASSPORT_STAND_IN = { series: "4510", number: "123456", departmentCode: "770-001" };

/** The message for one part of a passport (an empty passport is valid: it is optional). */
export function validatePassportPart(
  part: keyof PassportFields,
  passport: PassportFields,
  birthDate: string,
  today = todayIso(),
): string | undefined {
  if (passportIsEmpty(passport)) return undefined;
  const input = { ...PASSPORT_STAND_IN, issuedOn: passport.issuedOn, birthDate };
  if (part === "issuedOn" && parseDateInput(birthDate) === null) {
    // Without a valid birth date only the date's own format can be judged.
    return parseDateInput(passport.issuedOn) === null
      ? errorMessage("passport_issue_date_invalid", "ru")
      : undefined;
  }
  const subject = part === "issuedOn" ? input : { ...input, [part]: passport[part] };
  return messageOf(checkPassport(subject, today), part);
}

export interface BirthCertificateFields {
  series: string;
  number: string;
  issuedOn: string;
}

const CERTIFICATE_STAND_IN = { series: "IV-МЮ", number: "123456" };

/** The message for one part of a child's birth certificate. */
export function validateCertificatePart(
  part: keyof BirthCertificateFields,
  certificate: BirthCertificateFields,
  birthDate: string,
  today = todayIso(),
): string | undefined {
  if (part === "issuedOn" && parseDateInput(birthDate) === null) {
    return parseDateInput(certificate.issuedOn) === null
      ? errorMessage("birth_certificate_issue_date_invalid", "ru")
      : undefined;
  }
  const knownBirth = parseDateInput(birthDate) ?? "2015-01-01";
  const input = {
    ...CERTIFICATE_STAND_IN,
    issuedOn: part === "issuedOn" ? certificate.issuedOn : knownBirth,
  };
  const subject = {
    ...input,
    birthDate: knownBirth,
    ...(part === "issuedOn" ? {} : { [part]: certificate[part] }),
  };
  return messageOf(checkBirthCertificate(subject, today), part);
}

/** One line of the password policy checklist and whether the password meets it. */
export interface PasswordRule {
  id: string;
  label: string;
  met: boolean;
}

/*
 * The checklist asks the domain's `checkPassword` about one rule at a time: the password is padded
 * with characters that satisfy every other rule, so the only failure left is the rule in question.
 */
export function passwordChecklist(password: string): PasswordRule[] {
  const fails = (padded: string, code: string) => {
    const result = checkPassword(padded);
    return !result.ok && result.error.code === code;
  };
  const length = checkPassword(password);
  const tooShort =
    !length.ok && (length.error.code === "password_too_short" || length.error.code === "password_required");
  return [
    { id: "length", label: "Не короче 8 символов", met: !tooShort },
    { id: "lower", label: "Строчная буква", met: !fails(`${password}ZZ9!ZZZZ`, "password_needs_lowercase") },
    { id: "upper", label: "Заглавная буква", met: !fails(`${password}zz9!zzzz`, "password_needs_uppercase") },
    { id: "digit", label: "Цифра", met: !fails(`${password}aZ!aZ!aZ`, "password_needs_digit") },
    {
      id: "symbol",
      label: "Символ, например ! или -",
      met: !fails(`${password}aZ9aZ9aZ`, "password_needs_symbol"),
    },
  ];
}
