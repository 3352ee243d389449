import { z } from "zod";

/** The three roles of DOMAIN.md "Actors" that sign in through the browser. */
export const ZRole = z.enum(["patient", "clinic_staff", "admin"]);
export type TRole = z.infer<typeof ZRole>;

/**
 * Sign-up, phone first (DOMAIN.md "Accounts"). Field values are checked with the domain package;
 * the API answers 400 with every field error at once. The answer never tells whether the phone or
 * e-mail was already registered: it is always 202.
 */
export const ZSignUpRequest = z.object({
  phone: z.string().max(40),
  email: z.string().max(254),
  password: z.string().max(200),
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  middleName: z.string().max(200).optional(),
  /** YYYY-MM-DD or ДД.ММ.ГГГГ. */
  birthDate: z.string().max(20),
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;

export const ZCodesSentResponse = z.object({
  status: z.literal("codes_sent"),
  /** Seconds until a code expires. */
  expiresInSeconds: z.number().int(),
});
export type TCodesSentResponse = z.infer<typeof ZCodesSentResponse>;

/** Confirms the phone (SMS code) or the e-mail (e-mail code) of a new account. */
export const ZConfirmContactRequest = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("sms"), phone: z.string().max(40), code: z.string().max(12) }),
  z.object({ channel: z.literal("email"), email: z.string().max(254), code: z.string().max(12) }),
]);
export type TConfirmContactRequest = z.infer<typeof ZConfirmContactRequest>;

export const ZResendCodeRequest = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("sms"), phone: z.string().max(40) }),
  z.object({ channel: z.literal("email"), email: z.string().max(254) }),
]);
export type TResendCodeRequest = z.infer<typeof ZResendCodeRequest>;

export const ZConfirmedResponse = z.object({
  status: z.literal("confirmed"),
  /** Both contacts are confirmed: the account can sign in. */
  accountActive: z.boolean(),
});
export type TConfirmedResponse = z.infer<typeof ZConfirmedResponse>;

/** What the cabinet and the shell know about who is signed in; no personal documents here. */
export const ZSessionUser = z.object({
  id: z.string(),
  role: ZRole,
  displayName: z.string(),
  /** `+7 999 ***-**-01`. */
  phoneMasked: z.string(),
  email: z.string(),
  twoFactorEnabled: z.boolean(),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

/**
 * Sign-in by phone or e-mail (`login`) and password. On a device this account has not seen, the
 * first answer is `device_code_required` and an SMS code is sent; the client repeats the request
 * with `deviceCode`. With two-factor on, the answer is `two_factor_required`, then
 * `POST /api/v1/account/sign-in/two-factor`.
 */
export const ZSignInRequest = z.object({
  login: z.string().max(254),
  password: z.string().max(200),
  deviceCode: z.string().max(12).optional(),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZSignInResponse = z.discriminatedUnion("status", [
  z.object({ status: z.literal("signed_in"), user: ZSessionUser }),
  z.object({ status: z.literal("device_code_required"), expiresInSeconds: z.number().int() }),
  z.object({ status: z.literal("two_factor_required") }),
]);
export type TSignInResponse = z.infer<typeof ZSignInResponse>;

export const ZTwoFactorSignInRequest = z.object({
  /** A 6-digit TOTP code, or a backup code when `backup` is true. */
  code: z.string().max(40),
  backup: z.boolean().optional(),
});
export type TTwoFactorSignInRequest = z.infer<typeof ZTwoFactorSignInRequest>;

export const ZMeResponse = z.object({ user: ZSessionUser });
export type TMeResponse = z.infer<typeof ZMeResponse>;

/** Password recovery works while the account is locked; the answer is the same for unknown logins. */
export const ZRecoveryStartRequest = z.object({
  login: z.string().max(254),
  channel: z.enum(["sms", "email"]),
});
export type TRecoveryStartRequest = z.infer<typeof ZRecoveryStartRequest>;

export const ZRecoveryFinishRequest = z.object({
  login: z.string().max(254),
  code: z.string().max(12),
  newPassword: z.string().max(200),
});
export type TRecoveryFinishRequest = z.infer<typeof ZRecoveryFinishRequest>;

export const ZPasswordChangeRequest = z.object({
  currentPassword: z.string().max(200),
  newPassword: z.string().max(200),
});
export type TPasswordChangeRequest = z.infer<typeof ZPasswordChangeRequest>;

export const ZOkResponse = z.object({ status: z.literal("ok") });
export type TOkResponse = z.infer<typeof ZOkResponse>;

export const ZSessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** A readable device description from the user agent, e.g. «Chrome, Linux». */
  device: z.string(),
  /** IP address with the last part hidden: `192.168.1.*`. */
  ipMasked: z.string(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;
export const ZSessionListResponse = z.object({ items: z.array(ZSessionInfo) });
export type TSessionListResponse = z.infer<typeof ZSessionListResponse>;

export const ZTwoFactorEnableRequest = z.object({ password: z.string().max(200) });
export const ZTwoFactorEnableResponse = z.object({
  /** otpauth:// URI for an authenticator app (also shown as a QR code). */
  totpUri: z.string(),
  backupCodes: z.array(z.string()),
});
export type TTwoFactorEnableResponse = z.infer<typeof ZTwoFactorEnableResponse>;
export const ZTwoFactorConfirmRequest = z.object({ code: z.string().max(12) });
export const ZTwoFactorDisableRequest = z.object({ password: z.string().max(200) });

/** One message of the development mailbox (`GET /api/dev/outbox`, absent in production). */
export const ZDevOutboxMessage = z.object({
  id: z.string(),
  channel: z.enum(["sms", "email"]),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type TDevOutboxMessage = z.infer<typeof ZDevOutboxMessage>;
export const ZDevOutboxResponse = z.object({ items: z.array(ZDevOutboxMessage) });
export type TDevOutboxResponse = z.infer<typeof ZDevOutboxResponse>;
