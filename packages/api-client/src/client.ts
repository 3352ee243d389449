import {
  ZAlternativeSlot,
  ZAppointment,
  ZBookingFailure,
  ZBookingPreview,
  ZDaySlotsResponse,
  ZFreeDatesResponse,
  ZHold,
  ZReferralDoctorsResponse,
  ZSlotEvent,
  ZChild,
  ZChildListResponse,
  ZClinicListResponse,
  ZClinicReferral,
  ZCodesSentResponse,
  ZConfirmedResponse,
  ZDevOutboxResponse,
  ZErrorBody,
  ZMeResponse,
  ZProfile,
  ZReferralDetail,
  ZReferralListResponse,
  ZReferralRefreshResponse,
  ZSessionListResponse,
  ZSignInResponse,
  ZSpecialtyListResponse,
  ZTwoFactorEnableResponse,
  type TAccountDeleteRequest,
  type TAppointment,
  type TBookingPreview,
  type TBookingRequest,
  type TDaySlotsResponse,
  type TFreeDatesResponse,
  type THold,
  type THoldRequest,
  type TReferralDoctorsResponse,
  type TSlotEvent,
  type TChild,
  type TChildInput,
  type TChildListResponse,
  type TClinicListResponse,
  type TClinicReferral,
  type TCodesSentResponse,
  type TConfirmContactRequest,
  type TConfirmedResponse,
  type TDevOutboxResponse,
  type TMeResponse,
  type TPasswordChangeRequest,
  type TProfile,
  type TProfileUpdateRequest,
  type TRecoveryFinishRequest,
  type TRecoveryStartRequest,
  type TReferralDetail,
  type TReferralExtendRequest,
  type TReferralIssueRequest,
  type TReferralListResponse,
  type TReferralLookupRequest,
  type TReferralRefreshResponse,
  type TReferralWithdrawRequest,
  type TResendCodeRequest,
  type TSessionListResponse,
  type TSignInRequest,
  type TSignInResponse,
  type TSignUpRequest,
  type TSpecialtyListResponse,
  type TTwoFactorEnableResponse,
  type TTwoFactorSignInRequest,
} from "@priyom/contracts";
import {
  ZDoctorScheduleResult,
  ZScheduleConflictBody,
  ZStaffDoctorListResponse,
  ZStaffSchedule,
  type TDoctorScheduleRequest,
  type TDoctorScheduleResult,
  type TScheduleConflictAppointment,
  type TStaffDoctorListResponse,
  type TStaffSchedule,
} from "@priyom/contracts";
import { z } from "zod";
import { afterBookingMethods, type AfterBookingApi } from "./after-booking.ts";
import { ApiError, GENERIC_ERROR_MESSAGE_RU } from "./api-error.ts";
import { partnerMethods, type PartnersApi } from "./partners.ts";

export interface ApiClientOptions {
  /** Prefix of every URL; "" = same origin. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Sent as Accept-Language: the API answers error messages in it. */
  locale?: "ru" | "en";
  /**
   * A bearer token to send instead of the session cookie (a widget on a partner's page, where
   * third-party cookies are blocked). While it returns a token, calls carry
   * `Authorization: Bearer …`; a client given this option never sends cookies (`credentials:
   * "omit"`), before sign-in either.
   */
  accessToken?: () => string | undefined;
}

/** Per-call options. */
export interface CallInit {
  signal?: AbortSignal;
}

/** Filters of the doctors for a referral; an empty or absent value does not filter. */
export interface ReferralDoctorFilters {
  qualification?: string | undefined;
  placeType?: string | undefined;
  visitMode?: string | undefined;
}

/** Options of `POST /appointments`: the idempotency key is the caller's, reused when it retries. */
export interface BookingInit extends CallInit {
  idempotencyKey: string;
}

export interface ApiClient extends AfterBookingApi, PartnersApi {
  listSpecialties: (init?: CallInit) => Promise<TSpecialtyListResponse>;
  listClinics: (init?: CallInit) => Promise<TClinicListResponse>;

