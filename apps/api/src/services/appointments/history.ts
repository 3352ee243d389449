import type { THistoryEntry, THistoryResponse } from "@priyom/contracts";
import {
  appointments,
  auditEvents,
  priorityRequests,
  referrals,
  slots,
  user,
  type Database,
} from "@priyom/db";
import { errorMessage, isDomainErrorCode } from "@priyom/domain";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { ruDate } from "../booking/visit-format.ts";

/** The journal's actions a patient sees in their history, with their Russian titles. */
export const HISTORY_TITLES: Readonly<Record<string, string>> = {
  "appointment.book": "Запись к врачу",
  "appointment.cancel": "Запись отменена",
  "appointment.reschedule": "Запись перенесена",
  "appointment.done": "Приём состоялся",
  "appointment.missed": "Неявка на приём",
  "appointment.cancel_by_clinic": "Поликлиника отменила запись",
  "waitlist.join": "Вы встали в лист ожидания",
  "waitlist.leave": "Вы вышли из листа ожидания",
  "waitlist.offer": "Предложено освободившееся время",
  "waitlist.accept": "Вы приняли предложенное время",
  "waitlist.decline": "Вы отказались от предложенного времени",
  "waitlist.lapse": "Предложение времени истекло",
  "priority.create": "Запрос на приоритетную запись отправлен",
  "priority.withdraw": "Запрос на приоритетную запись отозван",
  "priority.approve": "Запрос на приоритетную запись одобрен",
  "priority.decline": "Запрос на приоритетную запись отклонён",
};

/** Titles of refusals where the plain title would mislead. */
const FAILURE_TITLES: Readonly<Record<string, string>> = {
  "appointment.book": "Не удалось записаться",
  "appointment.reschedule": "Не удалось перенести запись",
  "waitlist.join": "Не удалось встать в лист ожидания",
};

export const HISTORY_PAGE = { default: 20, max: 100 } as const;

type Details = Record<string, string | number | boolean | null>;
const text = (details: Details, key: string) => {
  const value = details[key];
  return typeof value === "string" && value !== "" ? value : null;
};
const ids = (rows: { details: Details }[], ...keys: string[]) => [
  ...new Set(rows.flatMap((r) => keys.map((k) => text(r.details, k)).filter((v): v is string => v !== null))),
];

/** The Russian messages of the failure codes a refusal recorded. */
function failureDetail(details: Details): string | null {
  const codes = (text(details, "codes") ?? text(details, "code") ?? "").split(",").filter(isDomainErrorCode);
  return codes.length === 0 ? null : codes.map((c) => errorMessage(c, "ru")).join("; ");
}

/**
 * The account's history (DOMAIN.md: "The patient sees their own history"): the journal's entries
 * about its appointments, referrals, waitlist and priority requests whose subject is the account,
 * newest first, `limit` at a time before the entry `before`. The journal holds ids and codes; the
 * ticket and referral numbers, reasons and times shown are looked up from the rows they name.
 */
