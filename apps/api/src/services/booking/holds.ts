import type { THold } from "@priyom/contracts";
import { slots, type Database } from "@priyom/db";
import { and, eq, gt, lte, ne, or, sql, TransactionRollbackError } from "drizzle-orm";
import type { AppServices } from "../../context.ts";
import { AppError } from "../../errors.ts";
import {
  publishSlotChanges,
  SLOT_CHANGE_COLUMNS,
  slotChange,
  toFreeSlot,
  type SlotChange,
  type SlotRowLike,
} from "../schedule/slot-events.ts";
import { alternativesFor, type WantedSlot } from "./alternatives.ts";

/** A hold reserves a slot this long while the patient confirms (DOMAIN.md). */
export const HOLD_MINUTES = 5;

const slotColumns = {
  ...SLOT_CHANGE_COLUMNS,
  status: slots.status,
  heldByUserId: slots.heldByUserId,
  holdExpiresAt: slots.holdExpiresAt,
};

/** The condition "this patient may take the slot now": free, held by them, or held by a lapsed hold. */
export function takeableBy(userId: string, now: Date) {
  return or(
    eq(slots.status, "free"),
    and(eq(slots.status, "held"), or(eq(slots.heldByUserId, userId), lte(slots.holdExpiresAt, now))),
  );
}

/** Frees the user's hold(s) except on `keepSlotId`, in the caller's transaction; returns the changes. */
async function releaseHoldsOf(tx: Database, userId: string, keepSlotId?: string): Promise<SlotChange[]> {
  const released = await tx
    .update(slots)
    .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(slots.heldByUserId, userId),
        eq(slots.status, "held"),
        keepSlotId === undefined ? undefined : ne(slots.id, keepSlotId),
      ),
    )
    .returning(slotColumns);
  return released.map((row) => slotChange(row, "free"));
}

/**
 * Holds a free slot for the patient for 5 minutes; one hold per patient (a previous hold is released in
 * the same transaction, and a unique index backs it). Holding the slot one already holds renews it. A
 * slot that is not takeable answers 409 with alternatives (the previous hold then stays).
 */
export async function holdSlot(
  services: Pick<AppServices, "db" | "slotIndex">,
  userId: string,
  input: { slotId: string; referral?: WantedSlot["referral"] },
  now = new Date(),
): Promise<THold> {
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
  const outcome = await services.db
    .transaction(async (tx) => {
      const changes = await releaseHoldsOf(tx, userId, input.slotId);
      const [held] = await tx
        .update(slots)
        .set({ status: "held", heldByUserId: userId, holdExpiresAt: expiresAt, updatedAt: sql`now()` })
        .where(and(eq(slots.id, input.slotId), gt(slots.startsAt, now), takeableBy(userId, now)))
        .returning(slotColumns);
      if (!held) {
        tx.rollback();
        return null;
      }
      changes.push(slotChange(held, "taken"));
      await publishSlotChanges(tx, changes);
      return { held, changes };
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return null;
      throw error;
    });
  if (!outcome) {
    const [slot] = await services.db.select(slotColumns).from(slots).where(eq(slots.id, input.slotId));
    if (!slot) throw new AppError("not_found", { logMessage: "no such slot" });
    await services.slotIndex.ready();
    const heldByOther = slot.status === "held" && slot.holdExpiresAt !== null && slot.holdExpiresAt > now;
    throw new AppError(heldByOther ? "slot_held" : "slot_taken", {
      details: {
        alternatives: alternativesFor(
          services.slotIndex,
          {
            slotId: slot.id,
            doctorId: slot.doctorId,
            startsAt: slot.startsAt.getTime(),
            ...(input.referral ? { referral: input.referral } : {}),
          },
          now,
        ),
      },
    });
  }
  services.slotIndex.apply(outcome.changes);
  return toHold(outcome.held, expiresAt, now);
}

function toHold(row: SlotRowLike, expiresAt: Date, now: Date): THold {
  return {
    slot: { ...toFreeSlot(slotChange(row, "taken")), doctorId: row.doctorId },
    expiresAt: expiresAt.toISOString(),
    secondsLeft: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** The patient's live hold, or null. */
export async function currentHold(db: Database, userId: string, now = new Date()): Promise<THold | null> {
  const [row] = await db
    .select(slotColumns)
    .from(slots)
    .where(and(eq(slots.heldByUserId, userId), eq(slots.status, "held"), gt(slots.holdExpiresAt, now)));
  return row?.holdExpiresAt ? toHold(row, row.holdExpiresAt, now) : null;
}

/** Lets the patient's hold go (the slot is free for others at once). */
export async function releaseHold(services: Pick<AppServices, "db" | "slotIndex">, userId: string) {
  const changes = await services.db.transaction(async (tx) => {
    const released = await releaseHoldsOf(tx, userId);
    await publishSlotChanges(tx, released);
    return released;
  });
  services.slotIndex.apply(changes);
  return changes.length;
}

/** Frees every hold that lapsed by `now` (a job runs it often); returns how many. */
export async function lapseHolds(services: Pick<AppServices, "db" | "slotIndex">, now = new Date()) {
  const changes = await services.db.transaction(async (tx) => {
    const lapsed = await tx
      .update(slots)
      .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
      .where(and(eq(slots.status, "held"), lte(slots.holdExpiresAt, now)))
      .returning(slotColumns);
    const freed = lapsed.map((row) => slotChange(row, "free"));
    await publishSlotChanges(tx, freed);
    return freed;
  });
  services.slotIndex.apply(changes);
  return changes.length;
}
