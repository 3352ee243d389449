import type { AppServices } from "../../context.ts";
import { AppError, type Locale } from "../../errors.ts";
import { rematch, sourcePeople } from "./sources.ts";

/**
 * «Обновить сведения»: asks the configured source for this patient's (and children's) referrals,
 * issues what it reports (idempotently, under the reporting clinic), then re-matches waiting
 * referrals. A slow or failing source changes nothing and answers 503 with a clear message.
 * Returns how many referrals were added or attached.
 */
export async function refreshReferrals(
  services: AppServices,
  userId: string,
  locale: Locale,
): Promise<number> {
  const people = await sourcePeople(services.db, services.cipher, userId);
  let reported;
  try {
    reported = await services.referralSource.fetch(people);
  } catch (error) {
    services.logger.warn("referral source unavailable", {
      source: services.referralSource.name,
      error: error instanceof Error ? error.name : "unknown",
    });
    throw new AppError("service_unavailable", {
      message:
        locale === "en"
          ? "The clinics' systems did not answer; nothing changed. Try again later"
          : "Не удалось получить сведения из поликлиники, данные не изменились. Повторите позже",
    });
  }
  let changed = 0;
  for (const item of reported) changed += (await services.issueReportedReferral(item)) ? 1 : 0;
  return changed + (await rematch(services.db, people));
}
