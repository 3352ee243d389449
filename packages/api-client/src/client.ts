import {
  ZClinicListResponse,
  ZErrorBody,
  ZSpecialtyListResponse,
  type TClinicListResponse,
  type TSpecialtyListResponse,
} from "@priyom/contracts";
import type { z } from "zod";
import { ApiError, GENERIC_ERROR_MESSAGE_RU } from "./api-error.ts";

export interface ApiClientOptions {
  /** Prefix of every URL; "" = same origin. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Sent as Accept-Language: the API answers error messages in it. */
  locale?: "ru" | "en";
}

export interface ApiClient {
  listSpecialties: (init?: { signal?: AbortSignal }) => Promise<TSpecialtyListResponse>;
  listClinics: (init?: { signal?: AbortSignal }) => Promise<TClinicListResponse>;
}

function requestIdFrom(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

/**
 * Creates the typed client of the Priyom API. Every answer is checked against its contract schema;
 * every failure becomes an `ApiError`.
 * @example
 *   const api = createApiClient({ baseUrl: "", locale: "ru" });
 *   const { items } = await api.listSpecialties();
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  // Called through a wrapper: `fetch` loses its `this` (Illegal invocation) when stored and called as a method.
  const fetchImpl: typeof fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const locale = options.locale ?? "ru";

  async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method: "GET",
        headers: { Accept: "application/json", "Accept-Language": locale },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: "network_error", message: GENERIC_ERROR_MESSAGE_RU });
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }

    if (!response.ok) {
      const parsedError = ZErrorBody.safeParse(body);
      if (parsedError.success) {
        const { code, message, fields, requestId } = parsedError.data.error;
        throw new ApiError({ status: response.status, code, message, fields, requestId });
      }
      throw new ApiError({
        status: response.status,
        code: "internal_error",
        message: GENERIC_ERROR_MESSAGE_RU,
        requestId: requestIdFrom(response),
      });
    }

    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: "internal_error",
        message: GENERIC_ERROR_MESSAGE_RU,
        requestId: requestIdFrom(response),
      });
    }
    return parsed.data;
  }

  return {
    listSpecialties: (init) => getJson("/api/v1/specialties", ZSpecialtyListResponse, init?.signal),
    listClinics: (init) => getJson("/api/v1/clinics", ZClinicListResponse, init?.signal),
  };
}
