import {
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
import { z } from "zod";
import { ApiError, GENERIC_ERROR_MESSAGE_RU } from "./api-error.ts";

export interface ApiClientOptions {
  /** Prefix of every URL; "" = same origin. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Sent as Accept-Language: the API answers error messages in it. */
  locale?: "ru" | "en";
}

/** Per-call options. */
export interface CallInit {
  signal?: AbortSignal;
}

export interface ApiClient {
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

  /** The development mailbox; 404 (an `ApiError`) in production. */
  getDevOutbox: (init?: CallInit) => Promise<TDevOutboxResponse>;
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

/**
 * Creates the typed client of the Priyom API. Every answer is checked against its contract schema;
 * every failure becomes an `ApiError`. Every call sends the session cookie (`credentials: "include"`);
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
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": locale };
    const init: RequestInit = { method, headers, credentials: "include" };
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
        throw new ApiError({ status: response.status, code, message, fields, requestId });
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

  return {
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

    getDevOutbox: (init) => get("/api/dev/outbox", ZDevOutboxResponse, init),
  };
}
