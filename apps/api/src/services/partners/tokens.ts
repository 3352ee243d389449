import { createHash, randomBytes } from "node:crypto";
import type { TWidgetToken } from "@priyom/contracts";
import { partners, user, widgetTokens, type Database } from "@priyom/db";
import { and, eq, gt, isNull } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { LivePartner } from "./registry.ts";

/** `pwt_` + 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^pwt_[A-Za-z0-9_-]{43}$/;

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Whether an `Authorization` header carries a widget token (rather than a clinic key). */
export function widgetTokenOf(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(pwt_\S*)$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/**
 * Issues a token for `userId` on `partner`'s widgets, valid `minutes` from `now`. Only its SHA-256
 * is kept (the token is 256 random bits, so a fast hash is enough); the journal names the partner,
 * never the token.
 */
export async function issueWidgetToken(
  db: Database,
  input: { userId: string; partner: LivePartner; minutes: number; now: Date; requestId?: string | null },
): Promise<TWidgetToken> {
  const token = `pwt_${randomBytes(32).toString("base64url")}`;
  const id = `wtk_${randomBytes(12).toString("base64url")}`;
  const expiresAt = new Date(input.now.getTime() + input.minutes * 60_000);
  await db.transaction(async (tx) => {
    await tx.insert(widgetTokens).values({
      id,
      tokenHash: sha256Hex(token),
      userId: input.userId,
      partnerId: input.partner.id,
      // The lifetime check compares with creation: both from the same clock.
      createdAt: input.now,
      expiresAt,
    });
    await recordAudit(tx, {
      action: "widget.token_issued",
      result: "success",
      actorUserId: input.userId,
      details: { partnerId: input.partner.id, tokenId: id },
      requestId: input.requestId ?? null,
    });
  });
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    partner: { name: input.partner.name, origin: input.partner.origin },
  };
}

/** What a live widget token stands for. */
export interface WidgetTokenGrant {
  tokenId: string;
  userId: string;
  role: string | null;
  partnerId: string;
  origin: string;
}

/**
 * The grant of a presented token, or `null` when it is malformed, unknown, expired at `now`,
 * revoked, its partner withdrawn or its user banned. One indexed query (by the hash).
 */
export async function verifyWidgetToken(
  db: Database,
  token: string,
  now: Date,
): Promise<WidgetTokenGrant | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [row] = await db
    .select({
      tokenId: widgetTokens.id,
      userId: widgetTokens.userId,
      role: user.role,
      banned: user.banned,
      partnerId: partners.id,
      origin: partners.origin,
    })
    .from(widgetTokens)
    .innerJoin(partners, eq(partners.id, widgetTokens.partnerId))
    .innerJoin(user, eq(user.id, widgetTokens.userId))
    .where(
      and(
        eq(widgetTokens.tokenHash, sha256Hex(token)),
        isNull(widgetTokens.revokedAt),
        isNull(partners.revokedAt),
        gt(widgetTokens.expiresAt, now),
      ),
    );
  if (!row || row.banned) return null;
  return {
    tokenId: row.tokenId,
    userId: row.userId,
    role: row.role,
    partnerId: row.partnerId,
    origin: row.origin,
  };
}
