import { randomBytes } from "node:crypto";
import type { TPriorityRequest, TPriorityRequestCreate } from "@priyom/contracts";
import { priorityRequests } from "@priyom/db";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { AppServices } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { uniqueViolation } from "../profile/field-errors.ts";
import type { Caller } from "../waitlist/entries.ts";
import { ownReferral } from "../waitlist/own-referral.ts";
import { PRIORITY_MESSAGES } from "./messages.ts";
import { findOwnRequest } from "./view.ts";

type PriorityDeps = Pick<AppServices, "db" | "clock">;

/**
 * Files a priority request (DOMAIN.md "When nothing is free", step 3): the referral is the account's
 * or its child's and bookable now; the reason says why in 10–1000 characters; one pending request per
 * referral (the database's partial unique index decides: 409). Journal: `priority.create` (ids and the
 * urgency, never the patient's words).
 */
export async function createPriorityRequest(
  services: PriorityDeps,
  caller: Caller,
  body: TPriorityRequestCreate,
): Promise<TPriorityRequest> {
  const { db } = services;
  const errors = new FieldErrors(caller.locale);
  const referral = await ownReferral(
    db,
    caller.userId,
    body.referralId,
    services.clock(),
    caller.locale,
    errors,
  );
  const reason = body.reason.trim();
  if ([...reason].length < 10 || [...reason].length > 1000) {
    errors.addLocal("reason", PRIORITY_MESSAGES.reason_length);
  }
  errors.throwIfAny();
  const id = `prq_${randomBytes(10).toString("hex")}`;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(priorityRequests).values({
        id,
        userId: caller.userId,
        referralId: referral.id,
        reason,
        urgency: body.urgency,
      });
      await recordAudit(tx, {
        action: "priority.create",
        result: "success",
        actorUserId: caller.userId,
        details: { priorityRequestId: id, referralId: referral.id, urgency: body.urgency },
        requestId: caller.requestId,
      });
    });
  } catch (error) {
    if (uniqueViolation(error) !== "priority_requests_referral_pending_key") throw error;
    throw new AppError("priority_request_pending", {
      logMessage: "a pending request of this referral exists",
    });
  }
  const created = await findOwnRequest(db, id);
  if (!created) throw new Error("unreachable: the request was just written");
  return created;
}

/** Withdraws the account's pending request (404 for anyone else's; 409 once decided). Journal: `priority.withdraw`. */
export async function withdrawPriorityRequest(
  services: PriorityDeps,
  caller: Caller,
  id: string,
): Promise<TPriorityRequest> {
  const { db } = services;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: priorityRequests.status, referralId: priorityRequests.referralId })
      .from(priorityRequests)
      .where(and(eq(priorityRequests.id, id), eq(priorityRequests.userId, caller.userId)))
      .for("update");
    if (!row) throw new AppError("not_found", { logMessage: "no such priority request of the account" });
    if (row.status !== "pending") throw new AppError("priority_request_decided");
    await tx
      .update(priorityRequests)
      .set({ status: "withdrawn", decidedAt: services.clock(), updatedAt: sql`now()` })
      .where(eq(priorityRequests.id, id));
    await recordAudit(tx, {
      action: "priority.withdraw",
      result: "success",
      actorUserId: caller.userId,
      details: { priorityRequestId: id, referralId: row.referralId },
      requestId: caller.requestId,
    });
  });
  const withdrawn = await findOwnRequest(db, id);
  if (!withdrawn) throw new AppError("not_found");
  return withdrawn;
}
