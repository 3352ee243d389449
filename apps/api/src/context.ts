import type { TRole } from "@priyom/contracts";
import type { Database } from "@priyom/db";
import type { Auth } from "./auth/auth-library.ts";
import type { FieldCipher } from "./crypto/field-cipher.ts";
import type { AppConfig } from "./env.ts";
import type { Locale } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Registries } from "./registries/types.ts";
import type { LivePartner, PartnerRegistry } from "./services/partners/registry.ts";
import type { SlotIndex } from "./services/schedule/slot-index.ts";
import type { ReferralSource, ReportedReferral } from "./services/referrals/sources.ts";

/**
 * Who sent the request, from the session cookie or a widget's bearer token; `null` when nobody is
 * signed in.
 */
export interface SessionUser {
  id: string;
  role: TRole;
  /** The session's id; for a widget token, the token's id (`wtk_…`). */
  sessionId: string;
  /**
   * Set when the request came from a partner site's widget with a bearer token: such a request may
   * book, never manage the account (see `middleware/widget-guards.ts`).
   */
  via?: "widget";
  /** The partner whose widget holds the token (with `via: "widget"`). */
  partnerId?: string;
}

/** What every handler may use; handlers import no singletons. */
export interface AppServices {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** Whether the database answers; feeds `/readyz`. */
  ping: () => Promise<void>;
  /**
   * Resolves the session of a request from its headers (cookie); `null` when there is none. Widget
   * bearer tokens are resolved by `authenticateRequest` (auth/session.ts), which reads `clock`.
   */
  authenticate: (headers: Headers) => Promise<SessionUser | null>;
  /** The auth library (accounts, sessions, two-factor), called by the account routes. */
  auth: Auth;
  /** Key for hashing one-time codes and logins (derived from the auth secret). */
  codeSecret: string;
  /** Encrypts passport, СНИЛС and policy before they reach the database; keyed look-up hashes. */
  cipher: FieldCipher;
  /** Where «Обновить сведения» asks for a patient's referrals (built-in: the database). */
  referralSource: ReferralSource;
  /** Issues a referral a clinic's source reported; true when it was new. */
  issueReportedReferral: (item: ReportedReferral) => Promise<boolean>;
  /** The insurance (policy) and pension (СНИЛС) registries. */
  registries: Registries;
  /** The live partner sites (CORS, trusted origins, widget tokens), cached for a few seconds. */
  partners: PartnerRegistry;
  /** Free slots in memory, kept current by slot-change events; `await slotIndex.ready()` before use. */
  slotIndex: SlotIndex;
  /**
   * The current instant. Rules that depend on the time (the 24-hour change limit, reminders, offer
   * lapses) read it here, so tests can set it; everything else may use `new Date()`.
   */
  clock: () => Date;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    /** Set for `/api/*` requests by the session middleware. */
    user: SessionUser | null;
    /** Set on `/api/v1/clinic/*` by the clinic key middleware: whose key, and what it may do. */
    clinic: { clinicId: string; keyId: string; permissions: string[] } | null;
    /** Set on `/api/v1/*` by the CORS middleware when the `Origin` is a live partner's. */
    partner: LivePartner | null;
    services: AppServices;
  };
}
