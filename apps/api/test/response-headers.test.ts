import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionAccount } from "../src/services/accounts/provision.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { asPatient, bulkPatients } from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, TEST_ORIGIN, type TestContext } from "./test-services.ts";

/**
 * Issue 8, "headers on every route": every route of the router (a dummy id in its parameters),
 * the widget files, a 404 and a page of the front end carry nosniff, HSTS and no X-Powered-By;
 * API answers never leave a copy in a cache; pages have a script policy without inline scripts;
 * only widget paths may be framed, and only by registered partners; unknown methods are 405.
 * web-security.test.ts covers cookies, Origin and content-type checks.
 */

const PARTNER_ORIGIN = "https://headers-partner.example.ru";
let ctx: TestContext;
let dir: string;
let patient: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "priyom-headers-"));
  const web = join(dir, "shell");
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>Приём</title><div id=app></div>");
  mkdirSync(join(dir, "remotes", "calendar", "dist-widget"), { recursive: true });
  writeFileSync(join(dir, "remotes", "calendar", "dist-widget", "priyom-calendar.js"), "export const w = 1;");
  writeFileSync(join(dir, "remotes.json"), JSON.stringify({}));
  ctx = await createTestContext({
    webRoot: web,
    remotesRoot: join(dir, "remotes"),
    remotesJson: join(dir, "remotes.json"),
  });
  const [p] = await bulkPatients(ctx, 1, [CLINIC_A]);
  if (!p) throw new Error("no patient");
  patient = asPatient(p);
  const { userId } = await provisionAccount(ctx.services, {
    email: "admin.headers@priyom.example.ru",
    password: "Admin-password-1",
    name: "Администратор",
    role: "admin",
  });
  admin = { id: userId, role: "admin", sessionId: `ses_${userId}` };
});

afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every method + path of the router, parameters filled with a dummy id, auth's own catch-all left out. */
function everyRoute(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of ctx.app.routes) {
    if (route.method === "ALL" || route.path.includes("*")) continue;
    const path = route.path.replace(/:[A-Za-z]+/g, "id_0000000000");
    seen.set(`${route.method} ${path}`, { method: route.method, path });
  }
  return [...seen.values()];
}

function request(method: string, path: string, as?: SessionUser) {
  const state = method !== "GET" && method !== "HEAD";
  return ctx.app.request(path, {
    method,
    headers: {
      Origin: TEST_ORIGIN,
      ...(as ? { "x-test-user": JSON.stringify(as) } : {}),
      ...(state ? { "Content-Type": "application/json" } : {}),
    },
    ...(state ? { body: "{}" } : {}),
  });
}

function expectBaseHeaders(res: Response, label: string) {
  expect(res.headers.get("X-Content-Type-Options"), label).toBe("nosniff");
  expect(res.headers.get("Strict-Transport-Security"), label).toContain("max-age=31536000");
  expect(res.headers.get("X-Powered-By"), label).toBeNull();
}

