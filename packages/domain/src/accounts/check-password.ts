import { fail, ok, type Result } from "../errors/result.ts";

/** Longest accepted password: long enough for passphrases, short enough to bound hashing work. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Checks a new password against the policy of DOMAIN.md: at least 8 characters with an upper- and a
 * lower-case letter (any script), a digit and a symbol (anything that is neither a letter nor a digit,
 * space included). Returns the password unchanged: passwords are never trimmed or normalised.
 * The first unmet rule is reported, in the order a person fixes them.
 *
 * @example
 * checkPassword("Priyom-demo-1"); // { ok: true, value: "Priyom-demo-1" }
 * checkPassword("priyom-demo-1"); // { ok: false, error: { code: "password_needs_uppercase", field: "password", … } }
 */
export function checkPassword(input: string, field = "password"): Result<string> {
  if (input === "") return fail("password_required", field);
  const length = [...input].length;
  if (length < 8) return fail("password_too_short", field);
  if (length > PASSWORD_MAX_LENGTH) return fail("password_too_long", field);
  if (!/\p{Ll}/u.test(input)) return fail("password_needs_lowercase", field);
  if (!/\p{Lu}/u.test(input)) return fail("password_needs_uppercase", field);
  if (!/\p{Nd}/u.test(input)) return fail("password_needs_digit", field);
  if (!/[^\p{L}\p{Nd}]/u.test(input)) return fail("password_needs_symbol", field);
  return ok(input);
}
