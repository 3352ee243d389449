import { z } from "zod";

/** A wall-clock range `[from, to)`, both `HH:MM` in the clinic's zone. */
export const ZTimeRange = z.object({
  from: z.string().max(5),
  to: z.string().max(5),
});

/** A weekly working interval: ISO weekday (Monday = 1), hours on the 15-minute grid, breaks, visit length. */
export const ZScheduleRule = z.object({
  weekday: z.number().int(),
  from: z.string().max(5),
  to: z.string().max(5),
  breaks: z.array(ZTimeRange).max(20).optional(),
  visitMinutes: z.number().int(),
});

/** A dated exception: no work (day off, sick leave) or other hours replacing the weekly rules. */
export const ZScheduleException = z.object({
  date: z.string().max(10),
  kind: z.enum(["day_off", "sick_leave", "other_hours"]),
  from: z.string().max(5).optional(),
  to: z.string().max(5).optional(),
  breaks: z.array(ZTimeRange).max(20).optional(),
  /** Visit length on other hours; defaults to that weekday's rule. */
  visitMinutes: z.number().int().optional(),
});

/**
 * A doctor's whole schedule as a clinic publishes it: it replaces the previous rules and exceptions,
 * and the next 8 weeks of slots are materialised from it. Times and dates are in the clinic's zone.
 */
export const ZDoctorScheduleRequest = z.object({
  rules: z.array(ZScheduleRule).max(100),
  exceptions: z.array(ZScheduleException).max(1000),
});
export type TDoctorScheduleRequest = z.infer<typeof ZDoctorScheduleRequest>;

/** What the materialisation left: free slots ahead, and slots blocked because the schedule dropped them. */
export const ZDoctorScheduleResult = z.object({
  slotsFree: z.number().int(),
  slotsBlocked: z.number().int(),
});
export type TDoctorScheduleResult = z.infer<typeof ZDoctorScheduleResult>;

/** A free start a patient may choose: local date and time in the clinic's zone, and the instant. */
export const ZFreeSlot = z.object({
  slotId: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  minutes: z.number().int(),
  timeZone: z.string(),
  startsAt: z.string(),
});
export type TFreeSlot = z.infer<typeof ZFreeSlot>;

/** A doctor who can see the patient on a referral, with their nearest free slots. */
export const ZReferralDoctor = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  specialty: z.string(),
  qualification: z.string(),
  licenceNumber: z.string(),
  room: z.string(),
  visitModes: z.array(z.enum(["in_person", "video", "phone"])),
  clinic: z.object({
    id: z.string(),
    shortName: z.string(),
    address: z.string(),
    timeZone: z.string(),
    placeType: z.string(),
  }),
  nearestSlots: z.array(ZFreeSlot),
});
export type TReferralDoctor = z.infer<typeof ZReferralDoctor>;

export const ZReferralDoctorsResponse = z.object({
  items: z.array(ZReferralDoctor),
  /** Last day of the guaranteed waiting time (14 working days, 3 for urgent referrals), in Moscow. */
  guaranteedWaitUntil: z.string(),
  /** Whether any doctor has a free slot on or before that day: if not, offer the waitlist. */
  freeWithinGuaranteedWait: z.boolean(),
});
export type TReferralDoctorsResponse = z.infer<typeof ZReferralDoctorsResponse>;

export const ZFreeDatesResponse = z.object({
  timeZone: z.string(),
  dates: z.array(z.object({ date: z.string(), free: z.number().int() })),
});
export type TFreeDatesResponse = z.infer<typeof ZFreeDatesResponse>;

export const ZDaySlotsResponse = z.object({
  timeZone: z.string(),
  date: z.string(),
  slots: z.array(ZFreeSlot),
});
export type TDaySlotsResponse = z.infer<typeof ZDaySlotsResponse>;

/** Free dates over all doctors who can see the patient on a referral (each date local to its clinic). */
export const ZReferralFreeDatesResponse = z.object({
  dates: z.array(z.object({ date: z.string(), free: z.number().int(), doctorIds: z.array(z.string()) })),
});
export type TReferralFreeDatesResponse = z.infer<typeof ZReferralFreeDatesResponse>;
