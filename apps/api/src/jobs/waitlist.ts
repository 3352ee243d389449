import type { AppServices } from "../context.ts";
import { runWaitlistPass } from "../services/waitlist/pass.ts";

/** How often the waitlist is looked at: an offer lapses at most this much after its 15 minutes. */
const EVERY_MS = 10_000;

/**
 * Runs a waitlist pass every 10 seconds (lapsed offers passed on, ended entries closed, free slots
 * offered to the line); one pass at a time, the time read from `services.clock`.
 */
export function startWaitlistJob(services: AppServices): { stop: () => void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runWaitlistPass(services, services.clock())
      .catch((error: unknown) =>
        services.logger.error("waitlist job failed", {
          error: error instanceof Error ? error.name : "unknown",
        }),
      )
      .finally(() => {
        running = false;
      });
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
