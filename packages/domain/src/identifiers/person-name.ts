import { fail, ok, type Result } from "../errors/result.ts";

/** The longest accepted part of a full name. */
export const PERSON_NAME_MAX_LENGTH = 100;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const ALLOWED = /^[\p{L}' -]+$/u;
const LETTER = /^\p{L}$/u;

function normalize(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Checks one part of a full name (фамилия, имя or отчество) and returns it trimmed, inner runs of
 * spaces collapsed and typographic apostrophes made plain. Letters must be of one script — Cyrillic
 * (ё included) or Latin for foreign citizens — plus hyphen, apostrophe and space; it must start and
 * end with a letter. A Latin letter hidden in a Cyrillic name (a homoglyph) is `name_mixed_script`.
 *
 * @example
 * checkPersonName("  Салтыков-Щедрин "); // { ok: true, value: "Салтыков-Щедрин" }
 * checkPersonName("D'Artagnan"); // { ok: true, value: "D'Artagnan" }
 * checkPersonName("Ивaнов"); // Latin "a": { ok: false, error: { code: "name_mixed_script", … } }
 */
export function checkPersonName(input: string): Result<string> {
  const name = normalize(input);
  if (name === "") return fail("name_required", "name");
  if (name.length > PERSON_NAME_MAX_LENGTH) return fail("name_too_long", "name");
  const letters = [...name].filter((ch) => LETTER.test(ch));
  const scriptsOk = letters.every((ch) => CYRILLIC.test(ch) || LATIN.test(ch));
  if (!ALLOWED.test(name) || !scriptsOk) return fail("name_invalid_characters", "name");
  if (letters.some((ch) => CYRILLIC.test(ch)) && letters.some((ch) => LATIN.test(ch))) {
    return fail("name_mixed_script", "name");
  }
  const chars = [...name];
  if (!LETTER.test(chars[0] ?? "") || !LETTER.test(chars[chars.length - 1] ?? "")) {
    return fail("name_must_start_with_letter", "name");
  }
  return ok(name);
}

/**
 * Compares two names the way a policy holder's name is matched: surrounding and repeated spaces,
 * letter case and ё/е do not matter.
 *
 * @example
 * sameName("Пётр", "ПЕТР"); // true
 * sameName("Анна", "Алла"); // false
 */
export function sameName(a: string, b: string): boolean {
  const key = (s: string) => normalize(s).toLowerCase().replace(/ё/g, "е");
  return key(a) === key(b);
}
