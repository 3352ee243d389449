import { ZErrorBody, ZSignInResponse } from "@priyom/contracts";
import { auditEvents, outboxMessages, verificationCodes } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode, newPerson, registeredPerson, signIn } from "./account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ lockout: { maxFailures: 5, lockMinutes: 15 } });
});
afterAll(async () => {
  await ctx.close();
});

/** An answer without its request id, to compare two answers for sameness. */
async function comparable(res: Response) {
  const body = (await res.json()) as { error?: { requestId?: string } };
  if (body.error) delete body.error.requestId;
  return { status: res.status, body };
}

describe("sign-up", () => {
  it("names every wrong field at once, in Russian", async () => {
    const browser = new TestBrowser(ctx);
    const res = await browser.request("POST", "/api/v1/account/sign-up", {
      phone: "+7 495 123-45-67",
      email: "ivanov@example",
      password: "short",
      lastName: "Ивaнов",
      firstName: "",
      birthDate: "31.02.1990",
    });
    expect(res.status).toBe(400);
    const body = ZErrorBody.parse(await res.json());
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual([
      "birthDate",
      "email",
      "firstName",
      "lastName",
      "password",
      "phone",
    ]);
    expect(body.error.fields?.phone).toContain("мобильного");
    expect(body.error.fields?.lastName).toContain("одного алфавита");
  });

  it("refuses a person under 14, who is added by a parent instead", async () => {
    const browser = new TestBrowser(ctx);
    const { normalizedPhone: _, ...request } = newPerson({ birthDate: "2016-09-01" });
    const res = await browser.json<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/v1/account/sign-up",
      request,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields.birthDate).toContain("с 14 лет");
  });

  it("confirms the phone by SMS code and the e-mail by e-mail code; codes are stored hashed", async () => {
    const { person } = await registeredPerson(ctx);
    const rows = await ctx.handle.db.select().from(verificationCodes);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const phoneCode = /\d{6}/.exec(
      (
        await ctx.handle.db
          .select()
          .from(outboxMessages)
          .where(eq(outboxMessages.recipient, person.normalizedPhone))
      )[0]?.body ?? "",
    )?.[0];
    expect(phoneCode).toMatch(/^\d{6}$/);
    for (const row of rows) expect(row.codeHash).not.toContain(phoneCode ?? "x");
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.codeHash))).toBe(true);
  });

  it("a wrong code uses one of three attempts; the fourth try fails even with the right code", async () => {
    const browser = new TestBrowser(ctx);
    const { normalizedPhone, ...request } = newPerson();
    await browser.request("POST", "/api/v1/account/sign-up", request);
    const right = await latestCode(ctx, normalizedPhone);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 3; i++) {
      const res = await browser.request("POST", "/api/v1/account/sign-up/confirm", {
        channel: "sms",
        phone: request.phone,
        code: wrong,
      });
      expect(res.status).toBe(400);
    }
    const late = await browser.request("POST", "/api/v1/account/sign-up/confirm", {
      channel: "sms",
      phone: request.phone,
      code: right,
    });
    expect(late.status).toBe(400);
    // A new code works again.
    await browser.request("POST", "/api/v1/account/sign-up/resend", { channel: "sms", phone: request.phone });
    const fresh = await latestCode(ctx, normalizedPhone);
    expect(
      (
        await browser.request("POST", "/api/v1/account/sign-up/confirm", {
          channel: "sms",
          phone: request.phone,
          code: fresh,
        })
      ).status,
    ).toBe(200);
  });

  it("an expired code is refused", async () => {
    const browser = new TestBrowser(ctx);
    const { normalizedPhone, ...request } = newPerson();
    await browser.request("POST", "/api/v1/account/sign-up", request);
    const code = await latestCode(ctx, normalizedPhone);
    await ctx.handle.db.execute(sql`update verification_codes set expires_at = now() - interval '1 second'`);
    expect(
      (
        await browser.request("POST", "/api/v1/account/sign-up/confirm", {
          channel: "sms",
          phone: request.phone,
          code,
        })
      ).status,
    ).toBe(400);
  });

  it("answers a taken phone or e-mail exactly like a new one, and tells the owner instead", async () => {
    const { person } = await registeredPerson(ctx);
    const before = await ctx.handle.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, person.normalizedPhone));
    const { normalizedPhone: _, ...fresh } = newPerson();
    const newcomer = await comparable(
      await new TestBrowser(ctx).request("POST", "/api/v1/account/sign-up", fresh),
    );
    const taken = await comparable(
      await new TestBrowser(ctx).request("POST", "/api/v1/account/sign-up", {
        ...fresh,
        phone: person.phone,
        email: `x${fresh.email}`,
      }),
    );
    expect(taken).toEqual(newcomer);
    const after = await ctx.handle.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, person.normalizedPhone));
    expect(after.length).toBe(before.length + 1);
    expect(after.some((m) => m.body.includes("пытается зарегистрироваться"))).toBe(true);
  });
});