  // Account (sign-up, sign-in, recovery, session)
  signUp: (body: TSignUpRequest, init?: CallInit) => Promise<TCodesSentResponse>;
  confirmContact: (body: TConfirmContactRequest, init?: CallInit) => Promise<TConfirmedResponse>;
  resendCode: (body: TResendCodeRequest, init?: CallInit) => Promise<void>;
  signIn: (body: TSignInRequest, init?: CallInit) => Promise<TSignInResponse>;
  signInTwoFactor: (body: TTwoFactorSignInRequest, init?: CallInit) => Promise<TSignInResponse>;
  startRecovery: (body: TRecoveryStartRequest, init?: CallInit) => Promise<void>;
  finishRecovery: (body: TRecoveryFinishRequest, init?: CallInit) => Promise<void>;
  /** The signed-in user; an `ApiError` with status 401 when nobody is signed in. */
  me: (init?: CallInit) => Promise<TMeResponse>;
  signOut: (init?: CallInit) => Promise<void>;
  listSessions: (init?: CallInit) => Promise<TSessionListResponse>;
  revokeOtherSessions: (init?: CallInit) => Promise<void>;
  changePassword: (body: TPasswordChangeRequest, init?: CallInit) => Promise<void>;
  enableTwoFactor: (body: { password: string }, init?: CallInit) => Promise<TTwoFactorEnableResponse>;
  confirmTwoFactor: (body: { code: string }, init?: CallInit) => Promise<void>;
  disableTwoFactor: (body: { password: string }, init?: CallInit) => Promise<void>;
  /** Everything held about the user, as the API serialises it. */
  exportAccount: (init?: CallInit) => Promise<unknown>;
  deleteAccount: (body: TAccountDeleteRequest, init?: CallInit) => Promise<void>;

  // Profile and children
  /** The profile with documents masked. */
  getProfile: (init?: CallInit) => Promise<TProfile>;
  /** The profile unmasked: only for the owner's edit form. */
  getProfileDocuments: (init?: CallInit) => Promise<TProfile>;
  updateProfile: (body: TProfileUpdateRequest, init?: CallInit) => Promise<TProfile>;
  runRegistryChecks: (init?: CallInit) => Promise<TProfile>;
  listChildren: (init?: CallInit) => Promise<TChildListResponse>;
  addChild: (body: TChildInput, init?: CallInit) => Promise<TChild>;
  updateChild: (id: string, body: TChildInput, init?: CallInit) => Promise<TChild>;
  deleteChild: (id: string, init?: CallInit) => Promise<void>;

  // Referrals, patient side
  /** The patient's and their children's referrals. */
  listReferrals: (init?: CallInit) => Promise<TReferralListResponse>;
  getReferral: (id: string, init?: CallInit) => Promise<TReferralDetail>;
  /** Finds a referral by number + issue date; 404 `not_found` alike for every miss, 429 when rate-limited. */
  lookupReferral: (body: TReferralLookupRequest, init?: CallInit) => Promise<TReferralDetail>;
  /** Asks the clinics' sources again; 503 `service_unavailable` when a source is slow or failing. */
  refreshReferrals: (init?: CallInit) => Promise<TReferralRefreshResponse>;

  // Referrals, clinic staff side
  listStaffReferrals: (init?: CallInit) => Promise<TStaffReferralListResponse>;
  issueReferral: (body: TReferralIssueRequest, init?: CallInit) => Promise<TClinicReferral>;
  /** The answer's body is not relied on (the contracts name none): re-read the list after it. */
  extendReferral: (number: string, body: TReferralExtendRequest, init?: CallInit) => Promise<void>;
  withdrawReferral: (number: string, body: TReferralWithdrawRequest, init?: CallInit) => Promise<void>;

  // Slots and booking
  /** Doctors of the referral's specialty in the clinics it allows, each with their 3 nearest free slots. */
  listReferralDoctors: (
    referralId: string,
    filters?: ReferralDoctorFilters,
    init?: CallInit,
  ) => Promise<TReferralDoctorsResponse>;
  /** Local dates (inclusive range, `YYYY-MM-DD`) on which a doctor has free slots, with their count. Public. */
  getFreeDates: (
    doctorId: string,
    range: { from: string; to: string },
    init?: CallInit,
  ) => Promise<TFreeDatesResponse>;
  /** A doctor's free starts on one local date. Public. */
  getDaySlots: (doctorId: string, date: string, init?: CallInit) => Promise<TDaySlotsResponse>;
  /** Holds a slot for 5 minutes; 409 `slot_taken` / `slot_held` with `alternatives`. */
  createHold: (body: THoldRequest, init?: CallInit) => Promise<THold>;
  /** The patient's current hold, or null when there is none (404). */
  getCurrentHold: (init?: CallInit) => Promise<THold | null>;
  /** Lets the current hold go. */
  releaseHold: (init?: CallInit) => Promise<void>;
  /** «Проверка введенных данных»: everything the patient checks before booking. */
  getBookingPreview: (
    query: { referralId: string; slotId: string },
    init?: CallInit,
  ) => Promise<TBookingPreview>;
  /**
   * Books; 409 with `alternatives` when the slot is gone, 422 `booking_not_allowed` with `failures`.
   * The same idempotency key answers the first answer again, never a second booking.
   */
  createAppointment: (body: TBookingRequest, init: BookingInit) => Promise<TAppointment>;
  getAppointment: (id: string, init?: CallInit) => Promise<TAppointment>;
  /** The URL of the live slot events (Server-Sent Events) of these doctors, for an `EventSource`. */
  slotStreamUrl: (doctorIds: readonly string[]) => string;

