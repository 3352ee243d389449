import { randomUUID } from "node:crypto";
import { outboxMessages, type Database } from "@priyom/db";

export interface OutgoingMessage {
  channel: "sms" | "email";
  /** `+79XXXXXXXXX` for SMS, an address for e-mail. */
  recipient: string;
  subject?: string;
  body: string;
  /** The body holds a one-time code: blank it once a real transport has delivered it. */
  sensitive?: boolean;
  /** The template it came from, shown to administrators (`booking_confirmed`, `reminder` …). */
  kind?: string;
  /** Queue at most once under this key (a unique index): a second call with it does nothing. */
  dedupeKey?: string;
}

/**
 * Queues a message. Call it with the transaction handle of the change that causes the message,
 * so both commit or neither does; the outbox worker sends it afterwards. With a `dedupeKey` already
 * queued it queues nothing and answers null.
 */
export async function enqueueMessage(
  tx: Database,
  message: OutgoingMessage & { dedupeKey: string },
): Promise<string | null>;
export async function enqueueMessage(tx: Database, message: OutgoingMessage): Promise<string>;
export async function enqueueMessage(tx: Database, message: OutgoingMessage): Promise<string | null> {
  const id = `msg_${randomUUID().replaceAll("-", "")}`;
  const inserted = await tx
    .insert(outboxMessages)
    .values({
      id,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      sensitive: message.sensitive ? 1 : 0,
      kind: message.kind ?? "other",
      dedupeKey: message.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  return inserted[0]?.id ?? null;
}
