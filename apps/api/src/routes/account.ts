import { createRoute } from "@hono/zod-openapi";
import {
  ZCodesSentResponse,
  ZConfirmContactRequest,
  ZConfirmedResponse,
  ZMeResponse,
  ZOkResponse,
  ZPasswordChangeRequest,
  ZRecoveryFinishRequest,
  ZRecoveryStartRequest,
  ZResendCodeRequest,
  ZSessionListResponse,
  ZSignInRequest,
  ZSignInResponse,
  ZSignUpRequest,
  ZTwoFactorConfirmRequest,
  ZTwoFactorDisableRequest,
  ZTwoFactorEnableRequest,
  ZTwoFactorEnableResponse,
  ZTwoFactorSignInRequest,
  ZAccountDeleteRequest,
} from "@priyom/contracts";
import { checkPassword } from "@priyom/domain";
import { user } from "@priyom/db";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { recordAudit } from "../audit.ts";
import { authHeaders, forwardCookies } from "../auth/auth-headers.ts";
import { COOKIE_PREFIX } from "../auth/auth-library.ts";
import { CODE_TTL_SECONDS, consumeCode, issueCode } from "../auth/codes.ts";
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE,
  isKnownDevice,
  newDeviceToken,
  rememberDevice,
} from "../auth/devices.ts";
import { clearFailures, isLocked, recordFailure } from "../auth/lockout.ts";
import type { AppEnv } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { rateLimit } from "../rate-limit.ts";
import { signUp, validateSignUp } from "../services/accounts/flows.ts";
import {
  endBookingsForErasure,
  eraseContactTraces,
  markReferralsOfErasedAccount,
} from "../services/privacy/erase.ts";
import { deletePersonalData, todayInMoscow } from "../services/profile/index.ts";
import {
  findUserById,
  findUserByLogin,
  isActive,
  lockoutKey,
  parseLogin,
  toSessionUser,
  type UserRow,
} from "../services/accounts/users.ts";
import { FieldErrors } from "../validation.ts";

const route = <M extends "get" | "post" | "delete">(method: M, path: string, summary: string) => ({
  method,
  path,
  tags: ["account"],
  summary,
});

function setDeviceCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("services").config.publicUrl.startsWith("https://"),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE,
  });
}

/** The device-confirmation code goes by SMS when the phone is confirmed, else by e-mail. */
function deviceChannel(row: UserRow): { channel: "sms" | "email"; recipient: string } {
  return row.phoneNumber && row.phoneNumberVerified
    ? { channel: "sms", recipient: row.phoneNumber }
    : { channel: "email", recipient: row.email };
}

/** Creates a session through the library (the password was checked by us already) and forwards its cookies. */
async function openSession(
  c: Context<AppEnv>,
  row: UserRow,
  password: string,
): Promise<"signed_in" | "two_factor_required"> {
  const { auth } = c.get("services");
  const response = await auth.api.signInEmail({
    body: { email: row.email, password, rememberMe: true },
    headers: authHeaders(c),
    asResponse: true,
  });
  if (!response.ok) throw new AppError("invalid_credentials");
  forwardCookies(c, response);
  const body = (await response.json()) as { twoFactorRedirect?: boolean };
  return body.twoFactorRedirect ? "two_factor_required" : "signed_in";
}