  /** The development mailbox; 404 (an `ApiError`) in production. */
  getDevOutbox: (init?: CallInit) => Promise<TDevOutboxResponse>;

  // Doctors' schedules, clinic staff side
  /** The doctors of the staff member's clinic, by name. */
  listStaffDoctors: (init?: CallInit) => Promise<TStaffDoctorListResponse>;
  /** A doctor's schedule as published (the shape that replaces it) and the clinic's zone; 404 for another clinic's doctor. */
  getStaffSchedule: (externalId: string, init?: CallInit) => Promise<TStaffSchedule>;
  /**
   * Replaces a doctor's schedule. A change that would drop booked visits is an outcome, not a throw:
   * `{ status: "conflict", appointments }` (the API's 409 `schedule_conflict`, which an `ApiError`
   * cannot carry); field errors (400 with `fields`) and every other failure throw an `ApiError`.
   */
  replaceStaffSchedule: (
    externalId: string,
    body: TDoctorScheduleRequest,
    init?: CallInit,
  ) => Promise<
    | ({ status: "saved" } & TDoctorScheduleResult)
    | { status: "conflict"; message: string; requestId: string; appointments: TScheduleConflictAppointment[] }
  >;
}

/**
 * `GET /api/v1/staff/referrals`. The contracts name no schema for it: the brief says `{ items }`, the
 * API's route answers a bare array; both are read as `{ items }`.
 */
export const ZStaffReferralListResponse = z.union([
  z.object({ items: z.array(ZClinicReferral) }),
  z.array(ZClinicReferral).transform((items) => ({ items })),
]);
export type TStaffReferralListResponse = z.output<typeof ZStaffReferralListResponse>;

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Answers whose body the client does not need (`{ status: "ok" }`, 202 without a body, …). */
const ZIgnoredBody = z.unknown();

