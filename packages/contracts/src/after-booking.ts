import { z } from "zod";
import { ZAlternativeSlot, ZAppointment } from "./booking.ts";

/*
 * After booking (DOMAIN.md "After booking", "When nothing is free"): the ticket, reschedule and
 * cancel, the clinic's marks, the history, notifications, the waitlist and priority requests.
 */

/** `GET /api/v1/appointments?scope=upcoming|past` — upcoming first by start; past newest first. */
export const ZAppointmentScope = z.enum(["upcoming", "past", "all"]);
export type TAppointmentScope = z.infer<typeof ZAppointmentScope>;

/**
 * `GET /api/v1/appointments/{id}/ticket` — the ticket (талон) with everything printed on it.
 * `…/ticket.pdf` (application/pdf, Cyrillic, QR) and `…/ticket.ics` (text/calendar, UTC times) are
 * downloads of the same.
 */
export const ZTicket = z.object({
  appointment: ZAppointment,
  /** Specialty name and the doctor's qualification, for the printed ticket. */
  specialtyName: z.string(),
  /** Registry desk phone of the clinic. */
  registryPhone: z.string(),
  /** Human time zone label, e.g. «Москва (UTC+3)». */
  timeZoneLabel: z.string(),
  /** What to bring and how to prepare (the clinic's own text when it set one). */
  instructions: z.object({ bring: z.string(), prepare: z.string() }),
  /** Video visits: the link to join, built from the clinic's video service; else null. */
  videoLink: z.string().nullable(),
  /** `data:image/svg+xml;base64,…` QR code of the ticket number. */
  qrSvg: z.string(),
  pdfUrl: z.string(),
  icsUrl: z.string(),
});
export type TTicket = z.infer<typeof ZTicket>;

/** `POST /api/v1/appointments/{id}/cancel` (header `Idempotency-Key`). */
export const ZCancelRequest = z.object({
  /** Why (3–500 characters), required. */
  reason: z.string().max(500),
});
export type TCancelRequest = z.infer<typeof ZCancelRequest>;

/**
 * `POST /api/v1/appointments/{id}/reschedule` (header `Idempotency-Key`): the new slot is taken and the
 * old one freed in one transaction, or nothing changes. Answers the new appointment (201).
 */
export const ZRescheduleRequest = z.object({
  slotId: z.string().max(60),
});
export type TRescheduleRequest = z.infer<typeof ZRescheduleRequest>;

/** Clinic API / staff: `POST …/appointments/{id}/done|missed|cancel`. */
export const ZClinicCancelRequest = z.object({
  reason: z.string().max(500),
});
export type TClinicCancelRequest = z.infer<typeof ZClinicCancelRequest>;

/** A clinic's cancellation answers the appointment and alternatives offered to the patient. */
export const ZClinicCancelResponse = z.object({
  appointment: ZAppointment,
  alternatives: z.array(ZAlternativeSlot),
});
export type TClinicCancelResponse = z.infer<typeof ZClinicCancelResponse>;

/** One line of the patient's history (from the journal): who, when, what, result. */
export const ZHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  /** `patient` (the account), `clinic`, `admin`, `system`. */
  actor: z.enum(["patient", "clinic", "admin", "system"]),
  action: z.string(),
  /** The action in Russian, e.g. «Запись отменена». */
  title: z.string(),
  result: z.enum(["success", "failure"]),
  ticketNumber: z.string().nullable(),
  referralNumber: z.string().nullable(),
  /** A short Russian detail (reason, new date), never personal documents. */
  detail: z.string().nullable(),
});
export type THistoryEntry = z.infer<typeof ZHistoryEntry>;

/** `GET /api/v1/history?before=<id>&limit=` — newest first. */
export const ZHistoryResponse = z.object({
  items: z.array(ZHistoryEntry),
  nextBefore: z.string().nullable(),
});
export type THistoryResponse = z.infer<typeof ZHistoryResponse>;

/** The cabinet channel. */
export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  appointmentId: z.string().nullable(),
  referralId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** `GET /api/v1/notifications` — newest first, at most 50; `POST …/{id}/read`, `POST …/read-all`. */