describe("headers on every route", () => {
  it("sends nosniff, HSTS, no X-Powered-By, no-store and no framing on every API route", async () => {
    const routes = everyRoute().filter((r) => r.path.startsWith("/api/"));
    expect(routes.length).toBeGreaterThan(80);
    for (const { method, path } of routes) {
      for (const as of [undefined, patient]) {
        const res = await request(method, path, as);
        const label = `${as ? "patient" : "anonymous"} ${method} ${path} → ${res.status}`;
        expectBaseHeaders(res, label);
        expect(res.headers.get("X-Frame-Options"), label).toBe("DENY");
        expect(res.headers.get("Content-Security-Policy"), label).toContain("frame-ancestors 'none'");
        if (path.startsWith("/api/v1/") && !PUBLIC_CACHEABLE.has(path)) {
          expect(res.headers.get("Cache-Control"), label).toContain("no-store");
        }
        await res.arrayBuffer();
      }
    }
  });

  it("answers personal data with no-store", async () => {
    for (const path of [
      "/api/v1/profile",
      "/api/v1/profile/documents",
      "/api/v1/children",
      "/api/v1/appointments",
      "/api/v1/referrals",
      "/api/v1/history",
      "/api/v1/waitlist",
      "/api/v1/priority-requests",
      "/api/v1/notifications",
      "/api/v1/account/me",
      "/api/v1/account/export",
    ]) {
      const res = await request("GET", path, patient);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
      await res.arrayBuffer();
    }
  });

  it("gives pages a script policy without inline scripts and forbids framing them", async () => {
    for (const path of ["/", "/appointments/123"]) {
      const res = await ctx.app.request(path);
      expect(res.headers.get("Content-Type"), path).toContain("text/html");
      expectBaseHeaders(res, path);
      const policy = res.headers.get("Content-Security-Policy") ?? "";
      const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      expect(scriptSrc, path).toContain("'self'");
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
    }
    const missing = await ctx.app.request("/api/v1/no-such-route");
    expect(missing.status).toBe(404);
    expectBaseHeaders(missing, "404");
    expect(missing.headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("lets only registered partners frame widget paths, and nobody once the last one is revoked", async () => {
    const before = await ctx.app.request("/widgets/priyom-calendar.js");
    expect(before.status).toBe(200);
    expectBaseHeaders(before, "widget file");
    expect(before.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(before.headers.get("X-Frame-Options")).toBe("DENY");

    const registered = await ctx.app.request("/api/v1/admin/partners", {
      method: "POST",
      headers: {
        Origin: TEST_ORIGIN,
        "Content-Type": "application/json",
        "x-test-user": JSON.stringify(admin),
      },
      body: JSON.stringify({ name: "Портал для заголовков", origin: PARTNER_ORIGIN }),
    });
    expect(registered.status).toBe(201);
    const partner = (await registered.json()) as { id: string };

    for (const path of ["/widgets/priyom-calendar.js", "/widget/sign-in"]) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Security-Policy"), path).toContain(`frame-ancestors ${PARTNER_ORIGIN}`);
      expect(res.headers.get("X-Frame-Options"), path).toBeNull();
    }
    // Everything else stays unframeable while a partner exists.
    for (const path of ["/", "/api/v1/specialties"]) {
      const res = await ctx.app.request(path);
      expect(res.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
    }

    const revoked = await request("POST", `/api/v1/admin/partners/${partner.id}/revoke`, admin);
    expect(revoked.status).toBe(200);
    const after = await ctx.app.request("/widgets/priyom-calendar.js");
    expect(after.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(after.headers.get("X-Frame-Options")).toBe("DENY");
  });
});

/** Public reference data a route may let caches keep (no personal data). */
const PUBLIC_CACHEABLE = new Set(["/api/v1/specialties", "/api/v1/clinics"]);

describe("methods", () => {
  it("answers 405 with Allow to a method a known path does not have, 404 on an unknown path", async () => {
    const byPath = new Map<string, Set<string>>();
    // A concrete path may match more than its own route (`/referrals/lookup` is also `/referrals/:id`).
    const patterns = ctx.app.routes
      .filter((r) => r.method !== "ALL" && r.path !== "/*")
      .map((r) => ({
        method: r.method,
        pattern: new RegExp(
          `^${r.path
            .replace(/\./g, "\\.")
            .replace(/:[A-Za-z]+/g, "[^/]+")
            .replace(/\*/g, ".*")}$`,
        ),
      }));
    for (const { path } of everyRoute()) {
      byPath.set(path, new Set(patterns.filter((r) => r.pattern.test(path)).map((r) => r.method)));
    }
    let checked = 0;
    for (const [path, methods] of byPath) {
      // TRACE and CONNECT cannot be built as a fetch Request (forbidden methods); MKCOL and BREW
      // take the same path through the middleware.
      for (const method of [
        "PROPFIND",
        "MKCOL",
        "BREW",
        ...["GET", "PUT", "POST", "DELETE", "PATCH"].filter((m) => !methods.has(m)),
      ]) {
        const res = await ctx.app.request(path, { method, headers: { Origin: TEST_ORIGIN } });
        const label = `${method} ${path}`;
        expect(res.status, label).toBe(405);
        const allow = (res.headers.get("Allow") ?? "").split(", ");
        for (const m of methods) expect(allow, label).toContain(m);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code, label).toBe("method_not_allowed");
        expect(body.error.message, label).toMatch(/[а-я]/);
        expectBaseHeaders(res, label);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
    for (const method of ["PROPFIND", "MKCOL", "BREW"]) {
      expect((await ctx.app.request("/api/v1/no-such-route", { method })).status, method).toBe(404);
    }
  });

  it("keeps HEAD and OPTIONS working", async () => {
    const head = await ctx.app.request("/api/v1/specialties", { method: "HEAD" });
    expect(head.status).toBe(200);
    const preflight = await ctx.app.request("/api/v1/specialties", {
      method: "OPTIONS",
      headers: { Origin: TEST_ORIGIN, "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).not.toBe(405);
  });
});
