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
] as const;
export type TApiErrorCode = (typeof API_ERROR_CODES)[number];
