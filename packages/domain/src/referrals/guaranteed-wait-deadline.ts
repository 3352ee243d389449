import { addWorkingDays } from "../dates/add-working-days.ts";

/** How urgent a referral is. */
export type Urgency = "emergency" | "urgent" | "planned";

/** Guaranteed waiting times in working days, by urgency. */
export type WaitPolicy = Readonly<Record<Urgency, number>>;

/**
 * Federal guaranteed waiting times: a specialist within 14 working days (planned), suspected cancer
 * and other urgent cases within 3, emergency the same day.
 *
 * @example
 * DEFAULT_WAIT_POLICY.planned; // 14
 */
export const DEFAULT_WAIT_POLICY: WaitPolicy = { emergency: 0, urgent: 3, planned: 14 };

/**
 * The last day a visit should take place to keep the guaranteed waiting time, counted in working
 * days from `today` (day 0) with `addWorkingDays`. Used as a flag: when no free slot falls on or
 * before it, the patient is offered the waitlist and a priority request.
 *
 * @example
 * guaranteedWaitDeadline("2025-03-03", "planned", []); // "2025-03-21"
 * guaranteedWaitDeadline("2025-03-07", "urgent", []); // "2025-03-12"
 */
export function guaranteedWaitDeadline(
  today: string,
  urgency: Urgency,
  holidays: readonly string[],
  policy: WaitPolicy = DEFAULT_WAIT_POLICY,
): string {
  return addWorkingDays(today, policy[urgency], holidays);
}
