import { ruPluralRule } from "@priyom/ui";

const FORMS = [
  "непрочитанное уведомление",
  "непрочитанных уведомления",
  "непрочитанных уведомлений",
] as const;

/**
 * The badge's accessible name, in the Russian plural form the count takes.
 * @example unreadLabel(1) // "1 непрочитанное уведомление"; unreadLabel(3) // "3 непрочитанных уведомления"
 *   unreadLabel(11) // "11 непрочитанных уведомлений"; unreadLabel(21) // "21 непрочитанное уведомление"
 */
export function unreadLabel(count: number): string {
  return `${count} ${FORMS[ruPluralRule(count, 3)] ?? FORMS[2]}`;
}

/**
 * What the badge itself shows: the count, or «99+» past 99 (the accessible name keeps the exact count).
 * @example unreadBadgeText(7) // "7"; unreadBadgeText(120) // "99+"
 */
export function unreadBadgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}
