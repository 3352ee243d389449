import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { auditEvents, type Database } from "@priyom/db";
import { clientIp } from "./auth/client-ip.ts";
import type { AppEnv } from "./context.ts";

/** The request a journal entry is written during: its caller's IP and request id. */
interface JournalRequest {
  ip: string;
  requestId: string | null;
}
const journalRequest = new AsyncLocalStorage<JournalRequest>();

/**
 * Makes the caller's IP and the request id known to every journal entry written while the request runs —
 * in routes, services and the auth library's hooks alike — so no call site can leave them out.
 */
export function journalRequestContext(): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    journalRequest.run(
      { ip: clientIp(c, c.get("services").config.trustedProxies), requestId: c.get("requestId") ?? null },
      next,
    );
}

export interface AuditEntry {
  action: string;
  result: "success" | "failure";
  actorUserId?: string | null;
  subjectUserId?: string | null;
  /** What the action was about, by id: an appointment, a profile, a child… */
  object?: { type: string; id: string } | null;
  /** The caller's address (auth/client-ip.ts). */
  ip?: string | null;
  /** Ids and codes only — never personal data. */
  details?: Record<string, string | number | boolean | null>;
  requestId?: string | null;
}

/**
 * Writes one journal entry; pass the transaction handle so it commits with what it describes. The hash chain
 * is made by the database's trigger (migration 0012), so a failed write fails — and rolls back — the caller.
 */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  const request = journalRequest.getStore();
  await db.insert(auditEvents).values({
    action: entry.action,
    result: entry.result,
    actorUserId: entry.actorUserId ?? null,
    subjectUserId: entry.subjectUserId ?? entry.actorUserId ?? null,
    objectType: entry.object?.type ?? null,
    objectId: entry.object?.id ?? null,
    ip: entry.ip ?? request?.ip ?? null,
    details: entry.details ?? {},
    requestId: entry.requestId ?? request?.requestId ?? null,
  });
}

/**
 * Journals a read of personal data (a profile, a child, a ticket, a staff list of patients). Written before
 * the data is sent, so a read the journal could not record is refused rather than left unrecorded.
 */
export function recordPersonalDataRead(
  db: Database,
  read: {
    readerUserId: string;
    subjectUserId?: string | null;
    object: { type: string; id: string };
    view?: string;
  },
): Promise<void> {
  return recordAudit(db, {
    action: "personal_data.read",
    result: "success",
    actorUserId: read.readerUserId,
    subjectUserId: read.subjectUserId ?? null,
    object: read.object,
    ...(read.view ? { details: { view: read.view } } : {}),
  });
}
