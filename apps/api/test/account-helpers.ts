import { outboxMessages } from "@priyom/db";
import { desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { TestBrowser, type TestContext } from "./test-services.ts";

let counter = 0;

/** A new person's sign-up data; phone and e-mail unique within the test file. */
export function newPerson(overrides: Partial<Record<string, string>> = {}) {
  counter += 1;
  const n = String(counter).padStart(4, "0");
  return {
    phone: `+7 (999) 100-${n.slice(0, 2)}-${n.slice(2)}`,
    normalizedPhone: `+7999100${n}`,
    email: `person${n}@example.ru`,
    password: "Priyom-test-1",
    lastName: "Петров",
    firstName: "Пётр",
    middleName: "Петрович",
    birthDate: "1990-05-17",
    ...overrides,
  };
}

/** The 6-digit code of the newest message sent to `recipient` (the development mailbox). */
export async function latestCode(ctx: TestContext, recipient: string): Promise<string> {
  const [message] = await ctx.handle.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.recipient, recipient))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  const code = /\b(\d{6})\b/.exec(message?.body ?? "")?.[1];
  if (!code) throw new Error(`no code sent to ${recipient}`);
  return code;
}

/** Signs a new person up and confirms both codes from the browser they signed up in. */
export async function registeredPerson(
  ctx: TestContext,
  browser = new TestBrowser(ctx),
  overrides: Partial<Record<string, string>> = {},
) {
  const person = newPerson(overrides);
  const { normalizedPhone, ...request } = person;
  const signUp = await browser.request("POST", "/api/v1/account/sign-up", request);
  expect(signUp.status).toBe(202);
  const phoneCode = await latestCode(ctx, normalizedPhone);
  const emailCode = await latestCode(ctx, person.email);
  expect(
    (
      await browser.request("POST", "/api/v1/account/sign-up/confirm", {
        channel: "sms",
        phone: person.phone,
        code: phoneCode,
      })
    ).status,
  ).toBe(200);
  const confirmed = await browser.json<{ accountActive: boolean }>(
    "POST",
    "/api/v1/account/sign-up/confirm",
    {
      channel: "email",
      email: person.email,
      code: emailCode,
    },
  );
  expect(confirmed.body.accountActive).toBe(true);
  return { person, browser };
}

/** Signs in from `browser`, answering the new-device code when asked. */
export async function signIn(
  ctx: TestContext,
  browser: TestBrowser,
  login: string,
  password: string,
  phone: string,
) {
  let res = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in", { login, password });
  if (res.body.status === "device_code_required") {
    const deviceCode = await latestCode(ctx, phone);
    res = await browser.json("POST", "/api/v1/account/sign-in", { login, password, deviceCode });
  }
  return res;
}
