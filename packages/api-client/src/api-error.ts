import type { TAlternativeSlot, TBookingFailure, TScheduleConflictAppointment } from "@priyom/contracts";

/** The message shown when the server gave no usable answer. */
export const GENERIC_ERROR_MESSAGE_RU = "Ошибка: повторите попытку позже";

/** A failed API call, from the API's error body or from the network. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status; 0 when no answer reached us. */
  readonly status: number;
  /** An API error code (`not_found`, `validation_failed`, …) or `network_error` / `internal_error`. */
  readonly code: string;
  /** Field (dotted path) → message, for form errors. */
  readonly fields: Record<string, string> | undefined;
  /** The server's request id, to quote to support. */
  readonly requestId: string | undefined;
  /** A refused booking (422 `booking_not_allowed`): every rule that failed, with its field. */
  readonly failures: TBookingFailure[] | undefined;
  /** A slot that is gone (409): free slots offered instead, nearest first. */
  readonly alternatives: TAlternativeSlot[] | undefined;
  /** A schedule change refused (409 `schedule_conflict`): the booked visits it would drop. */
  readonly appointments: TScheduleConflictAppointment[] | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string> | undefined;
    requestId?: string | undefined;
    failures?: TBookingFailure[] | undefined;
    alternatives?: TAlternativeSlot[] | undefined;
    appointments?: TScheduleConflictAppointment[] | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.requestId = init.requestId;
    this.failures = init.failures;
    this.alternatives = init.alternatives;
    this.appointments = init.appointments;
  }
}

/** Whether a value is an `ApiError`. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
