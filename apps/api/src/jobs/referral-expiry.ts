import { referralEvents, referrals, specialties } from "@priyom/db";
import { addDays, localDateTimeInZone } from "@priyom/domain";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { AppServices } from "../context.ts";
import { messageOwnerOf, notifyPatient } from "../messages/notify.ts";
import { referralExpiring } from "../messages/templates.ts";
import { EXPIRING_SOON_DAYS } from "../services/referrals/patient-view.ts";

/**
 * Marks active referrals expired once their last valid day has ended in their own zone (a
 * Vladivostok referral ends seven hours before a Moscow one of the same date), with an `expired`
 * history entry. Returns how many.
 */
export async function expireReferrals(services: Pick<AppServices, "db">, now = new Date()): Promise<number> {
  return services.db.transaction(async (tx) => {
    const active = await tx
      .select({ id: referrals.id, lastValidDay: referrals.lastValidDay, timeZone: referrals.timeZone })
      .from(referrals)
      .where(eq(referrals.status, "active"));
    const ended = active
      .filter((r) => localDateTimeInZone(now, r.timeZone).localDate > r.lastValidDay)
      .map((r) => r.id);
    if (ended.length === 0) return 0;
    await tx
      .update(referrals)
      .set({ status: "expired", updatedAt: sql`now()` })
      .where(inArray(referrals.id, ended));
    await tx
      .insert(referralEvents)
      .values(ended.map((referralId) => ({ referralId, kind: "expired" as const, actor: "system" })));
    return ended.length;
  });
}

/**
 * Tells each patient once, 3 days before the last valid day: in the cabinet, and by e-mail and SMS
 * as they chose (a child's referral goes to the parent). The `referral-expiring:<id>:<last day>`
 * dedupe key keeps it to once per referral and last day whatever runs twice (an extension moves the
 * last day, and the patient is warned again). Returns how many referrals were announced.
 */
export async function announceExpiringReferrals(
  services: Pick<AppServices, "db">,
  now = new Date(),
): Promise<number> {
  return services.db.transaction(async (tx) => {
    const candidates = await tx
      .select({
        id: referrals.id,
        lastValidDay: referrals.lastValidDay,
        timeZone: referrals.timeZone,
        number: referrals.number,
        specialty: specialties.nameRu,
        userId: referrals.patientUserId,
        childId: referrals.patientChildId,
      })
      .from(referrals)
      .innerJoin(specialties, eq(specialties.code, referrals.specialtyCode))
      .where(and(eq(referrals.status, "active"), isNull(referrals.expiryNoticeSentAt)));
    let announced = 0;
    for (const r of candidates) {
      const today = localDateTimeInZone(now, r.timeZone).localDate;
      if (addDays(today, EXPIRING_SOON_DAYS) !== r.lastValidDay) continue;
      const ownerId = await messageOwnerOf(tx, { userId: r.userId, childId: r.childId });
      if (!ownerId) continue;
      await notifyPatient(
        tx,
        ownerId,
        referralExpiring({
          referralId: r.id,
          number: r.number,
          specialtyName: r.specialty,
          lastValidDay: r.lastValidDay,
        }),
      );
      await tx
        .update(referrals)
        .set({ expiryNoticeSentAt: sql`now()` })
        .where(eq(referrals.id, r.id));
      announced += 1;
    }
    return announced;
  });
}

/** Both, now and every 10 minutes (days end at different hours across Russia's zones). */
export function startReferralExpiryJob(services: AppServices): { stop: () => void } {
  const run = async () => {
    try {
      await expireReferrals(services);
      await announceExpiringReferrals(services, services.clock());
    } catch (error) {
      services.logger.error("referral expiry job failed", {
        error: error instanceof Error ? error.name : "unknown",
      });
    }
  };
  void run();
  const timer = setInterval(() => void run(), 10 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
