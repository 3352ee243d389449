import { ERROR_MESSAGES, type DomainErrorCode } from "./messages.ts";

/**
 * Whether a string is one of the registered domain error codes (for the API's status map).
 *
 * @example
 * isDomainErrorCode("passport_expired"); // true
 * isDomainErrorCode("teapot"); // false
 */
export function isDomainErrorCode(code: string): code is DomainErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}
