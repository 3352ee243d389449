import type { TAlternativeSlot, TBookingFailure } from "@priyom/contracts";
import { isApiError } from "./api-error.ts";

/** What to tell the user after a failed request. */
export interface Failure {
  /** A server fault or no answer: show «Ошибка: повторите попытку позже» and the request id. */
  generic: boolean;
  /** The API's own message for an expected refusal (wrong password, locked account, …). */
  message: string;
  code: string;
  status: number;
  requestId?: string | undefined;
  fields?: Record<string, string> | undefined;
  /** A refused booking's failed rules (422). */
  failures?: TBookingFailure[] | undefined;
  /** Free slots offered instead of one that is gone (409). */
  alternatives?: TAlternativeSlot[] | undefined;
}

/** Classifies any thrown value; anything that is not an API refusal counts as a server fault. */
export function toFailure(error: unknown): Failure {
  if (!isApiError(error)) {
    return { generic: true, message: "", code: "internal_error", status: 0 };
  }
  const generic = error.status === 0 || error.status >= 500 || error.code === "internal_error";
  return {
    generic,
    message: error.message,
    code: error.code,
    status: error.status,
    requestId: error.requestId,
    fields: error.fields,
    failures: error.failures,
    alternatives: error.alternatives,
  };
}