function requestIdFrom(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

const ZFailures = z.array(ZBookingFailure);
const ZAlternatives = z.array(ZAlternativeSlot);
const ZConflictAppointments = ZScheduleConflictBody.shape.error.shape.appointments;

/**
 * The optional booking parts of an error body (`failures`, `alternatives`), each read on its own: a
 * part that breaks its contract is dropped, and the error keeps its code and message.
 */
function bookingPartsOf(body: unknown): Pick<ApiError, "failures" | "alternatives" | "appointments"> {
  const error = (
    body as { error?: { failures?: unknown; alternatives?: unknown; appointments?: unknown } } | undefined
  )?.error;
  const failures = ZFailures.safeParse(error?.failures);
  const alternatives = ZAlternatives.safeParse(error?.alternatives);
  const appointments = ZConflictAppointments.safeParse(error?.appointments);
  return {
    failures: failures.success ? failures.data : undefined,
    alternatives: alternatives.success ? alternatives.data : undefined,
    appointments: appointments.success ? appointments.data : undefined,
  };
}

/**
 * One `event: slot` of the live slot stream, checked against its contract; undefined for anything else.
 * @example parseSlotEvent(message.data)?.state // "taken"
 */
export function parseSlotEvent(data: unknown): TSlotEvent | undefined {
  if (typeof data !== "string") return undefined;
  try {
    const parsed = ZSlotEvent.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `?a=1&b=2` of the defined, non-empty values; "" when there are none. */
function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/**
 * Creates the typed client of the Priyom API. Every answer is checked against its contract schema;
 * every failure becomes an `ApiError`. Every call sends the session cookie (`credentials: "include"`),
 * or, when `accessToken` gives one, that bearer token and no cookies;
 * every state-changing call sends a JSON body with `Content-Type: application/json`.
 * @example
 *   const api = createApiClient({ baseUrl: "", locale: "ru" });
 *   const { items } = await api.listSpecialties();
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  // Called through a wrapper: `fetch` loses its `this` (Illegal invocation) when stored and called as a method.
  const fetchImpl: typeof fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const locale = options.locale ?? "ru";

  async function request<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T>,
    body: unknown,
    signal: AbortSignal | undefined,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Accept-Language": locale,
      ...extraHeaders,
    };
    const token = options.accessToken?.();
    if (token) headers.Authorization = `Bearer ${token}`;
    // A client given `accessToken` (a widget on a partner's page) never sends cookies, signed in or
    // not: partner origins get CORS without credentials, so a credentialed request would be blocked.
    const credentials: RequestCredentials = options.accessToken ? "omit" : "include";
    const init: RequestInit = { method, headers, credentials };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body ?? {});
    }
    if (signal) init.signal = signal;

    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, init);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: "network_error", message: GENERIC_ERROR_MESSAGE_RU });
    }

    let parsedBody: unknown;
    try {
      const text = await response.text();
      parsedBody = text === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsedBody = undefined;
    }

    if (!response.ok) {
      const parsedError = ZErrorBody.safeParse(parsedBody);
      if (parsedError.success) {
        const { code, message, fields, requestId } = parsedError.data.error;
        throw new ApiError({
          status: response.status,
          code,
          message,
          fields,
          requestId,
          ...bookingPartsOf(parsedBody),
        });
      }
      throw new ApiError({
        status: response.status,
        code: response.status === 404 ? "not_found" : "internal_error",
        message: GENERIC_ERROR_MESSAGE_RU,
        requestId: requestIdFrom(response),
      });
    }

    const parsed = schema.safeParse(parsedBody);
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

  const get = <T>(path: string, schema: z.ZodType<T>, init?: CallInit) =>
    request("GET", path, schema, undefined, init?.signal);
  const send = <T>(method: Method, path: string, schema: z.ZodType<T>, body: unknown, init?: CallInit) =>
    request(method, path, schema, body, init?.signal);
  const sendIgnoringAnswer = async (method: Method, path: string, body: unknown, init?: CallInit) => {
    await request(method, path, ZIgnoredBody, body, init?.signal);
  };
  const child = (id: string) => `/api/v1/children/${encodeURIComponent(id)}`;
  const staffReferral = (number: string, action: string) =>
    `/api/v1/staff/referrals/${encodeURIComponent(number)}/${action}`;
  const doctor = (id: string, rest: string) => `/api/v1/doctors/${encodeURIComponent(id)}/${rest}`;
  const ZNoHold = z.undefined().transform(() => null);

  return {
    ...afterBookingMethods({ baseUrl, request, ignoredBody: ZIgnoredBody, queryString }),
    ...partnerMethods({ baseUrl, request, ignoredBody: ZIgnoredBody, queryString }),
    listSpecialties: (init) => get("/api/v1/specialties", ZSpecialtyListResponse, init),
    listClinics: (init) => get("/api/v1/clinics", ZClinicListResponse, init),

    signUp: (body, init) => send("POST", "/api/v1/account/sign-up", ZCodesSentResponse, body, init),
    confirmContact: (body, init) =>
      send("POST", "/api/v1/account/sign-up/confirm", ZConfirmedResponse, body, init),
    resendCode: (body, init) => sendIgnoringAnswer("POST", "/api/v1/account/sign-up/resend", body, init),
    signIn: (body, init) => send("POST", "/api/v1/account/sign-in", ZSignInResponse, body, init),
    signInTwoFactor: (body, init) =>
      send("POST", "/api/v1/account/sign-in/two-factor", ZSignInResponse, body, init),
    startRecovery: (body, init) => sendIgnoringAnswer("POST", "/api/v1/account/recovery/start", body, init),
    finishRecovery: (body, init) => sendIgnoringAnswer("POST", "/api/v1/account/recovery/finish", body, init),
    me: (init) => get("/api/v1/account/me", ZMeResponse, init),
    signOut: (init) => sendIgnoringAnswer("POST", "/api/v1/account/sign-out", {}, init),
    listSessions: (init) => get("/api/v1/account/sessions", ZSessionListResponse, init),
    revokeOtherSessions: (init) =>
      sendIgnoringAnswer("POST", "/api/v1/account/sessions/revoke-others", {}, init),
    changePassword: (body, init) => sendIgnoringAnswer("POST", "/api/v1/account/password", body, init),
    enableTwoFactor: (body, init) =>
      send("POST", "/api/v1/account/two-factor/enable", ZTwoFactorEnableResponse, body, init),
    confirmTwoFactor: (body, init) =>
      sendIgnoringAnswer("POST", "/api/v1/account/two-factor/confirm", body, init),
    disableTwoFactor: (body, init) =>
      sendIgnoringAnswer("POST", "/api/v1/account/two-factor/disable", body, init),
    exportAccount: (init) => get("/api/v1/account/export", ZIgnoredBody, init),
    deleteAccount: (body, init) => sendIgnoringAnswer("DELETE", "/api/v1/account", body, init),

    getProfile: (init) => get("/api/v1/profile", ZProfile, init),
    getProfileDocuments: (init) => get("/api/v1/profile/documents", ZProfile, init),
    updateProfile: (body, init) => send("PUT", "/api/v1/profile", ZProfile, body, init),
    runRegistryChecks: (init) => send("POST", "/api/v1/profile/registry-checks", ZProfile, {}, init),
    listChildren: (init) => get("/api/v1/children", ZChildListResponse, init),
    addChild: (body, init) => send("POST", "/api/v1/children", ZChild, body, init),
    updateChild: (id, body, init) => send("PUT", child(id), ZChild, body, init),
    deleteChild: (id, init) => sendIgnoringAnswer("DELETE", child(id), {}, init),

    listReferrals: (init) => get("/api/v1/referrals", ZReferralListResponse, init),
    getReferral: (id, init) => get(`/api/v1/referrals/${encodeURIComponent(id)}`, ZReferralDetail, init),
    lookupReferral: (body, init) => send("POST", "/api/v1/referrals/lookup", ZReferralDetail, body, init),
    refreshReferrals: (init) => send("POST", "/api/v1/referrals/refresh", ZReferralRefreshResponse, {}, init),

    listStaffReferrals: (init) => get("/api/v1/staff/referrals", ZStaffReferralListResponse, init),
    issueReferral: (body, init) => send("POST", "/api/v1/staff/referrals", ZClinicReferral, body, init),
    extendReferral: (number, body, init) =>
      sendIgnoringAnswer("POST", staffReferral(number, "extend"), body, init),
    withdrawReferral: (number, body, init) =>
      sendIgnoringAnswer("POST", staffReferral(number, "withdraw"), body, init),

    listReferralDoctors: (referralId, filters = {}, init) =>
      get(
        `/api/v1/referrals/${encodeURIComponent(referralId)}/doctors${queryString({
          qualification: filters.qualification,
          placeType: filters.placeType,
          visitMode: filters.visitMode,
        })}`,
        ZReferralDoctorsResponse,
        init,
      ),
    getFreeDates: (doctorId, range, init) =>
      get(doctor(doctorId, `free-dates${queryString(range)}`), ZFreeDatesResponse, init),
    getDaySlots: (doctorId, date, init) =>
      get(doctor(doctorId, `slots${queryString({ date })}`), ZDaySlotsResponse, init),
    createHold: (body, init) => send("POST", "/api/v1/holds", ZHold, body, init),
    getCurrentHold: async (init) => {
      try {
        return await get("/api/v1/holds/current", z.union([ZHold, ZNoHold]), init);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    releaseHold: (init) => sendIgnoringAnswer("DELETE", "/api/v1/holds/current", {}, init),
    getBookingPreview: (query, init) =>
      get(`/api/v1/booking/preview${queryString(query)}`, ZBookingPreview, init),
    createAppointment: (body, init) =>
      request("POST", "/api/v1/appointments", ZAppointment, body, init.signal, {
        "Idempotency-Key": init.idempotencyKey,
      }),
    getAppointment: (id, init) => get(`/api/v1/appointments/${encodeURIComponent(id)}`, ZAppointment, init),
    slotStreamUrl: (doctorIds) =>
      `${baseUrl}/api/v1/slots/stream${queryString({ doctorIds: doctorIds.join(",") })}`,

    getDevOutbox: (init) => get("/api/dev/outbox", ZDevOutboxResponse, init),

    listStaffDoctors: (init) => get("/api/v1/staff/doctors", ZStaffDoctorListResponse, init),
    getStaffSchedule: (externalId, init) =>
      get(`/api/v1/staff/doctors/${encodeURIComponent(externalId)}/schedule`, ZStaffSchedule, init),
    replaceStaffSchedule: async (externalId, body, init) => {
      const path = `/api/v1/staff/doctors/${encodeURIComponent(externalId)}/schedule`;
      try {
        return {
          status: "saved",
          ...(await request("PUT", path, ZDoctorScheduleResult, body, init?.signal)),
        };
      } catch (error) {
        // A refusal that lists the booked visits is an answer to show, not a failure.
        if (error instanceof ApiError && error.status === 409 && error.appointments) {
          return {
            status: "conflict",
            message: error.message,
            requestId: error.requestId ?? "",
            appointments: error.appointments,
          };
        }
        throw error;
      }
    },
  };
}
