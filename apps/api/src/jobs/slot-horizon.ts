import type { AppServices } from "../context.ts";
import { materializeAll } from "../services/schedule/materialize.ts";

/** Keeps every doctor's slots materialised `SLOT_HORIZON_WEEKS` (8) ahead: now, then every hour (new days appear). */
export function startSlotHorizonJob(services: AppServices): { stop: () => void } {
  const run = () =>
    materializeAll(
      services.db,
      new Date(),
      (changes) => services.slotIndex.apply(changes),
      services.config.slotHorizonWeeks,
    ).catch((error: unknown) =>
      services.logger.error("slot horizon job failed", {
        error: error instanceof Error ? error.name : "unknown",
      }),
    );
  void run();
  const timer = setInterval(() => void run(), 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
