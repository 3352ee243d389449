import type { TApiErrorCode, TErrorBody } from "@priyom/contracts";
import { ERROR_MESSAGES } from "@priyom/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./context.ts";
import { DecryptionError } from "./crypto/field-cipher.ts";

export type Locale = "ru" | "en";

/**
 * Codes of what follows a booking (cancel, reschedule, the clinic's marks), beyond the contract's
 * list: the error body carries any code as a string.
 */
export type AfterBookingErrorCode =
  "change_window_closed" | "appointment_not_booked" | "visit_not_started" | "visit_started";

/** Codes of the waitlist and the priority requests, beyond the contract's list. */
export type WaitlistErrorCode =
  | "waitlist_already_joined"
  | "waitlist_no_offer"
  | "waitlist_offer_expired"
  | "priority_request_pending"
  | "priority_request_decided";

/** A method the path does not have (TRACE, PROPFIND, …): 405 with `Allow`. */
export type MethodErrorCode = "method_not_allowed";

/** Every code this API answers with. */
export type ApiErrorCode = TApiErrorCode | AfterBookingErrorCode | WaitlistErrorCode | MethodErrorCode;

/** The API's own error codes: HTTP status and the message in each language, in one place. */
const API_ERRORS: Record<ApiErrorCode, { status: ContentfulStatusCode; ru: string; en: string }> = {
  validation_failed: { status: 400, ru: "Проверьте введённые данные", en: "Check the data you entered" },
  not_found: { status: 404, ru: "Не найдено", en: "Not found" },
  unauthorized: { status: 401, ru: "Войдите, чтобы продолжить", en: "Sign in to continue" },
  forbidden: { status: 403, ru: "Недостаточно прав", en: "You are not allowed to do this" },
  method_not_allowed: {
    status: 405,
    ru: "Этот адрес не поддерживает такой метод запроса",
    en: "This address does not support this request method",
  },
  conflict: {
    status: 409,
    ru: "Данные изменились, обновите страницу",
    en: "The data has changed, reload the page",
  },
  rate_limited: {
    status: 429,
    ru: "Слишком много запросов, попробуйте позже",
    en: "Too many requests, try later",
  },
  unsupported_media_type: {
    status: 415,
    ru: "Данные нужно отправлять в формате JSON",
    en: "Send the data as JSON (Content-Type: application/json)",
  },
  invalid_credentials: { status: 401, ru: "Неверный логин или пароль", en: "Wrong login or password" },
  account_locked: {
    status: 423,
    ru: "Слишком много неудачных попыток входа. Вход временно заблокирован — восстановите пароль по коду из СМС или письма",
    en: "Too many failed sign-in attempts. Sign-in is blocked for a while: recover the password with a code by SMS or e-mail",
  },
  invalid_code: { status: 400, ru: "Неверный или устаревший код", en: "Wrong or expired code" },
  service_unavailable: {
    status: 503,
    ru: "Ошибка: повторите попытку позже",
    en: "Error: please try again later",
  },
  internal_error: { status: 500, ru: "Ошибка: повторите попытку позже", en: "Error: please try again later" },
  booking_not_allowed: {
    status: 422,
    ru: "Записаться нельзя: исправьте отмеченное",
    en: "The booking cannot be made: fix what is marked",
  },
  slot_taken: { status: 409, ...ERROR_MESSAGES.slot_taken },
  slot_held: { status: 409, ...ERROR_MESSAGES.slot_held },
  referral_already_booked: { status: 409, ...ERROR_MESSAGES.referral_already_booked },
  appointment_overlap: { status: 409, ...ERROR_MESSAGES.appointment_overlap },
  idempotency_key_reused: {
    status: 422,
    ru: "Этот ключ повтора уже использован для другого запроса",
    en: "This idempotency key was already used for another request",
  },
  schedule_conflict: {
    status: 409,
    ru: "Изменение расписания затрагивает записи пациентов: сначала отмените их",
    en: "The schedule change affects booked appointments: cancel them first",
  },
  change_window_closed: {
    status: 422,
    ru: "Перенести или отменить запись можно не позднее чем за 24 часа до приёма",
    en: "An appointment can be changed or cancelled no later than 24 hours before it starts",
  },
  appointment_not_booked: {
    status: 409,
    ru: "Запись уже отменена, перенесена или завершена",
    en: "The appointment is already cancelled, rescheduled or closed",
  },
  visit_not_started: {
    status: 422,
    ru: "Отметить визит можно только после начала приёма",
    en: "A visit can be marked only once it has started",
  },
  visit_started: {
    status: 422,
    ru: "Приём уже начался: отменить запись нельзя, отметьте визит",
    en: "The visit has started: it cannot be cancelled, mark it instead",
  },
  waitlist_already_joined: {
    status: 409,
    ru: "Вы уже ожидаете место по этому направлению",
    en: "You are already on the waitlist for this referral",
  },
  waitlist_no_offer: {
    status: 409,
    ru: "Сейчас вам не предложено место по этой записи в листе ожидания",
    en: "No slot is offered to you on this waitlist entry now",
  },
  waitlist_offer_expired: {
    status: 409,
    ru: "Время на подтверждение истекло: место передано следующему в очереди",
    en: "The time to confirm has run out: the slot went to the next in line",
  },
  priority_request_pending: {
    status: 409,
    ru: "По этому направлению уже есть заявка на рассмотрении",
    en: "This referral already has a request under review",
  },
  priority_request_decided: {
    status: 409,
    ru: "Заявка уже рассмотрена или отозвана",
    en: "The request has already been decided or withdrawn",
  },
};

