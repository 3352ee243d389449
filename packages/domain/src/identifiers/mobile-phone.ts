import { fail, ok, type Result } from "../errors/result.ts";

/**
 * Checks a Russian mobile phone number for SMS and returns it as `+79XXXXXXXXX`. Accepts `+7…`, `8…`,
 * `7…` (11 digits) and 10 bare digits, with spaces, hyphens, parentheses and no-break spaces anywhere.
 * A number whose national part does not start with 9 is a landline (`phone_landline`); one that starts
 * with 7 is Kazakhstan's (`phone_kazakhstan`).
 *
 * @example
 * checkMobilePhone("8 (999) 123-45-67"); // { ok: true, value: "+79991234567" }
 * checkMobilePhone("+7 495 123-45-67"); // { ok: false, error: { code: "phone_landline", … } }
 * checkMobilePhone("+7 701 123-45-67"); // { ok: false, error: { code: "phone_kazakhstan", … } }
 */
export function checkMobilePhone(input: string): Result<string> {
  const compact = input.replace(/[ \u00a0\-()]/g, "");
  if (compact === "") return fail("phone_required", "phone");
  let national: string;
  if (/^\+7[0-9]{10}$/.test(compact)) national = compact.slice(2);
  else if (/^[78][0-9]{10}$/.test(compact)) national = compact.slice(1);
  else if (/^[0-9]{10}$/.test(compact)) national = compact;
  else return fail("phone_invalid_format", "phone");
  if (national.startsWith("7")) return fail("phone_kazakhstan", "phone");
  if (!national.startsWith("9")) return fail("phone_landline", "phone");
  return ok(`+7${national}`);
}

/**
 * Formats a mobile number as `+7 9XX XXX-XX-XX`; input that is not a valid mobile number is returned
 * unchanged.
 *
 * @example
 * formatMobilePhone("+79991234567"); // "+7 999 123-45-67"
 */
export function formatMobilePhone(phone: string): string {
  const checked = checkMobilePhone(phone);
  if (!checked.ok) return phone;
  const d = checked.value.slice(2);
  return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}
