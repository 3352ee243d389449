import { auditEvents, type Database } from "@priyom/db";

export interface AuditEntry {
  action: string;
  result: "success" | "failure";
  actorUserId?: string | null;
  subjectUserId?: string | null;
  /** Ids and codes only — never personal data. */
  details?: Record<string, string | number | boolean | null>;
  requestId?: string | null;
}

/** Writes one journal entry; pass the transaction handle so it commits with what it describes. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    action: entry.action,
    result: entry.result,
    actorUserId: entry.actorUserId ?? null,
    subjectUserId: entry.subjectUserId ?? entry.actorUserId ?? null,
    details: entry.details ?? {},
    requestId: entry.requestId ?? null,
  });
}
