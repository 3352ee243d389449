import {
  ZAppointment,
  ZAppointmentListResponse,
  ZClinicCancelResponse,
  ZFailedMessageListResponse,
  ZHistoryResponse,
  ZJournalResponse,
  ZNotificationListResponse,
  ZPriorityRequest,
  ZPriorityRequestListResponse,
  ZStaffAppointmentListResponse,
  ZStaffPriorityRequest,
  ZStaffPriorityRequestListResponse,
  ZStaffPrioritySlotsResponse,
  ZTicket,
  ZUnreadCount,
  ZWaitlistEntry,
  ZWaitlistListResponse,
  type TAppointment,
  type TAppointmentListResponse,
  type TAppointmentScope,
  type TCancelRequest,
  type TClinicCancelRequest,
  type TClinicCancelResponse,
  type TFailedMessageListResponse,
  type THistoryResponse,
  type TJournalResponse,
  type TNotificationListResponse,
  type TPriorityApproveRequest,
  type TPriorityDeclineRequest,
  type TPriorityRequest,
  type TPriorityRequestCreate,
  type TPriorityRequestListResponse,
  type TRescheduleRequest,
  type TStaffAppointmentListResponse,
  type TStaffPriorityRequest,
  type TStaffPriorityRequestListResponse,
  type TStaffPrioritySlotsResponse,
  type TTicket,
  type TUnreadCount,
  type TWaitlistAcceptRequest,
  type TWaitlistEntry,
  type TWaitlistJoinRequest,
  type TWaitlistListResponse,
} from "@priyom/contracts";
import type { z } from "zod";
import type { CallInit } from "./client.ts";

/** Options of a call that changes a booking: the idempotency key is the caller's, reused when it retries. */
export interface IdempotentInit extends CallInit {
  idempotencyKey: string;
}

/** Filters of the staff journal; absent values do not filter. */
export interface JournalFilters {
  action?: string | undefined;
  result?: "success" | "failure" | undefined;
  /** Local dates `YYYY-MM-DD` (UTC days). */
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

/** After booking: «Мои записи», the ticket, notifications, waitlist, priority requests, staff screens. */
export interface AfterBookingApi {
  listAppointments: (scope?: TAppointmentScope, init?: CallInit) => Promise<TAppointmentListResponse>;
  getTicket: (appointmentId: string, init?: CallInit) => Promise<TTicket>;
  /** Same-origin URLs of the downloads (for `<a href download>`). */
  ticketPdfUrl: (appointmentId: string) => string;
  ticketIcsUrl: (appointmentId: string) => string;
  cancelAppointment: (
    appointmentId: string,
    body: TCancelRequest,
    init: IdempotentInit,
  ) => Promise<TAppointment>;
  /** Answers the new appointment; 409 with `alternatives` when the slot is gone; 422 past the 24-hour limit. */
  rescheduleAppointment: (
    appointmentId: string,
    body: TRescheduleRequest,
    init: IdempotentInit,
  ) => Promise<TAppointment>;
  getHistory: (before?: string, init?: CallInit) => Promise<THistoryResponse>;

  listNotifications: (init?: CallInit) => Promise<TNotificationListResponse>;
  getUnreadCount: (init?: CallInit) => Promise<TUnreadCount>;
  markNotificationRead: (id: string, init?: CallInit) => Promise<void>;
  markAllNotificationsRead: (init?: CallInit) => Promise<void>;

  listWaitlist: (init?: CallInit) => Promise<TWaitlistListResponse>;
  joinWaitlist: (body: TWaitlistJoinRequest, init?: CallInit) => Promise<TWaitlistEntry>;
  leaveWaitlist: (entryId: string, init?: CallInit) => Promise<void>;
  acceptWaitlistOffer: (
    entryId: string,
    body: TWaitlistAcceptRequest,
    init: IdempotentInit,
  ) => Promise<TAppointment>;
  declineWaitlistOffer: (entryId: string, init?: CallInit) => Promise<TWaitlistEntry>;

  listPriorityRequests: (init?: CallInit) => Promise<TPriorityRequestListResponse>;
  createPriorityRequest: (body: TPriorityRequestCreate, init?: CallInit) => Promise<TPriorityRequest>;
  withdrawPriorityRequest: (id: string, init?: CallInit) => Promise<TPriorityRequest>;

