import { appointments, notifications } from "@priyom/db";
import { addDays, localDateTimeInZone } from "@priyom/domain";
import { and, eq, gt, lt, notExists, sql } from "drizzle-orm";
import type { AppServices } from "../context.ts";
import { notifyPatient } from "../messages/notify.ts";
import { appointmentReminder } from "../messages/templates.ts";
import { factsOf, viewOf } from "../services/appointments/visit.ts";

/** How often the job looks for visits to remind of. */
const EVERY_MS = 10 * 60 * 1000;
/** Reminders leave in the clinic's local daytime only: from 10:00, and not from 21:00 on. */
export const REMINDER_HOURS = { from: "10:00", until: "21:00" } as const;

/**
 * Reminds of tomorrow's visits (DOMAIN.md "reminders the day before"): every booked appointment
 * whose local date is tomorrow in its clinic's zone, once the clinic's local time is between 10:00
 * and 21:00 — no messages at night. Each reminder goes out once whatever happens (`reminder:<id>`
 * dedupe keys: the job may run twice, on several instances); cabinet, SMS to the visit's phone, and
 * e-mail where the patient allows it. One transaction per visit. Returns how many were sent.
 */
export async function sendReminders(
  services: Pick<AppServices, "db" | "config">,
  now: Date,
): Promise<number> {
  // Tomorrow anywhere in Russia starts within 48 hours from now.
  const due = await services.db
    .select({
      id: appointments.id,
      userId: appointments.userId,
      localDate: appointments.localDate,
      timeZone: appointments.timeZone,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, "booked"),
        gt(appointments.startsAt, now),
        lt(appointments.startsAt, new Date(now.getTime() + 48 * 3_600_000)),
        notExists(
          services.db
            .select({ one: sql`1` })
            .from(notifications)
            .where(eq(notifications.dedupeKey, sql`'reminder:' || ${appointments.id} || ':cabinet'`)),
        ),
      ),
    );
  let sent = 0;
  for (const visit of due) {
    const local = localDateTimeInZone(now, visit.timeZone);
    if (addDays(local.localDate, 1) !== visit.localDate) continue;
    if (local.localTime < REMINDER_HOURS.from || local.localTime >= REMINDER_HOURS.until) continue;
    const used = await services.db.transaction(async (tx) => {
      const view = await viewOf(tx, visit.id, services.config.appointmentChangeCutoffHours);
      if (view.status !== "booked") return [];
      return notifyPatient(tx, visit.userId, appointmentReminder(factsOf(view)));
    });
    if (used.length > 0) sent += 1;
  }
  return sent;
}

/** Runs the reminders every 10 minutes (days begin at different hours across Russia's zones). */
export function startReminderJob(services: AppServices): { stop: () => void } {
  const run = () =>
    sendReminders(services, services.clock()).catch((error: unknown) =>
      services.logger.error("reminder job failed", {
        error: error instanceof Error ? error.name : "unknown",
      }),
    );
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