export async function historyOf(
  db: Database,
  userId: string,
  page: { before?: number | undefined; limit?: number | undefined } = {},
): Promise<THistoryResponse> {
  const limit = Math.min(Math.max(page.limit ?? HISTORY_PAGE.default, 1), HISTORY_PAGE.max);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectUserId, userId),
        inArray(auditEvents.action, Object.keys(HISTORY_TITLES)),
        page.before === undefined ? undefined : lt(auditEvents.id, page.before),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);

  const appointmentIds = ids(rows, "appointmentId", "previousAppointmentId");
  const visits = new Map(
    (appointmentIds.length === 0
      ? []
      : await db
          .select({
            id: appointments.id,
            ticketNumber: appointments.ticketNumber,
            referralId: appointments.referralId,
            localDate: appointments.localDate,
            localTime: appointments.localTime,
            cancelReason: appointments.cancelReason,
          })
          .from(appointments)
          .where(and(inArray(appointments.id, appointmentIds), eq(appointments.userId, userId)))
    ).map((a) => [a.id, a]),
  );
  const referralIds = [
    ...new Set([...ids(rows, "referralId"), ...[...visits.values()].map((v) => v.referralId)]),
  ];
  const referralNumbers = new Map(
    (referralIds.length === 0
      ? []
      : await db
          .select({ id: referrals.id, number: referrals.number })
          .from(referrals)
          .where(inArray(referrals.id, referralIds))
    ).map((r) => [r.id, r.number]),
  );
  const slotIds = ids(
    rows.filter((r) => r.action === "waitlist.offer"),
    "slotId",
  );
  const offeredSlots = new Map(
    (slotIds.length === 0
      ? []
      : await db
          .select({ id: slots.id, localDate: slots.localDate, localTime: slots.localTime })
          .from(slots)
          .where(inArray(slots.id, slotIds))
    ).map((s) => [s.id, s]),
  );
  const priorityIds = ids(
    rows.filter((r) => r.action === "priority.decline"),
    "priorityRequestId",
  );
  const decisions = new Map(
    (priorityIds.length === 0
      ? []
      : await db
          .select({ id: priorityRequests.id, reason: priorityRequests.decisionReason })
          .from(priorityRequests)
          .where(and(inArray(priorityRequests.id, priorityIds), eq(priorityRequests.userId, userId)))
    ).map((p) => [p.id, p.reason]),
  );
  const actorIds = [
    ...new Set(rows.map((r) => r.actorUserId).filter((a): a is string => a !== null && a !== userId)),
  ];
  const roles = new Map(
    (actorIds.length === 0
      ? []
      : await db.select({ id: user.id, role: user.role }).from(user).where(inArray(user.id, actorIds))
    ).map((u) => [u.id, u.role]),
  );

  const items = rows.map((row): THistoryEntry => {
    const details = row.details;
    const visit = visits.get(text(details, "appointmentId") ?? "");
    const referralId = text(details, "referralId") ?? visit?.referralId ?? null;
    const failed = row.result === "failure";
    const actor: THistoryEntry["actor"] =
      row.actorUserId === userId
        ? "patient"
        : row.actorUserId === null
          ? details.via === "clinic_api"
            ? "clinic"
            : "system"
          : roles.get(row.actorUserId) === "admin"
            ? "admin"
            : roles.get(row.actorUserId) === "clinic_staff"
              ? "clinic"
              : "system";
    let detail: string | null = null;
    if (failed) detail = failureDetail(details);
    else if (row.action === "appointment.book" && visit)
      detail = `${ruDate(visit.localDate)} в ${visit.localTime}`;
    else if (row.action === "appointment.reschedule" && visit)
      detail = `Новое время: ${ruDate(visit.localDate)} в ${visit.localTime}`;
    else if (row.action === "appointment.cancel" || row.action === "appointment.cancel_by_clinic")
      detail = visit?.cancelReason ? `Причина: ${visit.cancelReason}` : null;
    else if (row.action === "appointment.missed")
      detail =
        details.referralStatus === "expired"
          ? "Срок действия направления истёк"
          : "Направление снова действует";
    else if (row.action === "waitlist.offer") {
      const slot = offeredSlots.get(text(details, "slotId") ?? "");
      detail = slot ? `${ruDate(slot.localDate)} в ${slot.localTime}` : null;
    } else if (row.action === "priority.decline") {
      const reason = decisions.get(text(details, "priorityRequestId") ?? "");
      detail = reason ? `Причина: ${reason}` : null;
    }
    return {
      id: String(row.id),
      at: row.at.toISOString(),
      actor,
      action: row.action,
      title: (failed ? FAILURE_TITLES[row.action] : undefined) ?? HISTORY_TITLES[row.action] ?? row.action,
      result: row.result,
      ticketNumber: text(details, "ticketNumber") ?? visit?.ticketNumber ?? null,
      referralNumber: referralId === null ? null : (referralNumbers.get(referralId) ?? null),
      detail,
    };
  });
  const last = rows.at(-1);
  return { items, nextBefore: rows.length === limit && last ? String(last.id) : null };
}
