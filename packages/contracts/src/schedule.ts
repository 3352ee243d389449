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
