import { createHash } from "node:crypto";
import { idempotencyKeys, type Database } from "@priyom/db";
import { and, eq, lt } from "drizzle-orm";
import { AppError, type Locale } from "../../errors.ts";
import { canonicalJson } from "../referrals/issue.ts";

/** `Idempotency-Key` values: 8–100 of `[A-Za-z0-9_-]` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** How long a stored answer is replayed; later the key is forgotten (clients retry within minutes). */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** An answer as it is sent, and as it is stored with its key and replayed. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** The `Idempotency-Key` header of a request, checked; a missing or malformed one is 400. */
export function idempotencyKeyFrom(header: string | undefined, locale: Locale): string {
  const key = header ?? "";
  if (IDEMPOTENCY_KEY.test(key)) return key;
  throw new AppError("validation_failed", {
    fields: {
      "Idempotency-Key":
        locale === "en"
          ? "Send an Idempotency-Key header: 8–100 letters, digits, _ or -"
          : "Нужен заголовок Idempotency-Key: 8–100 латинских букв, цифр, _ или -",
    },
  });
}

/**
 * Runs `decide` at most once per (account, scope, key), in one transaction with the key's claim:
 * the key is inserted first, so a concurrent repeat waits for the first and then replays its stored
 * answer (`replayed: true`), byte for byte; the key with another request is `idempotency_key_reused`;
 * a repeat while the first is still running is `conflict`. What `decide` answers is stored with the
 * key; what it throws rolls back the claim too, so a refused request may be sent again.
 */
export async function answerOnce<A extends StoredAnswer>(
  db: Database,
  claim: { userId: string; scope: string; key: string; request: unknown },
  decide: (tx: Database) => Promise<A>,
): Promise<(A | StoredAnswer) & { replayed: boolean }> {
  const { userId, scope, key } = claim;
  const requestHash = createHash("sha256").update(canonicalJson(claim.request)).digest("hex");
  const thisKey = and(
    eq(idempotencyKeys.userId, userId),
    eq(idempotencyKeys.scope, scope),
    eq(idempotencyKeys.key, key),
  );
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, scope, key, requestHash, responseStatus: 0, responseBody: "" })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [prior] = await tx.select().from(idempotencyKeys).where(thisKey);
      if (!prior || prior.requestHash !== requestHash) throw new AppError("idempotency_key_reused");
      if (prior.responseStatus === 0) throw new AppError("conflict", { logMessage: "same key in progress" });
      return {
        status: prior.responseStatus,
        body: JSON.parse(prior.responseBody) as unknown,
        replayed: true,
      };
    }
    const decided = await decide(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: decided.status, responseBody: JSON.stringify(decided.body) })
      .where(thisKey);
    return { ...decided, replayed: false };
  });
}

/** Deletes stored answers older than a day; returns how many. */
export async function forgetOldIdempotencyKeys(db: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000);
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
