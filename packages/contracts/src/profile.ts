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
});
export type TAccountExport = z.infer<typeof ZAccountExport>;
