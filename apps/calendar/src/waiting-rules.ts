import { isIsoDate } from "@priyom/domain";
import { ruDate } from "./booking-format.ts";

// «Когда нет подходящего времени» (DOMAIN.md "When nothing is free"): what the waitlist and the
// priority request forms check before sending. The API checks the same and has the last word; its
// field messages replace these.

/** The shortest and the longest reason of a priority request, in characters. */
export const PRIORITY_REASON_MIN = 10;
export const PRIORITY_REASON_MAX = 1000;

/** Messages of the waitlist's date range, by the API's field names; empty when the range is fine. */
export interface WaitlistRangeErrors {
  fromDate?: string;
  toDate?: string;
}

/**
 * Checks a waitlist date range: both dates given, not before today, not after the referral's last
 * valid day, the start not after the end (a one-day range is fine). Dates are `YYYY-MM-DD` local
 * dates; `today` is today in the referral's zone.
 * @example checkWaitlistRange({ fromDate: "2026-12-01", toDate: "2026-11-30" }, { today: "2026-11-26", lastValidDay: "2026-12-21" })
 * // { toDate: "Конец периода раньше начала" }
 */
export function checkWaitlistRange(
  range: { fromDate: string; toDate: string },
  bounds: { today: string; lastValidDay: string },
): WaitlistRangeErrors {
  const errors: WaitlistRangeErrors = {};
  const lastDay = ruDate(bounds.lastValidDay);
  if (!isIsoDate(range.fromDate)) errors.fromDate = "Укажите дату начала";
  else if (range.fromDate < bounds.today) errors.fromDate = "Дата начала не может быть раньше сегодняшней";
  else if (range.fromDate > bounds.lastValidDay)
    errors.fromDate = `Направление действует до ${lastDay}: выберите дату не позднее`;
  if (!isIsoDate(range.toDate)) errors.toDate = "Укажите дату окончания";
  else if (range.toDate > bounds.lastValidDay)
    errors.toDate = `Направление действует до ${lastDay}: выберите дату не позднее`;
  else if (range.toDate < bounds.today) errors.toDate = "Дата окончания не может быть раньше сегодняшней";
  else if (errors.fromDate === undefined && range.toDate < range.fromDate)
    errors.toDate = "Конец периода раньше начала";
  return errors;
}

/**
 * Checks the reason of a priority request: 10–1000 characters once spaces at the ends are dropped.
 * @example checkPriorityReason("Болит") // "Опишите причину подробнее: не меньше 10 символов (сейчас 5)"
 */
export function checkPriorityReason(reason: string): string | undefined {
  const length = [...reason.trim()].length;
  if (length === 0) return "Опишите, почему нужна приоритетная запись";
  if (length < PRIORITY_REASON_MIN)
    return `Опишите причину подробнее: не меньше ${PRIORITY_REASON_MIN} символов (сейчас ${length})`;
  if (length > PRIORITY_REASON_MAX)
    return `Не больше ${PRIORITY_REASON_MAX} символов: сократите на ${length - PRIORITY_REASON_MAX}`;
  return undefined;
}

/**
 * A place in the line as Russian writes it (masculine ordinal: «1-й», «2-й», «3-й»…).
 * @example queuePositionText(3) // "3-й"
 */
export function queuePositionText(position: number): string {
  return `${position}-й`;
}

const PRIORITY_STATUSES: Record<string, string> = {
  pending: "На рассмотрении",
  approved: "Одобрен",
  declined: "Отклонён",
  withdrawn: "Отозван",
};

/** A priority request's status as the patient reads it; unknown statuses unchanged. */
export function priorityStatusText(status: string): string {
  return PRIORITY_STATUSES[status] ?? status;
}

/**
 * The form field an API field path belongs to: `clinicIds.0` → `clinicIds`.
 * @example fieldOf("doctorIds.1") // "doctorIds"
 */
export function fieldOf(path: string): string {
  return path.split(".")[0] ?? path;
}