describe("sign-in", () => {
  it("works by phone and by e-mail from the device that confirmed the phone, without a device code", async () => {
    const { person, browser } = await registeredPerson(ctx);
    const byPhone = await browser.json("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect(ZSignInResponse.parse(byPhone.body).status).toBe("signed_in");
    const me = await browser.json<{ user: { displayName: string; phoneMasked: string } }>(
      "GET",
      "/api/v1/account/me",
    );
    expect(me.status).toBe(200);
    expect(me.body.user.displayName).toBe("Петров Пётр Петрович");
    expect(me.body.user.phoneMasked).toMatch(/^\+7 999 \*\*\*-\*\*-\d{2}$/);
    const byEmail = await browser.json("POST", "/api/v1/account/sign-in", {
      login: person.email.toUpperCase(),
      password: person.password,
    });
    expect(ZSignInResponse.parse(byEmail.body).status).toBe("signed_in");
  });

  it("asks a new device for an SMS code once, then remembers it", async () => {
    const { person } = await registeredPerson(ctx);
    const laptop = new TestBrowser(ctx, "198.51.100.7");
    const first = await laptop.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
    });
    expect(first.body.status).toBe("device_code_required");
    expect((await laptop.request("GET", "/api/v1/account/me")).status).toBe(401);
    const wrong = await laptop.request("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
      deviceCode: "000000",
    });
    expect(wrong.status).toBe(400);
    // A new code for the retry (the wrong one above may have been the real one by chance).
    await laptop.request("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
    });
    const code = await latestCode(ctx, person.normalizedPhone);
    const second = await laptop.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
      deviceCode: code,
    });
    expect(second.body.status).toBe("signed_in");
    await laptop.request("POST", "/api/v1/account/sign-out");
    const again = await laptop.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
    });
    expect(again.body.status).toBe("signed_in");
  });

  it("answers an unknown login exactly like a wrong password", async () => {
    const { person, browser } = await registeredPerson(ctx);
    const known = await comparable(
      await browser.request("POST", "/api/v1/account/sign-in", {
        login: person.email,
        password: "Wrong-password-1",
      }),
    );
    const unknown = await comparable(
      await browser.request("POST", "/api/v1/account/sign-in", {
        login: "nobody-here@example.ru",
        password: "Wrong-password-1",
      }),
    );
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
  });

  it("locks after five wrong passwords in a row, journals it, and unlocks when the time is over", async () => {
    const { person, browser } = await registeredPerson(ctx);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await browser.request("POST", "/api/v1/account/sign-in", {
            login: person.phone,
            password: `Wrong-${i}-aA!`,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect(right.status).toBe(423);
    expect(ZErrorBody.parse(await right.json()).error.message).toContain("восстановите пароль");
    const journal = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "account.locked"));
    expect(journal.some((e) => e.details.reason === "too_many_wrong_passwords")).toBe(true);

    await ctx.handle.db.execute(sql`update sign_in_failures set locked_until = now() - interval '1 second'`);
    const after = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect(after.body.status).toBe("signed_in");
  });

  it("locks an unknown login the same way, so a lock reveals nothing", async () => {
    const browser = new TestBrowser(ctx, "192.0.2.55");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await browser.request("POST", "/api/v1/account/sign-in", {
            login: "+7 999 555-44-33",
            password: `Wrong-${i}-aA!`,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it("lets a locked account recover its password by SMS code; the new password signs in", async () => {
    const { person, browser } = await registeredPerson(ctx);
    for (let i = 0; i < 5; i++)
      await browser.request("POST", "/api/v1/account/sign-in", {
        login: person.phone,
        password: `Wrong-${i}-aA!`,
      });
    expect(
      (
        await browser.request("POST", "/api/v1/account/recovery/start", {
          login: person.phone,
          channel: "sms",
        })
      ).status,
    ).toBe(202);
    const code = await latestCode(ctx, person.normalizedPhone);
    const weak = await browser.json<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/v1/account/recovery/finish",
      {
        login: person.phone,
        code,
        newPassword: "weak",
      },
    );
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body.error.fields)).toEqual(["newPassword"]);
    const done = await browser.request("POST", "/api/v1/account/recovery/finish", {
      login: person.phone,
      code,
      newPassword: "Priyom-new-2",
    });
    expect(done.status).toBe(200);
    const signedIn = await signIn(ctx, browser, person.phone, "Priyom-new-2", person.normalizedPhone);
    expect(signedIn.body.status).toBe("signed_in");
  });

  it("answers recovery for an unknown login exactly like for a known one", async () => {
    const { person, browser } = await registeredPerson(ctx);
    const known = await comparable(
      await browser.request("POST", "/api/v1/account/recovery/start", {
        login: person.email,
        channel: "email",
      }),
    );
    const unknown = await comparable(
      await browser.request("POST", "/api/v1/account/recovery/start", {
        login: "ghost@example.ru",
        channel: "email",
      }),
    );
    expect(unknown).toEqual(known);
  });
});

