import { user } from "@priyom/db";
import { inArray } from "drizzle-orm";
import type { AppServices } from "../context.ts";
import { enqueueMessage } from "../messages/outbox.ts";
import { endAdultChildLinks, todayInMoscow } from "../services/profile/index.ts";

/**
 * A child who turns 18 manages their own account: the parent's link ends that day and the parent
 * is told by e-mail (the cabinet's notification list comes with the notifications issue).
 * Returns how many parents were told.
 */
export async function endLinksOfAdultChildren(
  services: Pick<AppServices, "db">,
  today = todayInMoscow(),
): Promise<number> {
  return services.db.transaction(async (tx) => {
    const parentIds = await endAdultChildLinks(tx, today);
    if (parentIds.length === 0) return 0;
    const parents = await tx.select({ email: user.email }).from(user).where(inArray(user.id, parentIds));
    for (const parent of parents) {
      await enqueueMessage(tx, {
        channel: "email",
        recipient: parent.email,
        subject: "Приём: ребёнку исполнилось 18 лет",
        body: "Вашему ребёнку исполнилось 18 лет. Теперь он записывается к врачу сам, через свою учётную запись; в вашем кабинете его данные больше не показываются.",
      });
    }
    return parents.length;
  });
}

/** Runs the check now and then every hour (the date changes at midnight Moscow time). */
export function startAdultChildrenJob(services: AppServices): { stop: () => void } {
  const run = () =>
    endLinksOfAdultChildren(services).catch((error: unknown) =>
      services.logger.error("adult children job failed", {
        error: error instanceof Error ? error.name : "unknown",
      }),
    );
  void run();
  const timer = setInterval(() => void run(), 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
