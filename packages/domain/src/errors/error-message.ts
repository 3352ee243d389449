import { ERROR_MESSAGES, type DomainErrorCode, type Locale } from "./messages.ts";

/**
 * The message for an error code in a locale.
 *
 * @example
 * errorMessage("snils_checksum", "ru"); // "Неверное контрольное число СНИЛС"
 * errorMessage("snils_checksum", "en"); // "Wrong SNILS check number"
 */
export function errorMessage(code: DomainErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