describe("rate limits by the real client IP", () => {
  it("gives each IP its own bucket and ignores a spoofed X-Forwarded-For", async () => {
    const limited = await createTestContext();
    try {
      const attacker = new TestBrowser(limited, "192.0.2.1");
      const neighbour = new TestBrowser(limited, "192.0.2.2");
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push(
          (
            await attacker.request("POST", "/api/v1/account/sign-in", {
              login: `a${i}@example.ru`,
              password: "x",
            })
          ).status,
        );
      }
      expect(statuses.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 401));
      expect(statuses[20]).toBe(429);
      const spoofed = await attacker.request(
        "POST",
        "/api/v1/account/sign-in",
        { login: "b@example.ru", password: "x" },
        { "X-Forwarded-For": "10.9.8.7", "X-Real-IP": "10.9.8.7" },
      );
      expect(spoofed.status).toBe(429);
      expect(spoofed.headers.get("Retry-After")).toMatch(/^\d+$/);
      expect(
        (await neighbour.request("POST", "/api/v1/account/sign-in", { login: "c@example.ru", password: "x" }))
          .status,
      ).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it("believes X-Forwarded-For only from a configured trusted proxy", async () => {
    const proxied = await createTestContext({ trustedProxies: ["127.0.0.1"] });
    try {
      const viaProxyA = new TestBrowser(proxied, "127.0.0.1");
      for (let i = 0; i < 20; i++) {
        await viaProxyA.request(
          "POST",
          "/api/v1/account/sign-in",
          { login: `a${i}@example.ru`, password: "x" },
          { "X-Forwarded-For": "198.51.100.1" },
        );
      }
      const a = await viaProxyA.request(
        "POST",
        "/api/v1/account/sign-in",
        { login: "z@example.ru", password: "x" },
        { "X-Forwarded-For": "198.51.100.1" },
      );
      expect(a.status).toBe(429);
      const b = await viaProxyA.request(
        "POST",
        "/api/v1/account/sign-in",
        { login: "z@example.ru", password: "x" },
        { "X-Forwarded-For": "198.51.100.2" },
      );
      expect(b.status).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});

describe("two-factor", () => {
  it("turns on with a TOTP app, then asks for its code at sign-in; a backup code works once", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const enable = await browser.json<{ totpUri: string; backupCodes: string[] }>(
      "POST",
      "/api/v1/account/two-factor/enable",
      {
        password: person.password,
      },
    );
    expect(enable.status).toBe(200);
    expect(enable.body.totpUri).toMatch(/^otpauth:\/\/totp\//);
    const secret = new URL(enable.body.totpUri).searchParams.get("secret") ?? "";
    const totp = new TOTP({ secret, digits: 6, period: 30 });
    expect(
      (await browser.request("POST", "/api/v1/account/two-factor/confirm", { code: totp.generate() })).status,
    ).toBe(200);
    expect(
      (await browser.json<{ user: { twoFactorEnabled: boolean } }>("GET", "/api/v1/account/me")).body.user
        .twoFactorEnabled,
    ).toBe(true);

    await browser.request("POST", "/api/v1/account/sign-out");
    const step1 = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect(step1.body.status).toBe("two_factor_required");
    expect((await browser.request("GET", "/api/v1/account/me")).status).toBe(401);
    const bad = await browser.request("POST", "/api/v1/account/sign-in/two-factor", { code: "000000" });
    expect(bad.status).toBe(400);
    const step2 = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in/two-factor", {
      code: totp.generate(),
    });
    expect(step2.body.status).toBe("signed_in");

    await browser.request("POST", "/api/v1/account/sign-out");
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const backup = enable.body.backupCodes[0] ?? "";
    const viaBackup = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in/two-factor", {
      code: backup,
      backup: true,
    });
    expect(viaBackup.body.status).toBe("signed_in");
  });
});

