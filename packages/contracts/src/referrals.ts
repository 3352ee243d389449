import { z } from "zod";

export const ZReferralStatus = z.enum(["active", "booked", "used", "expired", "withdrawn"]);
export type TReferralStatus = z.infer<typeof ZReferralStatus>;
export const ZReferralUrgency = z.enum(["emergency", "urgent", "planned"]);
export const ZReferralKind = z.enum(["regular", "therapist", "long_term", "emergency"]);

export const ZReferralClinic = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  address: z.string(),
  timeZone: z.string(),
});
export type TReferralClinic = z.infer<typeof ZReferralClinic>;

/** One referral as the patient sees it. Dates are local dates of the issuing clinic's zone. */
export const ZReferral = z.object({
  id: z.string(),
  number: z.string(),
  status: ZReferralStatus,
  /** Whose referral: the account holder, or one of their children (by name, always shown). */
  patient: z.object({ kind: z.enum(["self", "child"]), childId: z.string().nullable(), name: z.string() }),
  specialty: z.object({ code: z.string(), nameRu: z.string() }),
  issuingClinic: z.object({
    id: z.string(),
    fullName: z.string(),
    shortName: z.string(),
    ogrn: z.string(),
    address: z.string(),
  }),
  allowedClinics: z.array(ZReferralClinic),
  urgency: ZReferralUrgency,
  kind: ZReferralKind,
  diagnosisCode: z.string(),
  issuingDoctor: z.string(),
  issuedOn: z.string(),
  lastValidDay: z.string(),
  /** IANA zone the dates are in (the issuing clinic's). */
  timeZone: z.string(),
  /** Whole days left including today in that zone; 0 on the last day, negative once expired. */
  daysLeft: z.number().int(),
  /** 3 days or fewer left. */
  expiringSoon: z.boolean(),
  bookable: z.boolean(),
  /** Why it cannot be booked now (Russian message with a stable code), when it cannot. */
  notBookableReason: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TReferral = z.infer<typeof ZReferral>;

export const ZReferralListResponse = z.object({ items: z.array(ZReferral) });
export type TReferralListResponse = z.infer<typeof ZReferralListResponse>;

export const ZReferralEvent = z.object({
  at: z.string(),
  kind: z.enum([
    "issued",
    "extended",
    "matched",
    "booked",
    "rescheduled",
    "cancelled",
    "used",
    "missed",
    "expired",
    "withdrawn",
  ]),
  /** Who, as shown: the clinic's short name, «Вы», «Система». */
  actor: z.string(),
  reason: z.string().nullable(),
});
export type TReferralEvent = z.infer<typeof ZReferralEvent>;

export const ZReferralDetail = ZReferral.extend({ history: z.array(ZReferralEvent) });
export type TReferralDetail = z.infer<typeof ZReferralDetail>;

/** «Ввод данных направления»: both must match a referral of this patient (or their child). */
export const ZReferralLookupRequest = z.object({
  number: z.string().max(40),
  /** YYYY-MM-DD or ДД.ММ.ГГГГ. */
  issuedOn: z.string().max(20),
});
export type TReferralLookupRequest = z.infer<typeof ZReferralLookupRequest>;

/** «Обновить сведения»: how many referrals the clinics' sources added or changed. */
export const ZReferralRefreshResponse = z.object({
  status: z.literal("refreshed"),
  changed: z.number().int(),
});
export type TReferralRefreshResponse = z.infer<typeof ZReferralRefreshResponse>;