  // Staff screens
  listStaffPriorityRequests: (
    status?: "pending" | "approved" | "declined" | "withdrawn",
    init?: CallInit,
  ) => Promise<TStaffPriorityRequestListResponse>;
  getStaffPrioritySlots: (id: string, init?: CallInit) => Promise<TStaffPrioritySlotsResponse>;
  approvePriorityRequest: (
    id: string,
    body: TPriorityApproveRequest,
    init?: CallInit,
  ) => Promise<TStaffPriorityRequest>;
  declinePriorityRequest: (
    id: string,
    body: TPriorityDeclineRequest,
    init?: CallInit,
  ) => Promise<TStaffPriorityRequest>;
  getJournal: (filters?: JournalFilters, init?: CallInit) => Promise<TJournalResponse>;
  listFailedMessages: (init?: CallInit) => Promise<TFailedMessageListResponse>;
  /** Clinic staff: their clinic's visits of a local day; admins name the clinic. */
  listStaffAppointments: (
    query: { date: string; clinicId?: string | undefined },
    init?: CallInit,
  ) => Promise<TStaffAppointmentListResponse>;
  markAppointmentDone: (appointmentId: string, init?: CallInit) => Promise<TAppointment>;
  markAppointmentMissed: (appointmentId: string, init?: CallInit) => Promise<TAppointment>;
  cancelAppointmentByClinic: (
    appointmentId: string,
    body: TClinicCancelRequest,
    init?: CallInit,
  ) => Promise<TClinicCancelResponse>;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** What `createApiClient` lends the after-booking methods. */
export interface RequestTools {
  baseUrl: string;
  request: <T>(
    method: Method,
    path: string,
    schema: z.ZodType<T>,
    body: unknown,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ) => Promise<T>;
  ignoredBody: z.ZodType<unknown>;
  queryString: (params: Record<string, string | number | undefined>) => string;
}

export function afterBookingMethods({
  baseUrl,
  request,
  ignoredBody,
  queryString,
}: RequestTools): AfterBookingApi {
  const get = <T>(path: string, schema: z.ZodType<T>, init?: CallInit) =>
    request("GET", path, schema, undefined, init?.signal);
  const post = <T>(path: string, schema: z.ZodType<T>, body: unknown, init?: CallInit) =>
    request("POST", path, schema, body, init?.signal);
  const idempotent = <T>(path: string, schema: z.ZodType<T>, body: unknown, init: IdempotentInit) =>
    request("POST", path, schema, body, init.signal, { "Idempotency-Key": init.idempotencyKey });
  const ignore = async (method: Method, path: string, init?: CallInit) => {
    await request(method, path, ignoredBody, method === "GET" ? undefined : {}, init?.signal);
  };
  const appointment = (id: string, rest = "") => `/api/v1/appointments/${encodeURIComponent(id)}${rest}`;
  const waitlist = (id: string, rest = "") => `/api/v1/waitlist/${encodeURIComponent(id)}${rest}`;
  const staffPriority = (id: string, rest = "") =>
    `/api/v1/staff/priority-requests/${encodeURIComponent(id)}${rest}`;
  const staffAppointment = (id: string, rest: string) =>
    `/api/v1/staff/appointments/${encodeURIComponent(id)}${rest}`;

  return {
    listAppointments: (scope = "all", init) =>
      get(`/api/v1/appointments${queryString({ scope })}`, ZAppointmentListResponse, init),
    getTicket: (id, init) => get(appointment(id, "/ticket"), ZTicket, init),
    ticketPdfUrl: (id) => `${baseUrl}${appointment(id, "/ticket.pdf")}`,
    ticketIcsUrl: (id) => `${baseUrl}${appointment(id, "/ticket.ics")}`,
    cancelAppointment: (id, body, init) => idempotent(appointment(id, "/cancel"), ZAppointment, body, init),
    rescheduleAppointment: (id, body, init) =>
      idempotent(appointment(id, "/reschedule"), ZAppointment, body, init),
    getHistory: (before, init) => get(`/api/v1/history${queryString({ before })}`, ZHistoryResponse, init),

    listNotifications: (init) => get("/api/v1/notifications", ZNotificationListResponse, init),
    getUnreadCount: (init) => get("/api/v1/notifications/unread-count", ZUnreadCount, init),
    markNotificationRead: (id, init) =>
      ignore("POST", `/api/v1/notifications/${encodeURIComponent(id)}/read`, init),
    markAllNotificationsRead: (init) => ignore("POST", "/api/v1/notifications/read-all", init),

    listWaitlist: (init) => get("/api/v1/waitlist", ZWaitlistListResponse, init),
    joinWaitlist: (body, init) => post("/api/v1/waitlist", ZWaitlistEntry, body, init),
    leaveWaitlist: (id, init) => ignore("DELETE", waitlist(id), init),
    acceptWaitlistOffer: (id, body, init) => idempotent(waitlist(id, "/accept"), ZAppointment, body, init),
    declineWaitlistOffer: (id, init) => post(waitlist(id, "/decline"), ZWaitlistEntry, {}, init),

    listPriorityRequests: (init) => get("/api/v1/priority-requests", ZPriorityRequestListResponse, init),
    createPriorityRequest: (body, init) => post("/api/v1/priority-requests", ZPriorityRequest, body, init),
    withdrawPriorityRequest: (id, init) =>
      post(`/api/v1/priority-requests/${encodeURIComponent(id)}/withdraw`, ZPriorityRequest, {}, init),

    listStaffPriorityRequests: (status = "pending", init) =>
      get(
        `/api/v1/staff/priority-requests${queryString({ status })}`,
        ZStaffPriorityRequestListResponse,
        init,
      ),
    getStaffPrioritySlots: (id, init) => get(staffPriority(id, "/slots"), ZStaffPrioritySlotsResponse, init),
    approvePriorityRequest: (id, body, init) =>
      post(staffPriority(id, "/approve"), ZStaffPriorityRequest, body, init),
    declinePriorityRequest: (id, body, init) =>
      post(staffPriority(id, "/decline"), ZStaffPriorityRequest, body, init),
    getJournal: (filters = {}, init) =>
      get(`/api/v1/staff/journal${queryString({ ...filters })}`, ZJournalResponse, init),
    listFailedMessages: (init) => get("/api/v1/staff/notifications/failed", ZFailedMessageListResponse, init),
    listStaffAppointments: (query, init) =>
      get(`/api/v1/staff/appointments${queryString(query)}`, ZStaffAppointmentListResponse, init),
    markAppointmentDone: (id, init) => post(staffAppointment(id, "/done"), ZAppointment, {}, init),
    markAppointmentMissed: (id, init) => post(staffAppointment(id, "/missed"), ZAppointment, {}, init),
    cancelAppointmentByClinic: (id, body, init) =>
      post(staffAppointment(id, "/cancel"), ZClinicCancelResponse, body, init),
  };
}