/**
 * An expected failure to report to the client. `logMessage` is for operators and never shown;
 * neither it nor `fields` may carry personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly options: {
      fields?: Record<string, string>;
      logMessage?: string;
      message?: string;
      /** Extra members of the error body (`failures`, `alternatives`, `appointments`): ids and codes, never personal data. */
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(options.logMessage ?? code);
    this.name = "AppError";
  }
}

/** Picks the response language from `Accept-Language`: English only when asked first, else Russian. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "ru";
}

export function apiErrorMessage(code: ApiErrorCode, locale: Locale): string {
  return API_ERRORS[code][locale];
}

function errorResponse(
  c: Context<AppEnv>,
  code: ApiErrorCode,
  extra: { message?: string; fields?: Record<string, string>; details?: Record<string, unknown> } = {},
) {
  const locale = c.get("locale") ?? "ru";
  const body: TErrorBody = {
    error: {
      code,
      message: extra.message ?? apiErrorMessage(code, locale),
      ...(extra.fields ? { fields: extra.fields } : {}),
      ...extra.details,
      requestId: c.get("requestId") ?? "unknown",
    },
  };
  if (code === "service_unavailable") c.header("Retry-After", "5");
  return c.json(body, API_ERRORS[code].status);
}

/** SQLSTATE classes and driver errors that mean "the database cannot answer right now": try again. */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (code.startsWith("08") ||
        // Terminated by an immediate shutdown (57P01) or a crash of another backend (57P02).
        code === "57P01" ||
        code === "57P02" ||
        // A statement cancelled by the pool's statement_timeout (a lock held too long): try again.
        code === "57014" ||
        code === "57P03" ||
        code === "ECONNREFUSED" ||
        code === "ECONNRESET" ||
        code === "ETIMEDOUT" ||
        code === "EPIPE" ||
        code === "ECONNABORTED")
    ) {
      return true;
    }
    // node-postgres says these in words: a lost socket, a handshake or read past its timeout, a
    // connection already broken when the next statement (a ROLLBACK) is sent on it.
    if (
      /Connection terminated|timeout exceeded when trying to connect|Query read timeout|^timeout expired$|Connection closed|is not queryable/i.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/** The one error handler: every failure leaves as the one JSON shape, never as a stack trace. */
export function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof AppError) {
    return errorResponse(c, error.code, {
      fields: error.options.fields,
      message: error.options.message,
      details: error.options.details,
    });
  }
  if (error instanceof HTTPException) {
    const byStatus: Partial<Record<number, ApiErrorCode>> = {
      400: "validation_failed",
      401: "unauthorized",
      403: "forbidden",
      404: "not_found",
      409: "conflict",
      429: "rate_limited",
    };
    return errorResponse(c, byStatus[error.status] ?? "internal_error");
  }
  const services = c.get("services");
  if (error instanceof DecryptionError) {
    // Fail closed: a stored value altered or moved to another row. The answer is the generic one;
    // the alert names the column and key, never the value nor whose row it is.
    services?.logger.error("integrity alert", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      field: error.field,
      keyId: error.keyId,
      reason: error.message,
    });
    return errorResponse(c, "internal_error");
  }
  const unavailable = isDatabaseUnavailable(error);
  services?.logger.error(unavailable ? "database unavailable" : "unhandled error", {
    requestId: c.get("requestId"),
    method: c.req.method,
    route: c.req.routePath,
    error: error.name,
    // The message of a driver error can quote parameters; keep only its first line, no stack.
    detail: error.message.split("\n")[0]?.slice(0, 200),
  });
  return errorResponse(c, unavailable ? "service_unavailable" : "internal_error");
}

export function notFoundResponse(c: Context<AppEnv>) {
  return errorResponse(c, "not_found");
}

export { errorResponse };
