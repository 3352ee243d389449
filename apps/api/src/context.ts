import type { TRole } from "@priyom/contracts";
import type { Database } from "@priyom/db";
import type { AppConfig } from "./env.ts";
import type { Locale } from "./errors.ts";
import type { Logger } from "./logger.ts";

/** Who sent the request, from the session cookie; `null` when nobody is signed in. */
export interface SessionUser {
  id: string;
  role: TRole;
  sessionId: string;
}

/** What every handler may use; handlers import no singletons. */
export interface AppServices {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** Whether the database answers; feeds `/readyz`. */
  ping: () => Promise<void>;
  /** Resolves the session of a request from its headers (cookie); `null` when there is none. */
  authenticate: (headers: Headers) => Promise<SessionUser | null>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    /** Set for `/api/*` requests by the session middleware. */
    user: SessionUser | null;
    services: AppServices;
  };
}
