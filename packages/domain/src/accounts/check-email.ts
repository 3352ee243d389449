import { fail, ok, type Result } from "../errors/result.ts";

/**
 * Checks an e-mail address and returns it trimmed with the domain lower-cased. Deliberately
 * simple — one `@`, a dotted domain of letters, digits and hyphens, no spaces, at most 254
 * characters: the confirmation code proves the address, not a regular expression.
 *
 * @example
 * checkEmail(" Ivanov@Example.RU "); // { ok: true, value: "Ivanov@example.ru" }
 * checkEmail("ivanov@example"); // { ok: false, error: { code: "email_invalid_format", field: "email", … } }
 */
export function checkEmail(input: string, field = "email"): Result<string> {
  const trimmed = input.trim();
  if (trimmed === "") return fail("email_required", field);
  const at = trimmed.lastIndexOf("@");
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  const valid =
    at > 0 &&
    trimmed.length <= 254 &&
    local.length <= 64 &&
    !/[\s@"(),:;<>[\]\\]/.test(local) &&
    /^(?=.{1,253}$)([\p{L}\p{Nd}](?:[\p{L}\p{Nd}-]{0,61}[\p{L}\p{Nd}])?\.)+[\p{L}]{2,63}$/u.test(domain);
  return valid ? ok(`${local}@${domain}`) : fail("email_invalid_format", field);
}
