import type { Database } from "@priyom/db";
import type { AppConfig } from "./env.ts";
import type { Locale } from "./errors.ts";
import type { Logger } from "./logger.ts";

/** What every handler may use; handlers import no singletons. */
export interface AppServices {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** Whether the database answers; feeds `/readyz`. */
  ping: () => Promise<void>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    services: AppServices;
  };
}
