import { errorMessage, type DomainError, type DomainErrorCode, type Result } from "@priyom/domain";
import type { Locale } from "./errors.ts";
import { AppError } from "./errors.ts";

/**
 * Gathers every field error of a request, so the client learns all of them at once. `check`
 * runs a domain check and files its failure under `field` (overriding the check's own name).
 */
export class FieldErrors {
  private readonly errors = new Map<string, DomainError>();

  constructor(private readonly locale: Locale) {}

  check<T>(field: string, result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    if (!this.errors.has(field)) this.errors.set(field, result.error);
    return undefined;
  }

  add(field: string, code: DomainErrorCode): void {
    if (!this.errors.has(field)) this.errors.set(field, { code, message: errorMessage(code, "ru"), field });
  }

  get empty(): boolean {
    return this.errors.size === 0;
  }

  /** Throws `validation_failed` with every field's message, in the request's language. */
  throwIfAny(): void {
    if (this.empty) return;
    const fields: Record<string, string> = {};
    for (const [field, error] of this.errors) {
      fields[field] =
        this.locale === "en" ? errorMessage(error.code as DomainErrorCode, "en") : error.message;
    }
    throw new AppError("validation_failed", { fields });
  }
}
