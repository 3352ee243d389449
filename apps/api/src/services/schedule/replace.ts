import type { TDoctorScheduleRequest, TDoctorScheduleResult } from "@priyom/contracts";
import { appointments, clinics, doctors, scheduleExceptions, scheduleRules, type Database } from "@priyom/db";
import { generateSlots, type ScheduleException, type WeeklyRule } from "@priyom/domain";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { defaultHorizon, materializeSlots } from "./materialize.ts";
import type { SlotChange } from "./slot-events.ts";

/** Moves a field path of a one-item check (`rules[0].from`) to the item's real index. */
function reindex(field: string | undefined, list: "rules" | "exceptions", index: number): string {
  const path = field ?? `${list}[0]`;
  return path.startsWith(`${list}[0]`) ? `${list}[${index}]${path.slice(`${list}[0]`.length)}` : path;
}

/**
 * Checks a schedule with the domain's slot generation, every rule and exception on its own so all
 * faults are named at once (by field path), then the whole (overlapping rules, duplicate dates).
 */
function validateSchedule(
  request: TDoctorScheduleRequest,
  timeZone: string,
  day: string,
  locale: Locale,
): { rules: WeeklyRule[]; exceptions: ScheduleException[] } {
  const errors = new FieldErrors(locale);
  const rules: WeeklyRule[] = request.rules.map((r) => ({
    weekday: r.weekday,
    from: r.from,
    to: r.to,
    breaks: r.breaks ?? [],
    visitMinutes: r.visitMinutes,
  }));
  const exceptions: ScheduleException[] = request.exceptions.map((e) =>
    e.kind === "other_hours"
      ? {
          date: e.date,
          kind: e.kind,
          ...(e.from !== undefined ? { from: e.from } : {}),
          ...(e.to !== undefined ? { to: e.to } : {}),
          breaks: e.breaks ?? [],
          ...(e.visitMinutes !== undefined ? { visitMinutes: e.visitMinutes } : {}),
        }
      : { date: e.date, kind: e.kind },
  );
  const base = { timeZone, from: day, to: day };
  const validRules: WeeklyRule[] = [];
  rules.forEach((rule, i) => {
    const result = generateSlots({ ...base, rules: [rule] });
    if (result.ok) validRules.push(rule);
    else errors.check(reindex(result.error.field, "rules", i), result);
  });
  exceptions.forEach((exception, i) => {
    const result = generateSlots({ ...base, rules: validRules, exceptions: [exception] });
    if (!result.ok) errors.check(reindex(result.error.field, "exceptions", i), result);
  });
  errors.throwIfAny();
  const whole = generateSlots({ ...base, rules, exceptions });
  if (!whole.ok) errors.check(whole.error.field ?? "rules", whole);
  errors.throwIfAny();
  return { rules, exceptions };
}

/**
 * Replaces the weekly rules and exceptions of a doctor of `clinicId` (by the clinic's own id) and
 * materialises the next 8 weeks of slots, all in one transaction. Another clinic's doctor is 404.
 * A change that would drop booked visits is refused as a whole (409 `schedule_conflict` listing those
 * appointments): the clinic cancels them explicitly first, which tells the patients. The slot changes
 * are returned for the caller's index (they are also announced by NOTIFY on commit).
 */
export async function replaceDoctorSchedule(
  db: Database,
  clinicId: string,
  externalId: string,
  request: TDoctorScheduleRequest,
  locale: Locale,
  now = new Date(),
  horizonWeeks?: number,
): Promise<TDoctorScheduleResult & { changes: SlotChange[] }> {
  const [doctor] = await db
    .select({ id: doctors.id, timeZone: clinics.timeZone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(and(eq(doctors.clinicId, clinicId), eq(doctors.externalId, externalId)));
  if (!doctor) throw new AppError("not_found", { logMessage: "doctor not found for this clinic" });
  const horizon = defaultHorizon(doctor.timeZone, now, horizonWeeks);
  const { rules, exceptions } = validateSchedule(request, doctor.timeZone, horizon.from, locale);

  return db.transaction(async (tx) => {
    await tx.delete(scheduleRules).where(eq(scheduleRules.doctorId, doctor.id));
    await tx.delete(scheduleExceptions).where(eq(scheduleExceptions.doctorId, doctor.id));
    if (rules.length > 0) {
      await tx.insert(scheduleRules).values(
        rules.map((r) => ({
          id: `srl_${randomBytes(10).toString("hex")}`,
          doctorId: doctor.id,
          weekday: r.weekday,
          fromTime: r.from,
          toTime: r.to,
          breaks: (r.breaks ?? []).map((b) => ({ from: b.from, to: b.to })),
          visitMinutes: r.visitMinutes,
        })),
      );
    }
    if (exceptions.length > 0) {
      await tx.insert(scheduleExceptions).values(
        exceptions.map((e) => ({
          id: `sex_${randomBytes(10).toString("hex")}`,
          doctorId: doctor.id,
          date: e.date,
          kind: e.kind,
          fromTime: e.kind === "other_hours" ? (e.from ?? null) : null,
          toTime: e.kind === "other_hours" ? (e.to ?? null) : null,
          breaks: e.kind === "other_hours" ? (e.breaks ?? []).map((b) => ({ from: b.from, to: b.to })) : null,
          visitMinutes: e.kind === "other_hours" ? (e.visitMinutes ?? null) : null,
        })),
      );
    }
    const result = await materializeSlots(tx, doctor.id, horizon, now);
    if (result.conflicts.length > 0) {
      const affected = await tx
        .select({
          id: appointments.id,
          ticketNumber: appointments.ticketNumber,
          localDate: appointments.localDate,
          localTime: appointments.localTime,
          timeZone: appointments.timeZone,
        })
        .from(appointments)
        .where(
          and(
            inArray(
              appointments.slotId,
              result.conflicts.map((c) => c.id),
            ),
            eq(appointments.status, "booked"),
          ),
        )
        .orderBy(asc(appointments.startsAt));
      throw new AppError("schedule_conflict", {
        details: { appointments: affected },
        logMessage: `schedule change refused: ${affected.length} booked appointments`,
      });
    }
    return { slotsFree: result.slotsFree, slotsBlocked: result.slotsBlocked, changes: result.changes };
  });
}
