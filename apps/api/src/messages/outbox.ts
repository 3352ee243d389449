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
}

/**
 * Queues a message. Call it with the transaction handle of the change that causes the message,
 * so both commit or neither does; the outbox worker sends it afterwards.
 */
export async function enqueueMessage(tx: Database, message: OutgoingMessage): Promise<string> {
  const id = `msg_${randomUUID().replaceAll("-", "")}`;
  await tx.insert(outboxMessages).values({
    id,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject ?? null,
    body: message.body,
    sensitive: message.sensitive ? 1 : 0,
  });
  return id;
}
