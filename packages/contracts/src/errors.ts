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

/** Codes of the API's own (non-domain) failures; domain codes come from `@priyom/domain`. */
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
  "slot_taken",
  "slot_held",
  "referral_already_booked",
  "appointment_overlap",
  "idempotency_key_reused",
  // A schedule change over booked visits: 409 with `appointments`.
  "schedule_conflict",
] as const;
export type TApiErrorCode = (typeof API_ERROR_CODES)[number];
