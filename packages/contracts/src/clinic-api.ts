import { z } from "zod";
import { ZReferralKind, ZReferralStatus, ZReferralUrgency } from "./referrals.ts";

export const ZVisitMode = z.enum(["in_person", "video", "phone"]);

/** A doctor as a clinic's information system publishes it (upsert by `externalId`). */
export const ZClinicDoctorUpsert = z.object({
  externalId: z.string().min(1).max(64),
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  middleName: z.string().max(200).optional(),
  specialty: z.string().max(40),
  qualification: z.string().max(200),
  licenceNumber: z.string().max(64),
  room: z.string().max(40),
  visitModes: z.array(ZVisitMode).min(1).max(3),
});
export type TClinicDoctorUpsert = z.infer<typeof ZClinicDoctorUpsert>;

export const ZDoctor = z.object({
  id: z.string(),
  clinicId: z.string(),
  externalId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  specialty: z.string(),
  qualification: z.string(),
  licenceNumber: z.string(),
  room: z.string(),
  visitModes: z.array(ZVisitMode),
});
export type TDoctor = z.infer<typeof ZDoctor>;

/**
 * Issue a referral. Idempotent by `number`: the same payload again answers the same referral
 * (200); a different payload under an existing number is 409.
 */
export const ZReferralIssueRequest = z.object({
  number: z.string().max(40),
  issuedOn: z.string().max(20),
  patient: z.object({
    enp: z.string().max(40),
    snils: z.string().max(40).optional(),
    lastName: z.string().max(200),
    firstName: z.string().max(200),
    middleName: z.string().max(200).optional(),
    birthDate: z.string().max(20),
  }),
  specialty: z.string().max(40),
  /** Ids of the clinics where it may be used (default: the issuing clinic). */
  allowedClinicIds: z.array(z.string().max(40)).max(20).optional(),
  urgency: ZReferralUrgency,
  kind: ZReferralKind,
  /** Overrides the kind's default within 7…90. */
  validityDays: z.number().int().optional(),
  diagnosisCode: z.string().max(10),
  issuingDoctor: z.string().max(200),
});
export type TReferralIssueRequest = z.infer<typeof ZReferralIssueRequest>;

export const ZReferralExtendRequest = z.object({
  /** The new total validity in days (never past 90). */
  validityDays: z.number().int(),
  reason: z.string().max(1000),
});
export type TReferralExtendRequest = z.infer<typeof ZReferralExtendRequest>;

export const ZReferralWithdrawRequest = z.object({ reason: z.string().max(1000) });
export type TReferralWithdrawRequest = z.infer<typeof ZReferralWithdrawRequest>;

/** A referral as its issuing clinic sees it: no patient data back beyond what it sent. */
export const ZClinicReferral = z.object({
  id: z.string(),
  number: z.string(),
  status: ZReferralStatus,
  issuedOn: z.string(),
  lastValidDay: z.string(),
  validityDays: z.number().int(),
  specialty: z.string(),
  allowedClinicIds: z.array(z.string()),
  urgency: ZReferralUrgency,
  kind: ZReferralKind,
  /** Whether a registered patient has been matched yet. */
  matched: z.boolean(),
});
export type TClinicReferral = z.infer<typeof ZClinicReferral>;
