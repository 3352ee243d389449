import { z } from "zod";
import { ZFreeSlot } from "./schedule.ts";

/** One rule a booking broke: stable code, message in the request's language, the field it concerns. */
export const ZBookingFailure = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type TBookingFailure = z.infer<typeof ZBookingFailure>;

/** Why an alternative is offered (DOMAIN.md order): the same doctor, the same clinic, another allowed clinic. */
export const ZAlternativeGroup = z.enum(["same_doctor", "same_clinic", "other_clinic"]);

/** A free slot offered instead of a taken one, with who and where. */
export const ZAlternativeSlot = ZFreeSlot.extend({
  group: ZAlternativeGroup,
  doctor: z.object({
    id: z.string(),
    name: z.string(),
    room: z.string(),
  }),
  clinic: z.object({ id: z.string(), shortName: z.string(), address: z.string() }),
});
export type TAlternativeSlot = z.infer<typeof ZAlternativeSlot>;

/**
 * The error body of a refused booking or hold: the one error shape plus `failures` (422, every
 * eligibility rule that failed) or `alternatives` (409, the slot is gone).
 */
export const ZBookingErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    failures: z.array(ZBookingFailure).optional(),
    alternatives: z.array(ZAlternativeSlot).optional(),
    requestId: z.string(),
  }),
});
export type TBookingErrorBody = z.infer<typeof ZBookingErrorBody>;

/** `POST /api/v1/holds`: reserve a free slot for 5 minutes while the patient confirms. */
export const ZHoldRequest = z.object({
  slotId: z.string().max(60),
  /** The referral being booked: alternatives follow its specialty and allowed clinics when the slot is gone. */
  referralId: z.string().max(60).optional(),
});
export type THoldRequest = z.infer<typeof ZHoldRequest>;

/**
 * The patient's one hold: which slot, until when (ISO instant), and the seconds left when the server
 * answered — a countdown should run from that, not from the device's clock, which may be wrong.
 */
export const ZHold = z.object({
  slot: ZFreeSlot.extend({ doctorId: z.string() }),
  expiresAt: z.string(),
  secondsLeft: z.number().int(),
});
export type THold = z.infer<typeof ZHold>;

/** `POST /api/v1/appointments` (header `Idempotency-Key`, 8–100 characters of `[A-Za-z0-9_-]`). */
export const ZBookingRequest = z.object({
  referralId: z.string().max(60),
  slotId: z.string().max(60),
  /** Mobile number for the visit, any common notation; stored as `+79XXXXXXXXX`. */
  contactPhone: z.string().max(30),
  /** `video` for a video visit with a doctor who offers it (the ticket then carries the link); default in person. */
  visitMode: z.enum(["in_person", "video"]).optional(),
});
export type TBookingRequest = z.infer<typeof ZBookingRequest>;

export const ZAppointmentStatus = z.enum(["booked", "cancelled", "rescheduled", "done", "missed"]);
export type TAppointmentStatus = z.infer<typeof ZAppointmentStatus>;

/** An appointment and its ticket (талон): when and where, in the clinic's local time with the zone named. */
export const ZAppointment = z.object({
  id: z.string(),
  ticketNumber: z.string(),
  status: ZAppointmentStatus,
  localDate: z.string(),
  localTime: z.string(),
  minutes: z.number().int(),
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  patient: z.object({ kind: z.enum(["self", "child"]), name: z.string() }),
  doctor: z.object({
    id: z.string(),
    name: z.string(),
    specialty: z.object({ code: z.string(), nameRu: z.string() }),
    room: z.string(),
  }),
  clinic: z.object({
    id: z.string(),
    shortName: z.string(),
    fullName: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
  }),
  referral: z.object({ id: z.string(), number: z.string() }),
  contactPhone: z.string(),
  visitMode: z.enum(["in_person", "video"]),
  /** `cancelled` only: who cancelled and why. */
  cancelledBy: z.enum(["patient", "clinic"]).nullable(),
  cancelReason: z.string().nullable(),
  /** `rescheduled` only: the appointment that replaced this one. */
  rescheduledToId: z.string().nullable(),
  /** `booked` only: whether the patient may still reschedule or cancel (until 24 h before the start). */
  changeableUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type TAppointment = z.infer<typeof ZAppointment>;

export const ZAppointmentListResponse = z.object({ items: z.array(ZAppointment) });
export type TAppointmentListResponse = z.infer<typeof ZAppointmentListResponse>;

/**
 * «Проверка введенных данных»: everything the patient checks before «Записаться». Documents are
 * masked; the phone is the account's, which the patient may change for this visit.
 */
export const ZBookingPreview = z.object({
  patient: z.object({
    kind: z.enum(["self", "child"]),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    birthDate: z.string(),
    /** Masked policy (ЕНП), or null when the profile has none. */
    enp: z.string().nullable(),
    /** Masked СНИЛС, or null. */
    snils: z.string().nullable(),
  }),
  contactPhone: z.string(),
  referral: z.object({ id: z.string(), number: z.string(), specialty: z.string(), lastValidDay: z.string() }),
  doctor: z.object({ id: z.string(), name: z.string(), qualification: z.string(), room: z.string() }),
  clinic: z.object({ id: z.string(), shortName: z.string(), address: z.string() }),
  slot: ZFreeSlot,
  /** Problems already visible now (the same checks `POST /appointments` runs); empty when all is well. */
  failures: z.array(ZBookingFailure),
});
export type TBookingPreview = z.infer<typeof ZBookingPreview>;

/**
 * One event of `GET /api/v1/slots/stream` (Server-Sent Events, `event: slot`): a slot of a watched
 * doctor became free, or was taken (held, booked or closed by the clinic).
 */
export const ZSlotEvent = z.object({
  slotId: z.string(),
  doctorId: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  minutes: z.number().int(),
  timeZone: z.string(),
  startsAt: z.string(),
  state: z.enum(["free", "taken"]),
});
export type TSlotEvent = z.infer<typeof ZSlotEvent>;

/** `GET /api/v1/slots/nearest?specialty=&region=`: the nearest free slots of a specialty in a region, public. */
export const ZNearestSlotsResponse = z.object({
  items: z.array(ZAlternativeSlot.omit({ group: true })),
});
export type TNearestSlotsResponse = z.infer<typeof ZNearestSlotsResponse>;