describe("sessions", () => {
  it("lists sessions; «sign out everywhere else» ends the others", async () => {
    const { person, browser: phone } = await registeredPerson(ctx);
    await phone.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const laptop = new TestBrowser(ctx, "198.51.100.20");
    await signIn(ctx, laptop, person.phone, person.password, person.normalizedPhone);
    const list = await phone.json<{ items: { current: boolean; ipMasked: string }[] }>(
      "GET",
      "/api/v1/account/sessions",
    );
    expect(list.body.items.length).toBe(2);
    expect(list.body.items.filter((s) => s.current).length).toBe(1);
    expect(list.body.items.map((s) => s.ipMasked).sort()).toEqual(["198.51.100.*", "203.0.113.*"]);
    expect((await phone.request("POST", "/api/v1/account/sessions/revoke-others")).status).toBe(200);
    expect((await laptop.request("GET", "/api/v1/account/me")).status).toBe(401);
    expect((await phone.request("GET", "/api/v1/account/me")).status).toBe(200);
  });

  it("a password change ends the other sessions and keeps this one", async () => {
    const { person, browser: phone } = await registeredPerson(ctx);
    await phone.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const laptop = new TestBrowser(ctx, "198.51.100.21");
    await signIn(ctx, laptop, person.phone, person.password, person.normalizedPhone);
    const wrong = await phone.json<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/v1/account/password",
      {
        currentPassword: "Not-the-password-1",
        newPassword: "Priyom-changed-3",
      },
    );
    expect(Object.keys(wrong.body.error.fields)).toEqual(["currentPassword"]);
    expect(
      (
        await phone.request("POST", "/api/v1/account/password", {
          currentPassword: person.password,
          newPassword: "Priyom-changed-3",
        })
      ).status,
    ).toBe(200);
    expect((await laptop.request("GET", "/api/v1/account/me")).status).toBe(401);
    expect((await phone.request("GET", "/api/v1/account/me")).status).toBe(200);
  });

  it("sign-out ends the session", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const stolenCookie = new Map(browser.cookies);
    expect((await browser.request("POST", "/api/v1/account/sign-out")).status).toBe(200);
    const replay = new TestBrowser(ctx);
    for (const [k, v] of stolenCookie) replay.cookies.set(k, v);
    expect((await replay.request("GET", "/api/v1/account/me")).status).toBe(401);
  });
});
