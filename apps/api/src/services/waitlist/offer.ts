import type { Database } from "@priyom/db";

/**
 * Offers freed slots to the waitlist first: for each slot (already `free` in the caller's
 * transaction) the first matching entry in line gets it held for 15 minutes and a notification.
 * Call it in the transaction that freed the slots (cancel, reschedule, clinic cancellation), so no
 * one else can take a slot before the line has seen it. Returns the ids of the slots offered.
 *
 * Being written (issue 6, waitlist): until then nothing is offered.
 */
export async function offerFreedSlots(_tx: Database, _slotIds: readonly string[], _now: Date): Promise<string[]> {
  await Promise.resolve();
  return [];
}
