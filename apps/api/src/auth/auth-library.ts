import { schema, type Database } from "@priyom/db";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin, phoneNumber, twoFactor } from "better-auth/plugins";
import type { AppConfig } from "../env.ts";
import type { Logger } from "../logger.ts";

/**
 * better-auth paths that would bypass our own rules (lockout, new-device code, uniform answers,
 * the password policy, phone-first sign-up): they are served by `/api/v1/account/*` instead, which
 * calls the library from the server. What stays open at `/api/auth/*`: the session, sign-out,
 * session lists and revocation, and two-factor.
 */
const DISABLED_PATHS = [
  "/sign-up/email",
  "/sign-in/email",
  "/sign-in/social",
  "/sign-in/phone-number",
  "/request-password-reset",
  "/reset-password",
  "/forget-password",
  "/change-password",
  "/set-password",
  "/change-email",
  "/update-user",
  "/delete-user",
  "/send-verification-email",
  "/verify-email",
  "/link-social",
  "/unlink-account",
  "/phone-number/send-otp",
  "/phone-number/verify",
  "/phone-number/request-password-reset",
  "/phone-number/reset-password",
];

export interface AuthDependencies {
  db: Database;
  config: AppConfig;
  secret: string;
  logger: Logger;
  /** Origins allowed, read on every check so a later change (partners) needs no restart. */
  trustedOrigins: () => string[] | Promise<string[]>;
}

/** The session cookie's name, for tests and the shell: `priyom.session_token` (`__Secure-` over HTTPS). */
export const COOKIE_PREFIX = "priyom";

export function createAuth({ db, config, secret, logger, trustedOrigins }: AuthDependencies) {
  const secure = config.publicUrl.startsWith("https://");
  return betterAuth({
    appName: "Приём",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret,
    database: drizzleAdapter(db, { provider: "pg", schema }),
    telemetry: { enabled: false },
    trustedOrigins: () => trustedOrigins(),
    disabledPaths: DISABLED_PATHS,
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      // Accounts become usable after both contacts are confirmed; the sign-up route signs nobody in.
      autoSignIn: false,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      // The client IP is put into x-real-ip by our middleware from the TCP connection (or a trusted
      // proxy); a header sent by the client never gets there.
      ipAddress: { ipAddressHeaders: ["x-real-ip"] },
      // On even under NODE_ENV=test, where the library turns it off by default.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    logger: {
      level: "warn",
      log: (level, message) => {
        // The library's messages name endpoints and error codes, never request bodies.
        if (level === "error") logger.error("auth library", { detail: message.slice(0, 200) });
        else logger.warn("auth library", { detail: message.slice(0, 200) });
      },
    },
    plugins: [
      twoFactor({ issuer: "Приём", skipVerificationOnEnable: false }),
      // Declares the phone columns of the user; its OTP routes are disabled above — our own codes
      // are hashed, which this plugin's are not.
      phoneNumber({
        sendOTP: () => {
          throw new Error("phone-number OTP routes are disabled");
        },
      }),
      admin({ defaultRole: "patient", adminRoles: ["admin"] }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
