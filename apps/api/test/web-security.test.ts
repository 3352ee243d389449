import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredPerson } from "./account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe("web security", () => {
  it("sends the security headers on API answers, and no-store unless a route says otherwise", async () => {
    for (const path of ["/api/v1/account/me", "/api/v1/specialties", "/api/v1/no-such-route", "/healthz"]) {
      const res = await ctx.app.request(path);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Strict-Transport-Security"), path).toContain("max-age=31536000");
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
      expect(res.headers.get("X-Powered-By"), path).toBeNull();
    }
    const me = await ctx.app.request("/api/v1/account/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("Cache-Control")).toBe("no-store");
    expect(me.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("answers 415 to a JSON route given another content type", async () => {
    const res = await ctx.app.request("/api/v1/account/sign-in", {
      method: "POST",
      headers: { Origin: "http://localhost:3000", "Content-Type": "text/plain" },
      body: JSON.stringify({ login: "a@example.ru", password: "x" }),
    });
    expect(res.status).toBe(415);
    const form = await ctx.app.request("/api/v1/account/sign-in", {
      method: "POST",
      headers: { Origin: "http://localhost:3000", "Content-Type": "application/x-www-form-urlencoded" },
      body: "login=a&password=b",
    });
    expect(form.status).toBe(415);
  });

  it("answers 403 to a state-changing request from a foreign or missing Origin", async () => {
    const body = JSON.stringify({ login: "a@example.ru", password: "x" });
    const headers = { "Content-Type": "application/json" };
    const foreign = await ctx.app.request("/api/v1/account/sign-in", {
      method: "POST",
      headers: { ...headers, Origin: "https://evil.example" },
      body,
    });
    expect(foreign.status).toBe(403);
    const missing = await ctx.app.request("/api/v1/account/sign-in", { method: "POST", headers, body });
    expect(missing.status).toBe(403);
  });

  it("keeps the auth library's own Origin check on under NODE_ENV=test", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await ctx.app.request("/api/auth/sign-out", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect((await browser.request("GET", "/api/v1/account/me")).status).toBe(200);
  });

  it("closes the library's own sign-in and sign-up routes, which would bypass lockout and codes", async () => {
    for (const path of [
      "/api/auth/sign-in/email",
      "/api/auth/sign-up/email",
      "/api/auth/change-password",
      "/api/auth/phone-number/send-otp",
    ]) {
      const res = await new TestBrowser(ctx).request("POST", path, {
        email: "a@example.ru",
        password: "Aa1!aaaa",
        name: "x",
      });
      expect(res.status, path).toBe(404);
    }
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, and Secure outside development", async () => {
    const { person, browser } = await registeredPerson(ctx);
    const res = await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const session = res.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);

    const https = await createTestContext({
      publicUrl: "https://priyom.example",
      trustedOrigins: ["https://priyom.example"],
    });
    try {
      const secureBrowser = new TestBrowser(https);
      const { person: p2 } = await registeredPerson(https, secureBrowser);
      const signedIn = await secureBrowser.request(
        "POST",
        "/api/v1/account/sign-in",
        { login: p2.phone, password: p2.password },
        { Origin: "https://priyom.example" },
      );
      const secureCookie = signedIn.headers.getSetCookie().find((c) => c.includes("session_token="));
      expect(secureCookie).toMatch(/^__Secure-priyom\.session_token=/);
      expect(secureCookie).toMatch(/;\s*Secure/i);
      expect(secureCookie).toMatch(/HttpOnly/i);
    } finally {
      await https.close();
    }
  });

  it("has no development mailbox under NODE_ENV=production", async () => {
    expect((await ctx.app.request("/api/dev/outbox")).status).toBe(200);
    const production = await createTestContext({ nodeEnv: "production" });
    try {
      expect((await production.app.request("/api/dev/outbox")).status).toBe(404);
    } finally {
      await production.close();
    }
  });

  it("refuses every account route without a session", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/account/me"],
      ["GET", "/api/v1/account/sessions"],
      ["POST", "/api/v1/account/sessions/revoke-others"],
      ["POST", "/api/v1/account/password"],
      ["POST", "/api/v1/account/two-factor/enable"],
    ] as const) {
      const res = await new TestBrowser(ctx).request(
        method,
        path,
        method === "POST" ? { password: "x", currentPassword: "x", newPassword: "x" } : undefined,
      );
      expect(res.status, path).toBe(401);
    }
  });
});