export const ZNotificationListResponse = z.object({
  items: z.array(ZNotification),
  unread: z.number().int(),
});
export type TNotificationListResponse = z.infer<typeof ZNotificationListResponse>;

/** `GET /api/v1/notifications/unread-count` — cheap, for the shell's badge. */
export const ZUnreadCount = z.object({ unread: z.number().int() });
export type TUnreadCount = z.infer<typeof ZUnreadCount>;

export const ZWaitlistStatus = z.enum(["waiting", "offered", "booked", "left", "expired"]);

/** `POST /api/v1/waitlist` — join the line for a referral. */
export const ZWaitlistJoinRequest = z.object({
  referralId: z.string().max(60),
  /** Local dates `YYYY-MM-DD`, from ≤ to, not before today nor after the referral's last day. */
  fromDate: z.string().max(10),
  toDate: z.string().max(10),
  clinicIds: z.array(z.string().max(60)).max(20).default([]),
  doctorIds: z.array(z.string().max(60)).max(20).default([]),
});
export type TWaitlistJoinRequest = z.input<typeof ZWaitlistJoinRequest>;

/** A waitlist entry as its patient sees it. */
export const ZWaitlistEntry = z.object({
  id: z.string(),
  referral: z.object({ id: z.string(), number: z.string(), specialty: z.string() }),
  fromDate: z.string(),
  toDate: z.string(),
  clinicIds: z.array(z.string()),
  doctorIds: z.array(z.string()),
  status: ZWaitlistStatus,
  /** 1 = next to be offered; null once the entry ended. */
  position: z.number().int().nullable(),
  /** `offered` only: the slot held for the patient and until when. */
  offer: z
    .object({
      slotId: z.string(),
      localDate: z.string(),
      localTime: z.string(),
      timeZone: z.string(),
      expiresAt: z.string(),
      secondsLeft: z.number().int(),
      doctor: z.object({ id: z.string(), name: z.string(), room: z.string() }),
      clinic: z.object({ id: z.string(), shortName: z.string(), address: z.string() }),
    })
    .nullable(),
  appointmentId: z.string().nullable(),
  createdAt: z.string(),
});
export type TWaitlistEntry = z.infer<typeof ZWaitlistEntry>;

/** `GET /api/v1/waitlist` — the account's entries, live first. */
export const ZWaitlistListResponse = z.object({ items: z.array(ZWaitlistEntry) });
export type TWaitlistListResponse = z.infer<typeof ZWaitlistListResponse>;

/**
 * `POST /api/v1/waitlist/{id}/accept` (header `Idempotency-Key`, body `{contactPhone}`) books the
 * offered slot and answers the appointment (201); `…/decline` passes it on; `DELETE …/{id}` leaves.
 */
export const ZWaitlistAcceptRequest = z.object({ contactPhone: z.string().max(30) });
export type TWaitlistAcceptRequest = z.infer<typeof ZWaitlistAcceptRequest>;

export const ZPriorityUrgency = z.enum(["normal", "urgent"]);
export const ZPriorityStatus = z.enum(["pending", "approved", "declined", "withdrawn"]);

/** `POST /api/v1/priority-requests`. */
export const ZPriorityRequestCreate = z.object({
  referralId: z.string().max(60),
  /** Why it is urgent, 10–1000 characters. */
  reason: z.string().max(1000),
  urgency: ZPriorityUrgency,
});
export type TPriorityRequestCreate = z.infer<typeof ZPriorityRequestCreate>;

