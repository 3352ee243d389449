import { errorMessage } from "./error-message.ts";
import type { DomainErrorCode } from "./messages.ts";

/** An expected failure: a stable code, a Russian message and, where one applies, the field at fault. */
export type DomainError = { code: string; message: string; field?: string };

/** A successful result. */
export type Success<T> = { ok: true; value: T };

/** A failed result. */
export type Failure = { ok: false; error: DomainError };

/** The outcome of a check: expected failures are values, not exceptions. */
export type Result<T> = Success<T> | Failure;

/**
 * Builds a successful result.
 *
 * @example
 * ok("11223344595"); // { ok: true, value: "11223344595" }
 */
export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

/**
 * Builds a domain error with its Russian message from the registry.
 *
 * @example
 * domainError("snils_checksum", "snils");
 * // { code: "snils_checksum", message: "Неверное контрольное число СНИЛС", field: "snils" }
 */
export function domainError(code: DomainErrorCode, field?: string): DomainError {
  const message = errorMessage(code, "ru");
  return field === undefined ? { code, message } : { code, message, field };
}

/**
 * Builds a failed result with its Russian message from the registry.
 *
 * @example
 * fail("passport_expired", "issuedOn");
 * // { ok: false, error: { code: "passport_expired", message: "Срок действия паспорта истёк: …", field: "issuedOn" } }
 */
export function fail(code: DomainErrorCode, field?: string): Failure {
  return { ok: false, error: domainError(code, field) };
}
