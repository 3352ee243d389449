import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { verificationCodes, type Database } from "@priyom/db";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { enqueueMessage } from "../messages/outbox.ts";

export type CodePurpose = "confirm_phone" | "confirm_email" | "new_device" | "recovery";

export const CODE_TTL_SECONDS = 5 * 60;
export const CODE_ATTEMPTS = 3;

const TEXTS: Record<CodePurpose, { subject: string; sentence: string }> = {
  confirm_phone: { subject: "Подтверждение телефона", sentence: "код подтверждения телефона" },
  confirm_email: {
    subject: "Подтверждение электронной почты",
    sentence: "код подтверждения электронной почты",
  },
  new_device: { subject: "Вход с нового устройства", sentence: "код для входа с нового устройства" },
  recovery: { subject: "Восстановление пароля", sentence: "код для восстановления пароля" },
};

function hashCode(secret: string, userId: string, purpose: CodePurpose, code: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${userId}:${code}`).digest("hex");
}

/**
 * Issues a new 6-digit code for `purpose` (earlier unused ones of the same purpose stop working)
 * and queues the message that carries it, in the caller's transaction. Only a keyed hash is stored.
 */
export async function issueCode(
  tx: Database,
  secret: string,
  input: { userId: string; purpose: CodePurpose; channel: "sms" | "email"; recipient: string },
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await tx
    .update(verificationCodes)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(verificationCodes.userId, input.userId),
        eq(verificationCodes.purpose, input.purpose),
        isNull(verificationCodes.consumedAt),
      ),
    );
  await tx.insert(verificationCodes).values({
    id: `vc_${randomUUID().replaceAll("-", "")}`,
    userId: input.userId,
    purpose: input.purpose,
    channel: input.channel,
    codeHash: hashCode(secret, input.userId, input.purpose, code),
    attemptsLeft: CODE_ATTEMPTS,
    expiresAt: sql`now() + make_interval(secs => ${CODE_TTL_SECONDS})`,
  });
  const text = TEXTS[input.purpose];
  await enqueueMessage(tx, {
    channel: input.channel,
    recipient: input.recipient,
    subject: `Приём: ${text.subject}`,
    body: `Приём: ${text.sentence} ${code}. Действует 5 минут. Никому не сообщайте этот код.`,
    sensitive: true,
  });
}

/**
 * Checks a code against the newest live one of `purpose`. A wrong code uses up one of its three
 * attempts; a right one is consumed. Returns whether it matched.
 */
export async function consumeCode(
  db: Database,
  secret: string,
  input: { userId: string; purpose: CodePurpose; code: string },
): Promise<boolean> {
  const normalized = input.code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(normalized)) return false;
  return db.transaction(async (tx) => {
    const [live] = await tx
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.userId, input.userId),
          eq(verificationCodes.purpose, input.purpose),
          isNull(verificationCodes.consumedAt),
          gt(verificationCodes.expiresAt, sql`now()`),
          gt(verificationCodes.attemptsLeft, 0),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1)
      .for("update");
    if (!live) return false;
    const expected = Buffer.from(live.codeHash, "hex");
    const given = Buffer.from(hashCode(secret, input.userId, input.purpose, normalized), "hex");
    if (timingSafeEqual(expected, given)) {
      await tx
        .update(verificationCodes)
        .set({ consumedAt: sql`now()` })
        .where(eq(verificationCodes.id, live.id));
      return true;
    }
    await tx
      .update(verificationCodes)
      .set({ attemptsLeft: sql`${verificationCodes.attemptsLeft} - 1` })
      .where(eq(verificationCodes.id, live.id));
    return false;
  });
}
