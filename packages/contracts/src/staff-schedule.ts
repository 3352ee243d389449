import { z } from "zod";
import { ZErrorBody } from "./errors.ts";
import { ZDoctorScheduleRequest } from "./schedule.ts";

/** A doctor of the staff member's clinic, as the schedule screen lists them. */
export const ZStaffDoctor = z.object({
  id: z.string(),
  /** The clinic's own id of the doctor: the schedule routes take it. */
  externalId: z.string(),
  /** «Фамилия Имя Отчество». */
  name: z.string(),
  /** Specialty code (`cardiologist`). */
  specialty: z.string(),
  room: z.string(),
});
export type TStaffDoctor = z.infer<typeof ZStaffDoctor>;

/** `GET /api/v1/staff/doctors`: the clinic's doctors by name. */
export const ZStaffDoctorListResponse = z.object({ items: z.array(ZStaffDoctor) });
export type TStaffDoctorListResponse = z.infer<typeof ZStaffDoctorListResponse>;

/**
 * `GET /api/v1/staff/doctors/{externalId}/schedule`: the schedule as it was published (the same shape
 * as the request that replaces it) and the clinic's IANA zone its times and dates are in.
 */
export const ZStaffSchedule = ZDoctorScheduleRequest.extend({ timeZone: z.string() });
export type TStaffSchedule = z.infer<typeof ZStaffSchedule>;

/** A booked visit a schedule change would drop: ticket, local date and time in the clinic's zone. */
export const ZScheduleConflictAppointment = z.object({
  id: z.string(),
  ticketNumber: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  timeZone: z.string(),
});
export type TScheduleConflictAppointment = z.infer<typeof ZScheduleConflictAppointment>;

/** The 409 `schedule_conflict` body: the error shape with the appointments to cancel first. */
export const ZScheduleConflictBody = z.object({
  error: ZErrorBody.shape.error.extend({
    code: z.literal("schedule_conflict"),
    appointments: z.array(ZScheduleConflictAppointment),
  }),
});
export type TScheduleConflictBody = z.infer<typeof ZScheduleConflictBody>;
