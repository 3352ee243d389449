import { outboxMessages, queryRows, user, type Database } from "@priyom/db";
import { and, eq, inArray, ne, sql } from "drizzle-orm";

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