function createAccountRoutes() {
  const signUpRoute = createRoute({
    ...route("post", "/account/sign-up", "Sign up with phone, e-mail, password, full name and birth date"),
    request: jsonBody(ZSignUpRequest),
    responses: {
      202: jsonResponse("Codes sent (the same answer when the contact is taken)", ZCodesSentResponse),
      ...commonErrors,
    },
  });
  const confirmRoute = createRoute({
    ...route("post", "/account/sign-up/confirm", "Confirm the phone (SMS code) or the e-mail (e-mail code)"),
    request: jsonBody(ZConfirmContactRequest),
    responses: { 200: jsonResponse("Confirmed", ZConfirmedResponse), ...commonErrors },
  });
  const resendRoute = createRoute({
    ...route("post", "/account/sign-up/resend", "Send a new confirmation code"),
    request: jsonBody(ZResendCodeRequest),
    responses: {
      202: jsonResponse("Sent when there is something to confirm", ZCodesSentResponse),
      ...commonErrors,
    },
  });
  const signInRoute = createRoute({
    ...route("post", "/account/sign-in", "Sign in by phone or e-mail and password (+ the new-device code)"),
    request: jsonBody(ZSignInRequest),
    responses: {
      200: jsonResponse("Signed in, or the next step", ZSignInResponse),
      423: jsonResponse("Locked after too many wrong passwords", ZCodesSentResponse.or(ZOkResponse)),
      ...commonErrors,
    },
  });
  const twoFactorSignInRoute = createRoute({
    ...route(
      "post",
      "/account/sign-in/two-factor",
      "Second step of a sign-in with two-factor: TOTP or backup code",
    ),
    request: jsonBody(ZTwoFactorSignInRequest),
    responses: { 200: jsonResponse("Signed in", ZSignInResponse), ...commonErrors },
  });
  const recoveryStartRoute = createRoute({
    ...route("post", "/account/recovery/start", "Send a password recovery code by SMS or e-mail"),
    request: jsonBody(ZRecoveryStartRequest),
    responses: {
      202: jsonResponse("Sent when the account exists (same answer otherwise)", ZCodesSentResponse),
      ...commonErrors,
    },
  });
  const recoveryFinishRoute = createRoute({
    ...route(
      "post",
      "/account/recovery/finish",
      "Set a new password with the recovery code; ends every session",
    ),
    request: jsonBody(ZRecoveryFinishRequest),
    responses: { 200: jsonResponse("Password changed", ZOkResponse), ...commonErrors },
  });
  const meRoute = createRoute({
    ...route("get", "/account/me", "Who is signed in"),
    responses: { 200: jsonResponse("The signed-in user", ZMeResponse), ...commonErrors },
  });
  const signOutRoute = createRoute({
    ...route("post", "/account/sign-out", "End this session"),
    responses: { 200: jsonResponse("Signed out", ZOkResponse), ...commonErrors },
  });
  const sessionsRoute = createRoute({
    ...route("get", "/account/sessions", "Active sessions of this account"),
    responses: { 200: jsonResponse("Sessions", ZSessionListResponse), ...commonErrors },
  });
  const revokeOthersRoute = createRoute({
    ...route("post", "/account/sessions/revoke-others", "End every other session"),
    responses: { 200: jsonResponse("Done", ZOkResponse), ...commonErrors },
  });
  const passwordRoute = createRoute({
    ...route("post", "/account/password", "Change the password; other sessions end"),
    request: jsonBody(ZPasswordChangeRequest),
    responses: { 200: jsonResponse("Changed", ZOkResponse), ...commonErrors },
  });
  const twoFactorEnableRoute = createRoute({
    ...route("post", "/account/two-factor/enable", "Start turning two-factor on: TOTP URI and backup codes"),
    request: jsonBody(ZTwoFactorEnableRequest),
    responses: {
      200: jsonResponse("TOTP secret and backup codes", ZTwoFactorEnableResponse),
      ...commonErrors,
    },
  });
  const twoFactorConfirmRoute = createRoute({
    ...route("post", "/account/two-factor/confirm", "Finish turning two-factor on with a code from the app"),
    request: jsonBody(ZTwoFactorConfirmRequest),
    responses: { 200: jsonResponse("On", ZOkResponse), ...commonErrors },
  });
  const twoFactorDisableRoute = createRoute({
    ...route("post", "/account/two-factor/disable", "Turn two-factor off"),
    request: jsonBody(ZTwoFactorDisableRequest),
    responses: { 200: jsonResponse("Off", ZOkResponse), ...commonErrors },
  });

  const deleteRoute = createRoute({
    ...route("delete", "/account", "Delete the account and its personal data (the journal keeps only ids)"),
    request: jsonBody(ZAccountDeleteRequest),
    responses: { 200: jsonResponse("Deleted", ZOkResponse), ...commonErrors },
  });

  const router = createRouter();
  // Per client IP: generous enough for a family behind one address, tight enough against guessing.
  // Hono's `/x/*` also matches `/x` itself: one pattern per group, so a request counts once.
  router.use("/account/sign-in/*", rateLimit("sign-in", 20, 60));
  router.on("POST", "/account/sign-up", rateLimit("sign-up", 10, 60 * 10));
  router.on(
    "POST",
    ["/account/sign-up/confirm", "/account/sign-up/resend"],
    rateLimit("sign-up-codes", 20, 60 * 10),
  );
  router.use("/account/recovery/*", rateLimit("recovery", 10, 60 * 10));
  for (const path of [
    "/account/me",
    "/account/sign-out",
    "/account/sessions",
    "/account/sessions/*",
    "/account/password",
    "/account/two-factor/*",
  ]) {
    router.use(path, requireUser());
  }

  return router
    .openapi(signUpRoute, async (c) => {
      const valid = validateSignUp(c.req.valid("json"), c.get("locale"), todayInMoscow());
      await signUp(c.get("services"), valid, c.get("requestId"));
      return c.json({ status: "codes_sent" as const, expiresInSeconds: CODE_TTL_SECONDS }, 202);
    })
    .openapi(confirmRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, codeSecret } = c.get("services");
      const login = parseLogin(body.channel === "sms" ? body.phone : body.email);
      const found = await findUserByLogin(db, login);
      const purpose = body.channel === "sms" ? "confirm_phone" : "confirm_email";
      const matched = found
        ? await consumeCode(db, codeSecret, { userId: found.id, purpose, code: body.code })
        : false;
      if (!found || !matched)
        throw new AppError("invalid_code", { fields: { code: "Неверный или устаревший код" } });
      await db
        .update(user)
        .set(body.channel === "sms" ? { phoneNumberVerified: true } : { emailVerified: true })
        .where(eq(user.id, found.id));
      if (body.channel === "sms") {
        // The person holding the phone is on this device: it needs no extra code at first sign-in.
        const token = getCookie(c, DEVICE_COOKIE) ?? newDeviceToken();
        await rememberDevice(db, found.id, token);
        setDeviceCookie(c, token);
      }
      await recordAudit(db, {
        action: `account.confirm_${body.channel}`,
        result: "success",
        subjectUserId: found.id,
        requestId: c.get("requestId"),
      });
      const updated = await findUserById(db, found.id);
      return c.json(
        { status: "confirmed" as const, accountActive: updated ? isActive(updated) : false },
        200,
      );
    })
    .openapi(resendRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, codeSecret } = c.get("services");
      const found = await findUserByLogin(db, parseLogin(body.channel === "sms" ? body.phone : body.email));
      const pending =
        found && (body.channel === "sms" ? found.phoneNumberVerified !== true : !found.emailVerified);
      if (found && pending) {
        await db.transaction((tx) =>
          issueCode(tx, codeSecret, {
            userId: found.id,
            purpose: body.channel === "sms" ? "confirm_phone" : "confirm_email",
            channel: body.channel,
            recipient: body.channel === "sms" ? (found.phoneNumber ?? "") : found.email,
          }),
        );
      }
      return c.json({ status: "codes_sent" as const, expiresInSeconds: CODE_TTL_SECONDS }, 202);
    })
    .openapi(signInRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, auth, codeSecret, config } = c.get("services");
      const ctx = await auth.$context;
      const login = parseLogin(body.login);
      const found = await findUserByLogin(db, login);
      const key = lockoutKey(codeSecret, login, found);
      const credential = found
        ? (await ctx.internalAdapter.findAccounts(found.id)).find((a) => a.providerId === "credential")
        : undefined;
      // Unknown logins verify against a throwaway hash, so both paths cost the same time.
      const hash = credential?.password ?? (await ctx.password.hash("not-a-real-password-Aa1!"));
      const passwordOk =
        (await ctx.password.verify({ hash, password: body.password })) && credential !== undefined;
      const locked = await isLocked(db, key);
      if (locked) throw new AppError("account_locked");
      if (!passwordOk) {
        const lockedNow = await recordFailure(db, key, config.lockout);
        // An unknown login is journaled too, without the login itself (it is personal data).
        if (!found) {
          await recordAudit(db, {
            action: "account.sign_in",
            result: "failure",
            details: { reason: "unknown_login" },
            requestId: c.get("requestId"),
          });
        }
        if (found) {
          await recordAudit(db, {
            action: lockedNow ? "account.locked" : "account.sign_in",
            result: "failure",
            subjectUserId: found.id,
            details: lockedNow
              ? { reason: "too_many_wrong_passwords", lockMinutes: config.lockout.lockMinutes }
              : { reason: "wrong_password" },
            requestId: c.get("requestId"),
          });
        }
        throw new AppError(lockedNow ? "account_locked" : "invalid_credentials");
      }
      const row = found as UserRow;
      await clearFailures(db, key);
      if (!isActive(row)) {
        throw new AppError("forbidden", {
          message:
            c.get("locale") === "en"
              ? "Confirm your phone and e-mail first (Sign-up → Confirmation)"
              : "Сначала подтвердите телефон и электронную почту: вернитесь к шагу «Подтверждение»",
        });
      }
      const deviceToken = getCookie(c, DEVICE_COOKIE);
      if (!(await isKnownDevice(db, row.id, deviceToken))) {
        if (!body.deviceCode) {
          await db.transaction((tx) =>
            issueCode(tx, codeSecret, { userId: row.id, purpose: "new_device", ...deviceChannel(row) }),
          );
          return c.json({ status: "device_code_required" as const, expiresInSeconds: CODE_TTL_SECONDS }, 200);
        }
        if (
          !(await consumeCode(db, codeSecret, {
            userId: row.id,
            purpose: "new_device",
            code: body.deviceCode,
          }))
        ) {
          throw new AppError("invalid_code", { fields: { deviceCode: "Неверный или устаревший код" } });
        }
        const token = deviceToken ?? newDeviceToken();
        await rememberDevice(db, row.id, token);
        setDeviceCookie(c, token);
      }
      const outcome = await openSession(c, row, body.password);
      await recordAudit(db, {
        action: "account.sign_in",
        result: "success",
        subjectUserId: row.id,
        details: { step: outcome },
        requestId: c.get("requestId"),
      });
      if (outcome === "two_factor_required") return c.json({ status: "two_factor_required" as const }, 200);
      return c.json({ status: "signed_in" as const, user: toSessionUser(row) }, 200);
    })
    .openapi(twoFactorSignInRoute, async (c) => {
      const body = c.req.valid("json");
      const { auth, db } = c.get("services");
      const response = body.backup
        ? await auth.api.verifyBackupCode({
            body: { code: body.code },
            headers: authHeaders(c),
            asResponse: true,
          })
        : await auth.api.verifyTOTP({ body: { code: body.code }, headers: authHeaders(c), asResponse: true });
      if (!response.ok)
        throw new AppError("invalid_code", { fields: { code: "Неверный или устаревший код" } });
      forwardCookies(c, response);
      const payload = (await response.json()) as { user?: { id?: string } };
      const row = payload.user?.id ? await findUserById(db, payload.user.id) : undefined;
      if (!row) throw new AppError("invalid_code");
      await recordAudit(db, {
        action: "account.sign_in",
        result: "success",
        subjectUserId: row.id,
        details: { step: "two_factor" },
        requestId: c.get("requestId"),
      });
      return c.json({ status: "signed_in" as const, user: toSessionUser(row) }, 200);
    })
    .openapi(recoveryStartRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, codeSecret } = c.get("services");
      const found = await findUserByLogin(db, parseLogin(body.login));
      if (found) {
        const channel = body.channel === "sms" && found.phoneNumber ? "sms" : "email";
        await db.transaction(async (tx) => {
          await issueCode(tx, codeSecret, {
            userId: found.id,
            purpose: "recovery",
            channel,
            recipient: channel === "sms" ? (found.phoneNumber ?? "") : found.email,
          });
          await recordAudit(tx, {
            action: "account.recovery_started",
            result: "success",
            subjectUserId: found.id,
            details: { channel },
            requestId: c.get("requestId"),
          });
        });
      }
      return c.json({ status: "codes_sent" as const, expiresInSeconds: CODE_TTL_SECONDS }, 202);
    })
    .openapi(recoveryFinishRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, auth, codeSecret } = c.get("services");
      const errors = new FieldErrors(c.get("locale"));
      errors.check("newPassword", checkPassword(body.newPassword, "newPassword"));
      errors.throwIfAny();
      const login = parseLogin(body.login);
      const found = await findUserByLogin(db, login);
      const matched = found
        ? await consumeCode(db, codeSecret, { userId: found.id, purpose: "recovery", code: body.code })
        : false;
      if (!found || !matched)
        throw new AppError("invalid_code", { fields: { code: "Неверный или устаревший код" } });
      const ctx = await auth.$context;
      await ctx.internalAdapter.updatePassword(found.id, await ctx.password.hash(body.newPassword));
      await ctx.internalAdapter.deleteUserSessions(found.id);
      await clearFailures(db, lockoutKey(codeSecret, login, found));
      await recordAudit(db, {
        action: "account.password_reset",
        result: "success",
        subjectUserId: found.id,
        requestId: c.get("requestId"),
      });
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(meRoute, async (c) => {
      const row = await findUserById(c.get("services").db, signedInUser(c).id);
      if (!row) throw new AppError("unauthorized");
      return c.json({ user: toSessionUser(row) }, 200);
    })
    .openapi(signOutRoute, async (c) => {
      const user = c.get("user");
      const response = await c
        .get("services")
        .auth.api.signOut({ headers: authHeaders(c), asResponse: true });
      if (user) {
        await recordAudit(c.get("services").db, {
          action: "account.sign_out",
          result: "success",
          actorUserId: user.id,
          object: { type: "session", id: user.sessionId },
        });
      }
      forwardCookies(c, response);
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(sessionsRoute, async (c) => {
      const current = signedInUser(c);
      const sessions = await withKnownSession(() =>
        c.get("services").auth.api.listSessions({ headers: authHeaders(c) }),
      );
      return c.json(
        {
          items: sessions.map((s) => ({
            id: s.id,
            current: s.id === current.sessionId,
            createdAt: new Date(s.createdAt).toISOString(),
            lastSeenAt: new Date(s.updatedAt).toISOString(),
            device: describeUserAgent(s.userAgent ?? ""),
            ipMasked: maskIp(s.ipAddress ?? ""),
          })),
        },
        200,
      );
    })
    .openapi(revokeOthersRoute, async (c) => {
      await withKnownSession(() =>
        c.get("services").auth.api.revokeOtherSessions({ headers: authHeaders(c) }),
      );
      await recordAudit(c.get("services").db, {
        action: "account.sessions_revoked",
        result: "success",
        actorUserId: signedInUser(c).id,
        requestId: c.get("requestId"),
      });
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const body = c.req.valid("json");
      const errors = new FieldErrors(c.get("locale"));
      errors.check("newPassword", checkPassword(body.newPassword, "newPassword"));
      errors.throwIfAny();
      const response = await c.get("services").auth.api.changePassword({
        body: {
          currentPassword: body.currentPassword,
          newPassword: body.newPassword,
          revokeOtherSessions: true,
        },
        headers: authHeaders(c),
        asResponse: true,
      });
      if (!response.ok) {
        throw new AppError("validation_failed", {
          fields: {
            currentPassword: c.get("locale") === "en" ? "Wrong current password" : "Неверный текущий пароль",
          },
        });
      }
      forwardCookies(c, response);
      await recordAudit(c.get("services").db, {
        action: "account.password_changed",
        result: "success",
        actorUserId: signedInUser(c).id,
        requestId: c.get("requestId"),
      });
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(twoFactorEnableRoute, async (c) => {
      const response = await c.get("services").auth.api.enableTwoFactor({
        body: { password: c.req.valid("json").password },
        headers: authHeaders(c),
        asResponse: true,
      });
      if (!response.ok) throw new AppError("validation_failed", { fields: { password: "Неверный пароль" } });
      const body = (await response.json()) as { totpURI: string; backupCodes: string[] };
      return c.json({ totpUri: body.totpURI, backupCodes: body.backupCodes }, 200);
    })
    .openapi(twoFactorConfirmRoute, async (c) => {
      const response = await c.get("services").auth.api.verifyTOTP({
        body: { code: c.req.valid("json").code },
        headers: authHeaders(c),
        asResponse: true,
      });
      if (!response.ok)
        throw new AppError("invalid_code", { fields: { code: "Неверный или устаревший код" } });
      forwardCookies(c, response);
      await recordAudit(c.get("services").db, {
        action: "account.two_factor_enabled",
        result: "success",
        actorUserId: signedInUser(c).id,
        requestId: c.get("requestId"),
      });
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { db, auth } = c.get("services");
      const me = signedInUser(c);
      const ctx = await auth.$context;
      const credential = (await ctx.internalAdapter.findAccounts(me.id)).find(
        (a) => a.providerId === "credential",
      );
      const passwordOk = credential?.password
        ? await ctx.password.verify({ hash: credential.password, password: c.req.valid("json").password })
        : false;
      if (!passwordOk)
        throw new AppError("validation_failed", {
          fields: { password: c.get("locale") === "en" ? "Wrong password" : "Неверный пароль" },
        });
      const { clock, config, slotIndex } = c.get("services");
      const slotChanges = await db.transaction(async (tx) => {
        // Bookings first: the user row cascades to its appointments, which would leave slots and referrals `booked`.
        const { changes, ...bookings } = await endBookingsForErasure(tx, {
          userId: me.id,
          now: clock(),
          cutoffHours: config.appointmentChangeCutoffHours,
          requestId: c.get("requestId"),
        });
        // Before the children go: their referrals are found through them.
        const referralsKept = await markReferralsOfErasedAccount(tx, me.id, clock());
        // Contacts are read from the user row, so their traces go before it.
        const traces = await eraseContactTraces(tx, me.id);
        const removed = await deletePersonalData(tx, me.id);
        // Sessions, accounts, codes and devices go with the user row (ON DELETE CASCADE).
        await tx.delete(user).where(eq(user.id, me.id));
        await recordAudit(tx, {
          action: "account.deleted",
          result: "success",
          actorUserId: me.id,
          details: {
            profiles: removed.profiles,
            children: removed.children,
            ...traces,
            ...bookings,
            referralsKept,
          },
          requestId: c.get("requestId"),
        });
        return changes;
      });
      slotIndex.apply(slotChanges);
      for (const name of ["session_token", "session_data", "dont_remember"]) {
        deleteCookie(c, `${COOKIE_PREFIX}.${name}`, { path: "/" });
      }
      return c.json({ status: "ok" as const }, 200);
    })
    .openapi(twoFactorDisableRoute, async (c) => {
      const response = await c.get("services").auth.api.disableTwoFactor({
        body: { password: c.req.valid("json").password },
        headers: authHeaders(c),
        asResponse: true,
      });
      if (!response.ok) throw new AppError("validation_failed", { fields: { password: "Неверный пароль" } });
      forwardCookies(c, response);
      await recordAudit(c.get("services").db, {
        action: "account.two_factor_disabled",
        result: "success",
        actorUserId: signedInUser(c).id,
        requestId: c.get("requestId"),
      });
      return c.json({ status: "ok" as const }, 200);
    });
}

/** «Chrome, Linux» from a user agent; enough to recognise one's own devices. */
function describeUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /YaBrowser/.test(ua)
      ? "Яндекс Браузер"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : "Браузер";
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser}, ${os}` : browser;
}

/** `192.168.1.10` → `192.168.1.*`; IPv6 keeps its first three groups. */
function maskIp(ip: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.replace(/\.\d+$/, ".*");
  if (ip.includes(":")) return `${ip.split(":").slice(0, 3).join(":")}:*`;
  return "";
}

/**
 * The auth library answers 401 (its own error, not ours) when the session ended between our
 * look-up and its call — revoked on another device meanwhile; that is "sign in again", not a
 * server fault. Found by the fuzzer.
 */
async function withKnownSession<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 401) throw new AppError("unauthorized");
    throw error;
  }
}

export const accountRoutes = createAccountRoutes();
