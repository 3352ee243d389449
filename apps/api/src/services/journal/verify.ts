import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@priyom/db";

/** One journal row in the text forms the chain is computed over (see migration 0012). */
interface JournalRowText {
  id: string;
  at: string;
  actor_user_id: string | null;
  subject_user_id: string | null;
  action: string;
  result: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string | null;
  hash: string;
}

export type JournalVerdict =
  | { ok: true; count: number; lastHash: string | null }
  | {
      ok: false;
      count: number;
      brokenId: number;
      reason: "hash_mismatch" | "broken_link";
      explanation: string;
    };

/**
 * The same canonical text as the SQL function `audit_event_canonical`, rebuilt here independently so that a
 * tampered function in the database cannot vouch for tampered rows.
 */
export function canonicalJournalText(row: Omit<JournalRowText, "hash">): string {
  const fields = [
    row.id,
    row.at,
    row.actor_user_id,
    row.subject_user_id,
    row.action,
    row.result,
    row.object_type,
    row.object_id,
    row.ip,
    row.request_id,
    row.details,
    row.prev_hash,
  ];
  // PostgreSQL's length() counts characters, as does iterating a string by code points.
  return fields.map((f) => (f === null ? "~" : `${[...f].length}:${f}`)).join("|");
}

const BATCH = 5000;

/**
 * Recomputes the whole chain in id order. A changed row fails its own hash; a removed row or a forged row
 * (whose hash is right but whose link is not the previous row's hash) breaks the link.
 */
export async function verifyJournal(db: Database): Promise<JournalVerdict> {
  let previousHash: string | null = null;
  let afterId = "0";
  let count = 0;
  for (;;) {
    const result = await db.execute(sql`
      -- Ordered by the table's bigint id, not the text alias of the same name.
      select id::text as id,
             to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
             actor_user_id, subject_user_id, action, result, object_type, object_id, ip, request_id,
             details::text as details, prev_hash, hash
      from audit_events where audit_events.id > ${afterId}::bigint
      order by audit_events.id limit ${BATCH}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as JournalRowText[];
    for (const row of rows) {
      count++;
      if (row.prev_hash !== previousHash) {
        return {
          ok: false,
          count,
          brokenId: Number(row.id),
          reason: "broken_link",
          explanation:
            previousHash === null
              ? "the first entry points to a previous entry that is not there"
              : "it does not point to the entry before it (an entry removed or inserted here)",
        };
      }
      const expected = createHash("sha256").update(canonicalJournalText(row), "utf8").digest("hex");
      if (expected !== row.hash) {
        return {
          ok: false,
          count,
          brokenId: Number(row.id),
          reason: "hash_mismatch",
          explanation: "its content does not match its hash (the entry was changed)",
        };
      }
      previousHash = row.hash;
    }
    if (rows.length < BATCH) return { ok: true, count, lastHash: previousHash };
    afterId = rows.at(-1)?.id ?? afterId;
  }
}
