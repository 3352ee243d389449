import type { z } from "zod";
import type { Locale } from "./errors.ts";

/** How many of a thing, in Russian: 1 символ, 2 символа, 5 символов. */
function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

/**
 * The message of a request-shape failure (a zod issue) for a person: Russian by default, the
 * validator's own English under `en`. Service and domain checks word their own messages; these are
 * the generic ones (missing, too long, not one of the choices) that zod finds before them.
 * @example schemaIssueMessage({ code: "too_big", origin: "string", maximum: 10, … }, "ru") // "Не длиннее 10 символов"
 */
export function schemaIssueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  // A schema's own Russian message (a refinement, a custom limit message) is kept as written. zod's
  // English ones quote the input (`Unrecognized key: "Ивaнoв"`): Cyrillic inside quotes does not
  // make a message Russian (the fuzzer's look-alike keys found that).
  if (locale === "en" || /[А-Яа-яЁё]/.test(issue.message.replace(/"[^"]*"/g, ""))) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      // Finalised issues drop the input; zod's own message still says what it received.
      return /received undefined$/.test(issue.message) ? "Заполните поле" : "Неверный формат значения";
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string")
        return `Не длиннее ${max} ${plural(max, "символа", "символов", "символов")}`;
      if (issue.origin === "array")
        return `Не больше ${max} ${plural(max, "элемента", "элементов", "элементов")}`;
      return `Не больше ${max}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1
          ? "Заполните поле"
          : `Не короче ${min} ${plural(min, "символа", "символов", "символов")}`;
      if (issue.origin === "array")
        return `Не меньше ${min} ${plural(min, "элемента", "элементов", "элементов")}`;
      return `Не меньше ${min}`;
    }
    case "invalid_value":
      return "Выберите одно из допустимых значений";
    case "invalid_format":
      return "Неверный формат значения";
    case "unrecognized_keys":
      return "Лишние поля в запросе";
    default:
      return "Неверное значение";
  }
}
