import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@priyom/db";
import type { Logger } from "../logger.ts";
import type { DeliverableMessage, Transport } from "./transports.ts";

/**
 * After this many attempts a message that still fails is shown to administrators (see
 * `/staff/notifications/failed`) — but it is only given up (`failed`) once it is also older than
 * GIVE_UP_HOURS: an SMS gateway or mail server that is down for an afternoon must not cost anyone
 * their messages. Until then it is retried every 10 minutes at most.
 */
export const ATTENTION_ATTEMPTS = 8;
const GIVE_UP_HOURS = 24;
/** A message claimed by a worker that died is retried after this long. */
const CLAIM_TIMEOUT_SECONDS = 60;

interface ClaimedRow extends DeliverableMessage {
  attempts: number;
  sensitive: number;
}

/**
 * Claims due messages (`FOR UPDATE SKIP LOCKED`, so several API instances never take the same
 * one), sends each through its channel's transport and records the outcome. A failure is retried
 * with exponential back-off (capped at 10 minutes); a message still failing after a day is `failed`.
 * Returns how many messages it handled.
 */
export async function drainOutbox(
  db: Database,
  transports: Record<"sms" | "email", Transport>,
  logger: Logger,
  batchSize = 20,
): Promise<number> {
  const claimed = await queryRows<Record<string, unknown>>(
    db,
    sql`update outbox_messages set status = 'sending', next_attempt_at = now() + make_interval(secs => ${CLAIM_TIMEOUT_SECONDS})
        where id in (
          select id from outbox_messages
          where (status = 'pending' or status = 'sending') and next_attempt_at <= now()
          order by created_at
          limit ${batchSize}
          for update skip locked)
        returning id, channel, recipient, subject, body, attempts, sensitive,
          created_at < now() - make_interval(hours => ${GIVE_UP_HOURS}) as expired`,
  );
  // The batch is sent in parallel: a peer that hangs costs one pass its timeout (5–10 s), not one
  // timeout per message in turn, and a hanging SMTP server does not hold back the SMS behind it.
  // Each message was claimed once above, so parallel sends never deliver one twice.
  const deliver = async (raw: Record<string, unknown>) => {
    const message = raw as unknown as ClaimedRow;
    const transport = transports[message.channel];
    try {
      await transport.send(message);
      const blank = message.sensitive === 1 && transport.name !== "dev_mailbox";
      await db.execute(
        sql`update outbox_messages set status = 'sent', sent_at = now(), transport = ${transport.name},
            attempts = attempts + 1, last_error = null${blank ? sql`, body = '[доставлено]'` : sql``}
            where id = ${message.id}`,
      );
    } catch (error) {
      const attempts = Number(message.attempts) + 1;
      const failed = attempts >= ATTENTION_ATTEMPTS && (raw.expired === true || raw.expired === "t");
      const backoffSeconds = Math.min(600, 2 ** attempts);
      // The error text of a transport can quote the recipient: keep only its class and status.
      const reason =
        error instanceof Error
          ? `${error.name}: ${error.message.replace(/\S+@\S+|\+?\d{10,}/g, "…").slice(0, 200)}`
          : "unknown";
      await db.execute(
        sql`update outbox_messages set status = ${failed ? "failed" : "pending"}, attempts = ${attempts},
            next_attempt_at = now() + make_interval(secs => ${backoffSeconds}), last_error = ${reason}, transport = ${transport.name}
            where id = ${message.id}`,
      );
      logger.warn("message not delivered", {
        messageId: message.id,
        channel: message.channel,
        attempts,
        failed,
      });
    }
  };
  await Promise.all(claimed.map(deliver));
  return claimed.length;
}

/** Runs `drainOutbox` every `intervalMs` until stopped; one pass at a time. */
export function startOutboxWorker(
  db: Database,
  transports: Record<"sms" | "email", Transport>,
  logger: Logger,
  intervalMs = 500,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() =>
      stopped
        ? 0
        : drainOutbox(db, transports, logger).catch((error: unknown) => {
            logger.error("outbox pass failed", { error: error instanceof Error ? error.name : "unknown" });
            return 0;
          }),
    );
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
