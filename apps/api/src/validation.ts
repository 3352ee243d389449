import { errorMessage, isDomainErrorCode, type DomainErrorCode, type Result } from "@priyom/domain";
import { AppError, type Locale } from "./errors.ts";

/** A message of a rule that lives in a service rather than in the domain package. */
export interface LocalMessage {
  ru: string;
  en: string;
}

/**
 * Collects every field error of one request, so the client learns all of them at once: domain
 * checks' failures and a service's own rules, in the request's language, never quoting the values.
 * The first error filed for a field wins.
 */
export class FieldErrors {
  private readonly fields = new Map<string, string>();

  constructor(private readonly locale: Locale) {}

  /** Files a failed domain check under `field`; returns the checked value on success. */
  check<T>(field: string, result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    const { code, message } = result.error;
    this.set(field, isDomainErrorCode(code) ? errorMessage(code, this.locale) : message);
    return undefined;
  }

  addDomain(field: string, code: DomainErrorCode): void {
    this.set(field, errorMessage(code, this.locale));
  }

  addLocal(field: string, message: LocalMessage): void {
    this.set(field, message[this.locale]);
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  /** Throws `validation_failed` naming every field at fault; does nothing when there is none. */
  throwIfAny(): void {
    if (this.fields.size === 0) return;
    throw new AppError("validation_failed", {
      fields: Object.fromEntries(this.fields),
      logMessage: `invalid fields: ${[...this.fields.keys()].join(", ")}`,
    });
  }

  private set(field: string, message: string): void {
    if (!this.fields.has(field)) this.fields.set(field, message);
  }
}
