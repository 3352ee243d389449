import { z } from "zod";

/** State of one check of an identifier against its registry (insurance for the policy, pension fund for СНИЛС). */
export const ZRegistryCheckState = z.enum(["not_checked", "verified", "not_found", "unavailable"]);
export type TRegistryCheckState = z.infer<typeof ZRegistryCheckState>;

export const ZRegistryCheck = z.object({
  state: ZRegistryCheckState,
  /** ISO instant of the last attempt, null before the first. */
  checkedAt: z.string().nullable(),
});
export type TRegistryCheck = z.infer<typeof ZRegistryCheck>;

export const ZNotificationChannel = z.enum(["cabinet", "email", "sms"]);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

export const ZSex = z.enum(["male", "female"]);

export const ZPassportInput = z.object({
  series: z.string().max(20),
  number: z.string().max(20),
  departmentCode: z.string().max(20),
  /** YYYY-MM-DD or ДД.ММ.ГГГГ. */
  issuedOn: z.string().max(20),
});

/**
 * The patient's profile as submitted by the form. Every field is checked with the domain package;
 * a 400 answer names every wrong field at once (`fields["passport.series"]`, `fields.snils`, …).
 * Phone and e-mail are changed elsewhere (they need a new confirmation code).
 */
export const ZProfileUpdateRequest = z.object({
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  middleName: z.string().max(200).optional(),
  birthDate: z.string().max(20),
  sex: ZSex.nullable(),
  passport: ZPassportInput.nullable(),
  snils: z.string().max(40).nullable(),
  enp: z.string().max(40).nullable(),
  notificationChannels: z.array(ZNotificationChannel).max(3),
});
export type TProfileUpdateRequest = z.infer<typeof ZProfileUpdateRequest>;

/**
 * The profile as the API returns it. `GET /api/v1/profile` masks the documents
 * (`***-***-445 95`); only `GET /api/v1/profile/documents`, the owner's own edit screen, shows them.
 */
export const ZProfile = z.object({
  userId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string(),
  sex: ZSex.nullable(),
  phone: z.string(),
  email: z.string(),
  passport: z
    .object({
      series: z.string(),
      number: z.string(),
      departmentCode: z.string(),
      issuedOn: z.string(),
      expiresOn: z.string().nullable(),
    })
    .nullable(),
  snils: z.string().nullable(),
  enp: z.string().nullable(),
  masked: z.boolean(),
  notificationChannels: z.array(ZNotificationChannel),
  /** True when every field a booking needs is filled and valid. */
  complete: z.boolean(),
  registryChecks: z.object({ snils: ZRegistryCheck, enp: ZRegistryCheck }),
});
export type TProfile = z.infer<typeof ZProfile>;

export const ZBirthCertificateInput = z.object({
  series: z.string().max(20),
  number: z.string().max(20),
  issuedOn: z.string().max(20),
});

/** A child under 18 added by a parent (DOMAIN.md "Actors"). */
export const ZChildInput = z.object({
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  middleName: z.string().max(200).optional(),
  birthDate: z.string().max(20),
  birthCertificate: ZBirthCertificateInput,
  enp: z.string().max(40),
  snils: z.string().max(40).nullable(),
});
export type TChildInput = z.infer<typeof ZChildInput>;

export const ZChild = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string(),
  birthCertificate: z.object({ series: z.string(), number: z.string(), issuedOn: z.string() }),
  enp: z.string(),
  snils: z.string().nullable(),
  masked: z.boolean(),
  registryChecks: z.object({ snils: ZRegistryCheck, enp: ZRegistryCheck }),
});
export type TChild = z.infer<typeof ZChild>;
export const ZChildListResponse = z.object({ items: z.array(ZChild) });
export type TChildListResponse = z.infer<typeof ZChildListResponse>;

export const ZAccountDeleteRequest = z.object({ password: z.string().max(200) });
export type TAccountDeleteRequest = z.infer<typeof ZAccountDeleteRequest>;

/** A child in the data export: unmasked, with the end of the parent link (at 18) when it ended. */
export const ZExportedChild = ZChild.extend({ linkEndedAt: z.string().nullable() });

/**
 * `GET /api/v1/account/export`: everything held about the account, unmasked (personal-data law).
 * Only what exists is included; parts of the service added later add their own keys.
 */
export const ZAccountExport = z.object({
  exportedAt: z.string(),
  account: z
    .object({ id: z.string(), phone: z.string(), email: z.string(), createdAt: z.string() })
    .nullable(),
  profile: ZProfile.nullable(),
  children: z.array(ZExportedChild),
  /** Referrals matched to the account or its children, with their history. */
  referrals: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issuedOn: z.string(),
      issuingClinic: z.string(),
      issuingDoctor: z.string(),
      specialty: z.string(),
      diagnosisCode: z.string(),
      urgency: z.string(),
      kind: z.string(),
      lastValidDay: z.string(),
      status: z.string(),
      childId: z.string().nullable(),
      history: z.array(z.object({ kind: z.string(), at: z.string(), reason: z.string().nullable() })),
    }),
  ),
  /** Every visit booked by the account (its own and its children's), whatever became of it. */
  appointments: z.array(
    z.object({
      id: z.string(),
      ticketNumber: z.string(),
      childId: z.string().nullable(),
      referralId: z.string(),
      clinic: z.string(),
      doctor: z.string(),
      startsAt: z.string(),
      localDate: z.string(),
      localTime: z.string(),
      timeZone: z.string(),
      minutes: z.number(),
      status: z.string(),
      visitMode: z.string(),
      contactPhone: z.string(),
      cancelledBy: z.string().nullable(),
      cancelReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  waitlist: z.array(
    z.object({
      id: z.string(),
      referralId: z.string(),
      specialty: z.string(),
      fromDate: z.string(),
      toDate: z.string(),
      status: z.string(),
      createdAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  priorityRequests: z.array(
    z.object({
      id: z.string(),
      referralId: z.string(),
      reason: z.string(),
      urgency: z.string(),
      status: z.string(),
      decisionReason: z.string().nullable(),
      decidedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  notifications: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      readAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  /** E-mail and SMS sent (or queued) to the account's address and phone; bodies are left out (they may carry one-time codes). */
  messages: z.array(
    z.object({
      channel: z.string(),
      recipient: z.string(),
      subject: z.string().nullable(),
      kind: z.string(),
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
  /** Sign-ins and other account events from the journal. */
  accountHistory: z.array(z.object({ action: z.string(), result: z.string(), at: z.string() })),
  /** Devices seen at sign-in (only when; the device fingerprint is a keyed hash). */
  devices: z.array(z.object({ firstSeenAt: z.string(), lastSeenAt: z.string() })),
  sessions: z.array(
    z.object({
      createdAt: z.string(),
      expiresAt: z.string(),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});
export type TAccountExport = z.infer<typeof ZAccountExport>;