/** A priority request as its patient sees it (`GET /api/v1/priority-requests`). */
export const ZPriorityRequest = z.object({
  id: z.string(),
  referral: z.object({ id: z.string(), number: z.string(), specialty: z.string() }),
  reason: z.string(),
  urgency: ZPriorityUrgency,
  status: ZPriorityStatus,
  decisionReason: z.string().nullable(),
  appointmentId: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TPriorityRequest = z.infer<typeof ZPriorityRequest>;
export const ZPriorityRequestListResponse = z.object({ items: z.array(ZPriorityRequest) });
export type TPriorityRequestListResponse = z.infer<typeof ZPriorityRequestListResponse>;

/**
 * `GET /api/v1/staff/priority-requests?status=pending` — administrators: the queue, urgent first then
 * oldest. The patient is named (name, birth year) — an administrator must know whom they book — but
 * no documents.
 */
export const ZStaffPriorityRequest = ZPriorityRequest.extend({
  patient: z.object({ name: z.string(), birthYear: z.number().int() }),
  referral: z.object({
    id: z.string(),
    number: z.string(),
    specialty: z.string(),
    specialtyCode: z.string(),
    lastValidDay: z.string(),
  }),
});
export type TStaffPriorityRequest = z.infer<typeof ZStaffPriorityRequest>;
export const ZStaffPriorityRequestListResponse = z.object({ items: z.array(ZStaffPriorityRequest) });
export type TStaffPriorityRequestListResponse = z.infer<typeof ZStaffPriorityRequestListResponse>;

/** `POST /api/v1/staff/priority-requests/{id}/approve` — books this slot for the patient. */
export const ZPriorityApproveRequest = z.object({ slotId: z.string().max(60) });
export type TPriorityApproveRequest = z.infer<typeof ZPriorityApproveRequest>;
/** `POST /api/v1/staff/priority-requests/{id}/decline`. */
export const ZPriorityDeclineRequest = z.object({ reason: z.string().max(1000) });
export type TPriorityDeclineRequest = z.infer<typeof ZPriorityDeclineRequest>;

/** `GET /api/v1/staff/journal?action&result&from&to&before&limit` — ids and codes, no personal data. */
export const ZJournalEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  result: z.enum(["success", "failure"]),
  actorUserId: z.string().nullable(),
  subjectUserId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  requestId: z.string().nullable(),
});
export type TJournalEntry = z.infer<typeof ZJournalEntry>;
export const ZJournalResponse = z.object({
  items: z.array(ZJournalEntry),
  nextBefore: z.string().nullable(),
});
export type TJournalResponse = z.infer<typeof ZJournalResponse>;

/** `GET /api/v1/staff/notifications/failed` — administrators; the recipient masked. */
export const ZFailedMessage = z.object({
  id: z.string(),
  channel: z.enum(["sms", "email"]),
  kind: z.string(),
  recipientMasked: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type TFailedMessage = z.infer<typeof ZFailedMessage>;
export const ZFailedMessageListResponse = z.object({ items: z.array(ZFailedMessage) });
export type TFailedMessageListResponse = z.infer<typeof ZFailedMessageListResponse>;

/**
 * `GET /api/v1/staff/appointments?date=YYYY-MM-DD` — clinic staff: their clinic's visits of a local
 * day (admins: `&clinicId=`), by time; `POST /api/v1/staff/appointments/{id}/done|missed|cancel`.
 */
export const ZStaffAppointment = z.object({
  id: z.string(),
  ticketNumber: z.string(),
  status: ZAppointment.shape.status,
  localDate: z.string(),
  localTime: z.string(),
  minutes: z.number().int(),
  timeZone: z.string(),
  startsAt: z.string(),
  patientName: z.string(),
  doctor: z.object({ id: z.string(), name: z.string(), room: z.string(), specialty: z.string() }),
  referralNumber: z.string(),
});
export type TStaffAppointment = z.infer<typeof ZStaffAppointment>;
export const ZStaffAppointmentListResponse = z.object({
  clinic: z.object({ id: z.string(), shortName: z.string(), timeZone: z.string() }),
  date: z.string(),
  items: z.array(ZStaffAppointment),
});
export type TStaffAppointmentListResponse = z.infer<typeof ZStaffAppointmentListResponse>;

/**
 * `GET /api/v1/staff/priority-requests/{id}/slots` — free slots an administrator may book for the
 * request: the referral's specialty in the clinics it allows, before its last day, nearest first.
 */
export const ZStaffPrioritySlotsResponse = z.object({ items: z.array(ZAlternativeSlot) });
export type TStaffPrioritySlotsResponse = z.infer<typeof ZStaffPrioritySlotsResponse>;
