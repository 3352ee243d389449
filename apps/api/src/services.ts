import { hkdfSync } from "node:crypto";
import type { DatabaseHandle } from "@priyom/db";
import { createAuth } from "./auth/auth-library.ts";
import { loadAuthSecret } from "./auth/secrets.ts";
import { authenticateWith } from "./auth/session.ts";
import { createFieldCipher, loadKeyring } from "./crypto/index.ts";
import { createRegistries } from "./registries/index.ts";
import { reportedReferralIssuer } from "./services/referrals/issue.ts";
import { builtInReferralSource, httpReferralSource } from "./services/referrals/sources.ts";
import type { AppServices } from "./context.ts";
import type { AppConfig } from "./env.ts";
import type { Logger } from "./logger.ts";
import { PartnerRegistry } from "./services/partners/registry.ts";
import { SlotIndex } from "./services/schedule/slot-index.ts";

/** Everything the handlers use, built once per process (or per test file) around one database. */
export function createServices(config: AppConfig, handle: DatabaseHandle, logger: Logger): AppServices {
  const secret = loadAuthSecret(config);
  const partners = new PartnerRegistry(handle.db, config.partnerCacheSeconds * 1_000);
  const auth = createAuth({
    db: handle.db,
    config,
    secret,
    logger,
    // The configured origins, and the live partners' (their sign-in pop-up opener): read through
    // the registry's short cache, so registering a partner needs no restart.
    trustedOrigins: async () => {
      try {
        return [...config.trustedOrigins, ...(await partners.origins())];
      } catch (error) {
        // The library asks once while starting, possibly before the database answers; the
        // service's own origins are enough for that.
        logger.warn("partner origins unavailable", {
          error: error instanceof Error ? error.name : "unknown",
        });
        return config.trustedOrigins;
      }
    },
  });
  // A key of its own for code and login hashes, so neither use weakens the other.
  const codeSecret = Buffer.from(hkdfSync("sha256", secret, "priyom", "one-time-codes", 32)).toString("hex");
  const cipher = createFieldCipher(loadKeyring(config));
  return {
    config,
    db: handle.db,
    logger,
    ping: handle.ping,
    auth,
    codeSecret,
    cipher,
    registries: createRegistries(config),
    referralSource: config.referralSourceUrl
      ? httpReferralSource(config.referralSourceUrl)
      : builtInReferralSource,
    issueReportedReferral: reportedReferralIssuer({ db: handle.db, cipher, codeSecret }),
    authenticate: (headers) => authenticateWith(auth, headers),
    partners,
    slotIndex: new SlotIndex(handle.db, handle.listen),
    clock: () => new Date(),
  };
}
