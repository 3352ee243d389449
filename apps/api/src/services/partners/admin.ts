import { randomBytes } from "node:crypto";
import type { TPartner, TPartnerCreate } from "@priyom/contracts";
import { partners, widgetTokens, type Database } from "@priyom/db";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { constraintViolation } from "../constraint-violation.ts";
import { normalizeOrigin, ORIGIN_FIELD_MESSAGE } from "./origin.ts";

/** Who changes the partner list, for the journal. */
export interface PartnerActor {
  userId: string;
  requestId?: string | null;
}

function toPartner(row: typeof partners.$inferSelect): TPartner {
  return {
    id: row.id,
    name: row.name,
    origin: row.origin,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function duplicateOrigin(locale: Locale): AppError {
  const message =
    locale === "en"
      ? "A partner with this site address is already registered"
      : "Сайт с таким адресом уже подключён";
  return new AppError("conflict", { message, fields: { origin: message } });
}

/** Live partners first (newest first), then withdrawn ones. */
export async function listPartners(db: Database): Promise<TPartner[]> {
  const rows = await db
    .select()
    .from(partners)
    .orderBy(sql`${partners.revokedAt} is not null`, desc(partners.createdAt), asc(partners.id));
  return rows.map(toPartner);
}

/**
 * Registers a partner site. A malformed name or origin is a field error; an origin some live
 * partner already has is 409 — checked first for a clear answer, and enforced by the database's
 * partial unique index when two administrators race.
 */
export async function createPartner(
  db: Database,
  input: TPartnerCreate,
  actor: PartnerActor,
  locale: Locale,
): Promise<TPartner> {
  const errors = new FieldErrors(locale);
  const name = input.name.trim();
  if (name === "") errors.addLocal("name", { ru: "Укажите название сайта", en: "Give the site's name" });
  const origin = normalizeOrigin(input.origin);
  if (!origin) errors.addLocal("origin", ORIGIN_FIELD_MESSAGE);
  errors.throwIfAny();
  if (!origin) throw new Error("unreachable: origin checked above");

  const [taken] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.origin, origin), isNull(partners.revokedAt)));
  if (taken) throw duplicateOrigin(locale);

  const id = `ptn_${randomBytes(12).toString("base64url")}`;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(partners)
        .values({ id, name, origin, createdBy: actor.userId })
        .returning();
      if (!row) throw new Error("partner insert returned nothing");
      await recordAudit(tx, {
        action: "partner.created",
        result: "success",
        actorUserId: actor.userId,
        details: { partnerId: id, origin },
        requestId: actor.requestId ?? null,
      });
      return toPartner(row);
    });
  } catch (error) {
    if (constraintViolation(error)?.constraint === "partners_live_origin_key") throw duplicateOrigin(locale);
    throw error;
  }
}

/**
 * Withdraws a partner and every token its widgets hold, in one transaction: the next request from
 * its origin is refused. Unknown id → 404; withdrawing twice changes nothing.
 */
export async function revokePartner(db: Database, id: string, actor: PartnerActor): Promise<TPartner> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(partners).where(eq(partners.id, id));
    if (!existing) throw new AppError("not_found", { logMessage: "revoke of an unknown partner" });
    if (existing.revokedAt) return toPartner(existing);
    const [revoked] = await tx
      .update(partners)
      .set({ revokedAt: sql`now()` })
      .where(eq(partners.id, id))
      .returning();
    const ended = await tx
      .update(widgetTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(widgetTokens.partnerId, id), isNull(widgetTokens.revokedAt)))
      .returning({ id: widgetTokens.id });
    await recordAudit(tx, {
      action: "partner.revoked",
      result: "success",
      actorUserId: actor.userId,
      details: { partnerId: id, origin: existing.origin, tokensEnded: ended.length },
      requestId: actor.requestId ?? null,
    });
    return toPartner(revoked ?? existing);
  });
}
