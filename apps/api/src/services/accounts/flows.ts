import type { TSignUpRequest } from "@priyom/contracts";
import { user } from "@priyom/db";
import { checkEmail, checkMobilePhone, checkPassword } from "@priyom/domain";
import { eq, or, sql } from "drizzle-orm";
import { issueCode } from "../../auth/codes.ts";
import { recordAudit } from "../../audit.ts";
import type { AppServices } from "../../context.ts";
import { enqueueMessage } from "../../messages/outbox.ts";
import { FieldErrors } from "../../validation.ts";
import { checkAccountHolderBirthDate, checkName, checkOptionalName } from "../profile/checks.ts";
import { createPatientProfile } from "../profile/index.ts";
import type { Locale } from "../../errors.ts";

export interface ValidSignUp {
  phone: string;
  email: string;
  password: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
}

/** Checks every sign-up field with the domain rules; throws `validation_failed` naming them all. */
export function validateSignUp(input: TSignUpRequest, locale: Locale, today: string): ValidSignUp {
  const errors = new FieldErrors(locale);
  const phone = errors.check("phone", checkMobilePhone(input.phone));
  const email = errors.check("email", checkEmail(input.email));
  const password = errors.check("password", checkPassword(input.password));
  const lastName = checkName(errors, "lastName", input.lastName);
  const firstName = checkName(errors, "firstName", input.firstName);
  const middleName = checkOptionalName(errors, "middleName", input.middleName);
  const birthDate = checkAccountHolderBirthDate(errors, "birthDate", input.birthDate, today);
  errors.throwIfAny();
  // Every value is defined once no error was filed.
  return {
    phone: phone ?? "",
    email: (email ?? "").toLowerCase(),
    password: password ?? "",
    lastName: lastName ?? "",
    firstName: firstName ?? "",
    middleName: middleName ?? null,
    birthDate: birthDate ?? "",
  };
}

export function fullName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter((x) => x).join(" ");
}

/**
 * Creates the account (unconfirmed) and sends both codes — or, when the phone or e-mail already
 * belongs to someone, tells that someone instead. Either way the caller answers the same 202, and
 * both paths hash a password, so neither the answer nor its timing says which happened.
 */
export async function signUp(services: AppServices, input: ValidSignUp, requestId: string): Promise<void> {
  const { db, auth, codeSecret } = services;
  const ctx = await auth.$context;
  const existing = await db
    .select({ id: user.id, phone: user.phoneNumber, email: user.email })
    .from(user)
    .where(or(eq(user.phoneNumber, input.phone), eq(sql`lower(${user.email})`, input.email)));
  if (existing.length > 0) {
    await ctx.password.hash(input.password);
    await db.transaction(async (tx) => {
      for (const owner of existing) {
        if (owner.phone === input.phone) {
          await enqueueMessage(tx, {
            channel: "sms",
            recipient: input.phone,
            body: "Приём: кто-то пытается зарегистрироваться с вашим номером. Если это вы — войдите или восстановите пароль.",
          });
        }
        if (owner.email.toLowerCase() === input.email) {
          await enqueueMessage(tx, {
            channel: "email",
            recipient: owner.email,
            subject: "Приём: попытка регистрации",
            body: "Кто-то пытается зарегистрироваться в «Приёме» с вашим адресом. Если это вы — войдите или восстановите пароль. Если нет — ничего делать не нужно.",
          });
        }
      }
      await recordAudit(tx, {
        action: "account.sign_up",
        result: "failure",
        details: { reason: "contact_taken" },
        requestId,
      });
    });
    return;
  }

  const created = await auth.api.signUpEmail({
    body: { email: input.email, password: input.password, name: fullName(input) },
  });
  const userId = created.user.id;
  try {
    await db.transaction(async (tx) => {
      // The phone is ours to set (the library's phone routes are off); the unique index decides races.
      await tx
        .update(user)
        .set({ phoneNumber: input.phone, phoneNumberVerified: false, role: "patient" })
        .where(eq(user.id, userId));
      await createPatientProfile(tx, userId, input);
      await issueCode(tx, codeSecret, {
        userId,
        purpose: "confirm_phone",
        channel: "sms",
        recipient: input.phone,
      });
      await issueCode(tx, codeSecret, {
        userId,
        purpose: "confirm_email",
        channel: "email",
        recipient: input.email,
      });
      await recordAudit(tx, {
        action: "account.sign_up",
        result: "success",
        subjectUserId: userId,
        requestId,
      });
    });
  } catch (error) {
    // A parallel sign-up took the phone first, or the database failed: leave no half account.
    await ctx.internalAdapter.deleteUser(userId);
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "23505") throw error;
  }
}
