import { constraintViolation } from "../constraint-violation.ts";
import { AppError, type Locale } from "../../errors.ts";

/** Messages of rules that live in this service rather than in the domain package. */
export const PROFILE_MESSAGES = {
  child_not_minor: {
    ru: "Добавить можно только ребёнка младше 18 лет: с 18 лет пациент регистрируется сам",
    en: "Only a child under 18 can be added: from 18 a patient registers on their own",
  },
  identifier_taken: {
    ru: "Этот номер уже указан у другого пациента. Проверьте номер; если он ваш, обратитесь в поддержку",
    en: "This number is already registered for another patient. Check it; if it is yours, contact support",
  },
} as const;
export type ProfileMessageCode = keyof typeof PROFILE_MESSAGES;

/** 409 naming the field whose number another person already holds (not saying who). */
export function identifierTaken(field: "snils" | "enp", locale: Locale): AppError {
  return new AppError("conflict", {
    message: PROFILE_MESSAGES.identifier_taken[locale],
    fields: { [field]: PROFILE_MESSAGES.identifier_taken[locale] },
    logMessage: `${field} already held by another person`,
  });
}

/** The constraint of a unique violation (a driver error wrapped by drizzle), or null. */
export function uniqueViolation(error: unknown): string | null {
  const violation = constraintViolation(error);
  return violation?.code === "23505" ? violation.constraint : null;
}
