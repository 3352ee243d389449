import {
  appointments,
  children,
  outboxMessages,
  queryRows,
  referralEvents,
  referrals,
  slots,
  user,
  waitlistEntries,
  type Database,
} from "@priyom/db";
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { cancelInTransaction } from "../appointments/cancel.ts";
import {
  publishSlotChanges,
  SLOT_CHANGE_COLUMNS,
  slotChange,
  type SlotChange,
} from "../schedule/slot-events.ts";
import { offerFreedSlots } from "../waitlist/offer.ts";

/** The cancel reason stored on visits cancelled because the account was deleted (no personal data). */
export const ERASURE_CANCEL_REASON = "Аккаунт удалён пациентом";

/** What a sent message to an erased patient keeps in place of its recipient: the row stays for delivery statistics. */
export const ERASED_RECIPIENT = "erased";

/**
 * Removes the traces of an account's contacts outside the tables that cascade with the user row
 * (see holdings.ts): messages queued to its e-mail or phone are dropped, sent ones lose recipient,
 * subject and body; auth-library codes and lock-out or rate-limit counters keyed by the contacts go.
 * Call it inside the account-erasure transaction, before the user row is removed (it reads the
 * contacts from it). Returns counts only — they go to the journal.
 */
export async function eraseContactTraces(
  tx: Database,
  userId: string,
): Promise<{ messagesDropped: number; messagesBlanked: number; counters: number }> {
  const [account] = await tx
    .select({ email: user.email, phone: user.phoneNumber })
    .from(user)
    .where(eq(user.id, userId));
  if (account === undefined) return { messagesDropped: 0, messagesBlanked: 0, counters: 0 };
  const contacts = [account.email, account.phone].filter((c): c is string => c !== null && c !== "");
  if (contacts.length === 0) return { messagesDropped: 0, messagesBlanked: 0, counters: 0 };
  const dropped = await tx
    .delete(outboxMessages)
    .where(and(inArray(outboxMessages.recipient, contacts), ne(outboxMessages.status, "sent")))
    .returning({ id: outboxMessages.id });
  const blanked = await tx
    .update(outboxMessages)
    .set({ recipient: ERASED_RECIPIENT, subject: null, body: "", lastError: null })
    .where(and(inArray(outboxMessages.recipient, contacts), eq(outboxMessages.status, "sent")))
    .returning({ id: outboxMessages.id });
  let counters = 0;
  for (const contact of contacts) {
    // Keys are composed by several limiters ("sign-in:<login>", "<ip>:<login>" …): a contact anywhere in a key ties it to the person.
    const [removed] = await queryRows<{ n: number | string }>(
      tx,
      sql`
      with v as (delete from verification where strpos(identifier, ${contact}) > 0 returning 1),
           f as (delete from sign_in_failures where strpos(key, ${contact}) > 0 returning 1),
           b as (delete from rate_limit_buckets where strpos(key, ${contact}) > 0 returning 1),
           r as (delete from rate_limit where strpos(key, ${contact}) > 0 returning 1)
      select (select count(*) from v) + (select count(*) from f) + (select count(*) from b) + (select count(*) from r) as n`,
    );
    counters += Number(removed?.n ?? 0);
  }
  return { messagesDropped: dropped.length, messagesBlanked: blanked.length, counters };
}

/**
 * Ends what the account has booked or holds, so that removing the user row (which cascades to its
 * appointments and waitlist entries) leaves no slot booked or held for nobody and no referral
 * `booked` without a visit. In the erasure transaction, before the user row goes:
 * - its waitlist entries are removed first, so a slot freed below is not offered back to it;
 * - its holds (a booking in progress, a waitlist offer) are released and offered to the waitlist;
 * - every booked visit (its own and its children's) is cancelled through the patient's cancel,
 *   without the 24-hour rule and without a notification: the slot is freed and offered to the
 *   waitlist, the referral becomes bookable again, the journal gets `appointment.cancel`.
 * Returns the slot changes to apply to the slot index after the commit, and counts for the journal.
 */
export async function endBookingsForErasure(
  tx: Database,
  input: { userId: string; now: Date; cutoffHours: number; requestId: string },
): Promise<{ changes: SlotChange[]; visitsCancelled: number; holdsReleased: number; waitlistEnded: number }> {
  const { userId, now } = input;
  const ended = await tx
    .delete(waitlistEntries)
    .where(eq(waitlistEntries.userId, userId))
    .returning({ id: waitlistEntries.id });
  const released = await tx
    .update(slots)
    .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
    .where(and(eq(slots.heldByUserId, userId), eq(slots.status, "held")))
    .returning(SLOT_CHANGE_COLUMNS);
  const offered = await offerFreedSlots(
    tx,
    released.map((row) => row.id),
    now,
  );
  const freedHolds = released
    .filter((row) => !offered.includes(row.id))
    .map((row) => slotChange(row, "free"));
  await publishSlotChanges(tx, freedHolds);
  const changes: SlotChange[] = [...freedHolds];
  const booked = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.userId, userId), eq(appointments.status, "booked")));
  for (const visit of booked) {
    const cancelled = await cancelInTransaction(tx, {
      userId,
      appointmentId: visit.id,
      reason: ERASURE_CANCEL_REASON,
      now,
      cutoffHours: input.cutoffHours,
      locale: "ru",
      requestId: input.requestId,
      enforceChangeWindow: false,
      notify: false,
    });
    changes.push(...cancelled.changes);
  }
  return {
    changes,
    visitsCancelled: booked.length,
    holdsReleased: released.length,
    waitlistEnded: ended.length,
  };
}

/**
 * Marks the referrals of the account and its children as the clinic's documents of an erased
 * account (`subject_erased_at`): they stay for the issuing clinic, and the link to the account and
 * children goes with those rows (ON DELETE SET NULL); reasons the patient wrote in the referrals'
 * history are blanked. Call it in the erasure transaction before the
 * children and the user row are removed. Returns how many were marked.
 */
export async function markReferralsOfErasedAccount(tx: Database, userId: string, now: Date): Promise<number> {
  const kids = await tx.select({ id: children.id }).from(children).where(eq(children.parentUserId, userId));
  const ownedByAccount =
    kids.length === 0
      ? eq(referrals.patientUserId, userId)
      : or(
          eq(referrals.patientUserId, userId),
          inArray(
            referrals.patientChildId,
            kids.map((k) => k.id),
          ),
        );
  const marked = await tx
    .update(referrals)
    .set({ subjectErasedAt: now, updatedAt: sql`now()` })
    .where(and(ownedByAccount, isNull(referrals.subjectErasedAt)))
    .returning({ id: referrals.id });
  // The patient's own words about a visit (a cancel reason) stay with no one to show them to.
  await tx
    .update(referralEvents)
    .set({ reason: null })
    .where(eq(referralEvents.actor, `patient:${userId}`));
  return marked.length;
}
