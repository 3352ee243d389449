import type { AppServices } from "../context.ts";
import { forgetOldIdempotencyKeys } from "../services/booking/idempotency.ts";
import { lapseHolds } from "../services/booking/holds.ts";

/** How often lapsed holds are freed: a hold is never visible as taken for much longer than its 5 minutes. */
const EVERY_MS = 10_000;

/** Frees lapsed holds (and tells live calendars) every 10 seconds; forgets day-old idempotency keys. */
export function startHoldLapseJob(services: AppServices): { stop: () => void } {
  const timer = setInterval(() => {
    lapseHolds(services)
      .then(() => forgetOldIdempotencyKeys(services.db))
      .catch((error: unknown) =>
        services.logger.error("hold lapse job failed", {
          error: error instanceof Error ? error.name : "unknown",
        }),
      );
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
