import { z } from "zod";

/**
 * The one error body every API route answers with, whatever failed.
 * `fields` maps a request field (dotted path) to its Russian (or English, per `Accept-Language`) message.
 */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    requestId: z.string(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/**
 * Domain failures the booking API answers with as they are (409): the same code names the same
 * failure in the domain's list of failures and as the API's answer.
 */
export const BOOKING_CONFLICT_CODES = [
  "slot_taken",
  "slot_held",
  "referral_already_booked",
  "appointment_overlap",
] as const;

/**
 * Codes of the API's failures: its own, plus the booking conflicts above, which are domain codes;
 * every other domain code comes from `@priyom/domain` inside `fields` or `failures`.
 */
export const API_ERROR_CODES = [
  "validation_failed",
  "not_found",
  "unauthorized",
  "forbidden",
  "conflict",
  "rate_limited",
  "unsupported_media_type",
  "invalid_credentials",
  "account_locked",
  "invalid_code",
  "service_unavailable",
  "internal_error",
  // Booking: 422 with `failures`, 409 with `alternatives` where the slot is gone.
  "booking_not_allowed",
  ...BOOKING_CONFLICT_CODES,
  "idempotency_key_reused",
  // A schedule change over booked visits: 409 with `appointments`.
  "schedule_conflict",
] as const;
export type TApiErrorCode = (typeof API_ERROR_CODES)[number];
