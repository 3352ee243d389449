import { ZErrorBody, ZPartner, ZPartnerList, ZReferralListResponse, ZWidgetToken } from "@priyom/contracts";
import { auditEvents, partners, user, widgetTokens } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../test/account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "../../test/test-services.ts";
import type { SessionUser } from "../context.ts";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "../seed/demo-accounts.ts";
import { DEMO_PARTNER_NAME, seedDemoPartner } from "../seed/demo-partners.ts";
import { seedDemoDoctors, seedDemoReferrals } from "../seed/demo-referrals.ts";
import { normalizeOrigin } from "../services/partners/origin.ts";
import { PartnerRegistry } from "../services/partners/registry.ts";

/** Low, so the per-partner limit is reached in a few requests (one partner per test keeps counts apart). */
const PARTNER_LIMIT = 4;

let ctx: TestContext;
let admin: SessionUser;
/** The demo patient, signed in with a session cookie in the pop-up on our own origin. */
let popup: TestBrowser;
let origins = 0;

/** A fresh origin per test, so each partner's counters and registrations stay its own. */
const newOrigin = () => `https://portal-${++origins}.example.ru`;

async function register(origin: string, name = "Портал поликлиники") {
  const res = await ctx.request("POST", "/api/v1/admin/partners", { as: admin, body: { name, origin } });
  expect(res.status).toBe(201);
  return ZPartner.parse(await res.json());
}

/** A request as a partner page's script sends it: its Origin, no cookies, maybe a widget token. */
function fromPartner(origin: string, method: string, path: string, token?: string, body?: unknown) {
  return ctx.app.request(path, {
    method,
    headers: {
      Origin: origin,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function issueToken(origin: string) {
  const res = await popup.request("POST", "/api/v1/widget/tokens", { origin });
  expect(res.status).toBe(201);
  return ZWidgetToken.parse(await res.json());
}

beforeAll(async () => {
  ctx = await createTestContext({ partnerRateLimitPerMinute: PARTNER_LIMIT });
  await seedDemoDoctors(ctx.handle.db);
  await seedDemoAccounts(ctx.services);
  await seedDemoReferrals(ctx.services);
  const [row] = await ctx.handle.db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, DEMO_ACCOUNTS.admin.email));
  admin = { id: row?.id ?? "", role: "admin", sessionId: "ses_admin_partners" };
  popup = new TestBrowser(ctx);
  const signedIn = await signIn(
    ctx,
    popup,
    DEMO_ACCOUNTS.patient.email,
    DEMO_ACCOUNTS.patient.password,
    DEMO_ACCOUNTS.patient.phone,
  );
  expect(signedIn.status).toBe(200);
});

afterAll(async () => {
  await ctx.close();
});

describe("origin normalisation", () => {
  it("keeps scheme, host and port as browsers send them, and refuses anything more", () => {
    expect(normalizeOrigin("HTTPS://Portal.Example.RU:443/")).toBe("https://portal.example.ru");
    expect(normalizeOrigin(" http://localhost:3001 ")).toBe("http://localhost:3001");
    expect(normalizeOrigin("http://portal.example.ru:80")).toBe("http://portal.example.ru");
    for (const bad of [
      "https://portal.example.ru/widgets",
      "https://portal.example.ru?x=1",
      "https://portal.example.ru#top",
      "https://user:pass@portal.example.ru",
      "ftp://portal.example.ru",
      "javascript:alert(1)",
      "portal.example.ru",
      "",
    ]) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });
});

describe("administrators register and withdraw partners", () => {
  it("registers with a normalised origin, lists it, and journals it", async () => {
    const created = await register("HTTPS://Admin-Portal.Example.RU:443", "  Портал области  ");
    expect(created).toMatchObject({
      name: "Портал области",
      origin: "https://admin-portal.example.ru",
      revokedAt: null,
    });
    expect(created.id).toMatch(/^ptn_/);
    const list = ZPartnerList.parse(
      await (await ctx.request("GET", "/api/v1/admin/partners", { as: admin })).json(),
    );
    expect(list.items.map((p) => p.id)).toContain(created.id);

    const journal = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'partnerId' = ${created.id}`);
    expect(journal.map((e) => [e.action, e.actorUserId])).toEqual([["partner.created", admin.id]]);
  });

  it("names each field at fault in Russian", async () => {
    const res = await ctx.request("POST", "/api/v1/admin/partners", {
      as: admin,
      body: { name: "   ", origin: "https://portal.example.ru/path" },
    });
    expect(res.status).toBe(400);
    const body = ZErrorBody.parse(await res.json());
    expect(body.error.fields).toEqual({
      name: "Укажите название сайта",
      origin: "Укажите адрес сайта без пути, например https://portal.example.ru",
    });
  });

  it("answers 409 to a second live registration of an origin, and the database refuses it too", async () => {
    const origin = newOrigin();
    await register(origin);
    const again = await ctx.request("POST", "/api/v1/admin/partners", {
      as: admin,
      body: { name: "Копия", origin: `${origin.toUpperCase()}/` },
    });
    expect(again.status).toBe(409);
    expect(ZErrorBody.parse(await again.json()).error.message).toBe("Сайт с таким адресом уже подключён");
    await expect(
      ctx.handle.db.insert(partners).values({ id: "ptn_raceracerace", name: "Гонка", origin }),
    ).rejects.toThrow();
  });

  it("lets only administrators in", async () => {
    const patient: SessionUser = { id: "usr_someone", role: "patient", sessionId: "s1" };
    const staff: SessionUser = { id: "usr_staff", role: "clinic_staff", sessionId: "s2" };
    for (const as of [patient, staff]) {
      expect((await ctx.request("GET", "/api/v1/admin/partners", { as })).status).toBe(403);
      const create = await ctx.request("POST", "/api/v1/admin/partners", {
        as,
        body: { name: "x", origin: newOrigin() },
      });
      expect(create.status).toBe(403);
    }
    expect((await ctx.request("GET", "/api/v1/admin/partners")).status).toBe(401);
  });

  it("answers 404 for an unknown partner's withdrawal", async () => {
    const res = await ctx.request("POST", "/api/v1/admin/partners/ptn_unknownpartner/revoke", {
      as: admin,
      body: {},
    });
    expect(res.status).toBe(404);
  });
});

describe("CORS from the partner list", () => {
  it("refuses an unregistered origin with 403 in Russian and no CORS headers", async () => {
    const res = await fromPartner("https://stranger.example.ru", "GET", "/api/v1/specialties");
    expect(res.status).toBe(403);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(ZErrorBody.parse(await res.json()).error.message).toBe("Этот сайт не подключён к Приёму");
    const preflight = await fromPartner("https://stranger.example.ru", "OPTIONS", "/api/v1/specialties");
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("a registered origin is allowed from the next request on, no restart; withdrawn, refused again", async () => {
    const origin = newOrigin();
    expect((await fromPartner(origin, "GET", "/api/v1/specialties")).status).toBe(403);
    const partner = await register(origin);

    const res = await fromPartner(origin, "GET", "/api/v1/specialties");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    expect(res.headers.get("Vary")).toContain("Origin");
    expect(res.headers.get("Access-Control-Expose-Headers")).toBe("X-Request-Id, Retry-After");
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();

    const revoked = await ctx.request("POST", `/api/v1/admin/partners/${partner.id}/revoke`, {
      as: admin,
      body: {},
    });
    expect(revoked.status).toBe(200);
    expect(ZPartner.parse(await revoked.json()).revokedAt).not.toBeNull();
    const after = await fromPartner(origin, "GET", "/api/v1/specialties");
    expect(after.status).toBe(403);
    expect(after.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("answers a partner's preflight with the methods, headers and max age it may use", async () => {
    const origin = newOrigin();
    await register(origin);
    const res = await ctx.app.request("/api/v1/referrals", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    expect(res.headers.get("Access-Control-Allow-Methods")).toBe("GET, POST, PUT, DELETE");
    expect(res.headers.get("Access-Control-Allow-Headers")).toBe(
      "Authorization, Content-Type, Idempotency-Key, Accept-Language",
    );
    expect(res.headers.get("Access-Control-Max-Age")).toBe("600");
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });

  it("lets a partner's widget open the live slot stream, naming its origin", async () => {
    const origin = newOrigin();
    await register(origin);
    const controller = new AbortController();
    const res = await ctx.app.request("/api/v1/slots/stream?doctorIds=doc_x", {
      headers: { Origin: origin },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    await res.body?.cancel();
    controller.abort();
  });

  it("leaves same-origin and server-to-server requests as they were (no CORS headers)", async () => {
    const noOrigin = await ctx.app.request("/api/v1/specialties");
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const own = await ctx.request("GET", "/api/v1/specialties");
    expect(own.status).toBe(200);
    expect(own.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("a registry with no cache sees a partner added by SQL (another process) without being told", async () => {
    const registry = new PartnerRegistry(ctx.handle.db, 0);
    const origin = newOrigin();
    expect(await registry.byOrigin(origin)).toBeNull();
    await ctx.handle.db.insert(partners).values({ id: "ptn_bysqlbysql", name: "Через SQL", origin });
    expect((await registry.byOrigin(origin))?.id).toBe("ptn_bysqlbysql");
    expect(await registry.origins()).toContain(origin);
  });
});

describe("widget tokens", () => {
  it("names a live partner for the pop-up, 404 for any other origin", async () => {
    const origin = newOrigin();
    await register(origin, "Портал Заречья");
    const found = await ctx.request(
      "GET",
      `/api/v1/widget/partners/lookup?origin=${encodeURIComponent(origin)}`,
    );
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ name: "Портал Заречья", origin });
    const missing = await ctx.request(
      "GET",
      `/api/v1/widget/partners/lookup?origin=${encodeURIComponent(newOrigin())}`,
    );
    expect(missing.status).toBe(404);
  });

  it("issues a token to a signed-in patient for a registered origin only, storing only its hash", async () => {
    const origin = newOrigin();
    const partner = await register(origin);
    const issued = await issueToken(origin);
    expect(issued.token).toMatch(/^pwt_[A-Za-z0-9_-]{43}$/);
    expect(issued.partner).toEqual({ name: partner.name, origin });
    const lifetime = new Date(issued.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(25 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);

    const stored = await ctx.handle.db
      .select()
      .from(widgetTokens)
      .where(eq(widgetTokens.partnerId, partner.id));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(issued.token.slice(4));
    const journal = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(
        sql`${auditEvents.action} = 'widget.token_issued' and ${auditEvents.details}->>'partnerId' = ${partner.id}`,
      );
    expect(journal).toHaveLength(1);
    expect(JSON.stringify(journal)).not.toContain(issued.token.slice(4));

    const unregistered = await popup.request("POST", "/api/v1/widget/tokens", { origin: newOrigin() });
    expect(unregistered.status).toBe(403);
    expect(ZErrorBody.parse(await unregistered.json()).error.message).toBe(
      "Этот сайт не подключён к Приёму: передать ему вход нельзя",
    );
  });

  it("needs a patient's session: 401 without one, 403 for staff and administrators", async () => {
    const origin = newOrigin();
    await register(origin);
    expect((await ctx.request("POST", "/api/v1/widget/tokens", { body: { origin } })).status).toBe(401);
    for (const role of ["clinic_staff", "admin"] as const) {
      const res = await ctx.request("POST", "/api/v1/widget/tokens", {
        as: { id: `usr_${role}`, role, sessionId: `ses_${role}` },
        body: { origin },
      });
      expect(res.status, role).toBe(403);
    }
  });

  it("reads the patient's referrals with the partner's Origin, and nothing with another or none valid", async () => {
    const origin = newOrigin();
    await register(origin);
    const { token } = await issueToken(origin);

    const res = await fromPartner(origin, "GET", "/api/v1/referrals", token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    expect(ZReferralListResponse.parse(await res.json()).items.length).toBeGreaterThan(0);

    // Another registered partner's page cannot use it.
    const other = newOrigin();
    await register(other);
    expect((await fromPartner(other, "GET", "/api/v1/referrals", token)).status).toBe(401);
    // A forged token, or none.
    expect((await fromPartner(origin, "GET", "/api/v1/referrals", `pwt_${"A".repeat(43)}`)).status).toBe(401);
    expect((await fromPartner(origin, "GET", "/api/v1/referrals")).status).toBe(401);
  });

  it("stops working once expired by the services' clock", async () => {
    const origin = newOrigin();
    await register(origin);
    const { token, expiresAt } = await issueToken(origin);
    expect((await fromPartner(origin, "GET", "/api/v1/referrals", token)).status).toBe(200);
    ctx.services.clock = () => new Date(new Date(expiresAt).getTime() + 1_000);
    try {
      expect((await fromPartner(origin, "GET", "/api/v1/referrals", token)).status).toBe(401);
    } finally {
      ctx.services.clock = () => new Date();
    }
  });

  it("dies with its partner's withdrawal, and the withdrawal journals how many tokens ended", async () => {
    const origin = newOrigin();
    const partner = await register(origin);
    const { token } = await issueToken(origin);
    await issueToken(origin);
    expect((await fromPartner(origin, "GET", "/api/v1/referrals", token)).status).toBe(200);
    await ctx.request("POST", `/api/v1/admin/partners/${partner.id}/revoke`, { as: admin, body: {} });

    // Refused at the door (CORS) from the partner's page, and dead even without an Origin.
    expect((await fromPartner(origin, "GET", "/api/v1/referrals", token)).status).toBe(403);
    const direct = await ctx.app.request("/api/v1/referrals", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(401);
    const rows = await ctx.handle.db
      .select()
      .from(widgetTokens)
      .where(eq(widgetTokens.partnerId, partner.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    const [revokedEntry] = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(
        sql`${auditEvents.action} = 'partner.revoked' and ${auditEvents.details}->>'partnerId' = ${partner.id}`,
      );
    expect(revokedEntry?.details).toMatchObject({ tokensEnded: 2 });
  });

  it("cannot reach account-security routes or mint more tokens, but may ask who is signed in", async () => {
    const origin = newOrigin();
    await register(origin);
    const { token } = await issueToken(origin);
    expect((await fromPartner(origin, "GET", "/api/v1/account/me", token)).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", "/api/v1/account/sessions", undefined],
      ["POST", "/api/v1/account/password", { currentPassword: "x", newPassword: "Priyom-new-1" }],
      ["POST", "/api/v1/account/two-factor/enable", { password: "x" }],
      ["POST", "/api/v1/account/sign-out", {}],
      ["GET", "/api/v1/account/export", undefined],
      ["DELETE", "/api/v1/account", { password: "x" }],
      ["GET", "/api/v1/profile/documents", undefined],
      ["POST", "/api/v1/widget/tokens", { origin }],
    ] as const) {
      const res = await fromPartner(origin, method, path, token, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it("a state-changing widget request still must be JSON", async () => {
    const origin = newOrigin();
    await register(origin);
    const { token } = await issueToken(origin);
    const res = await ctx.app.request("/api/v1/referrals/refresh", {
      method: "POST",
      headers: { Origin: origin, Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: "x",
    });
    expect(res.status).toBe(415);
  });
});

describe("per-partner rate limit on public reads", () => {
  it(`answers 429 with Retry-After after ${PARTNER_LIMIT} reads a minute from one partner's pages`, async () => {
    const origin = newOrigin();
    await register(origin);
    for (let i = 0; i < PARTNER_LIMIT; i++) {
      expect((await fromPartner(origin, "GET", "/api/v1/clinics")).status).toBe(200);
    }
    const limited = await fromPartner(origin, "GET", "/api/v1/specialties");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The widget's script can read both, as its page is the one answered.
    expect(limited.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    // The service's own pages are not counted against the partner.
    expect((await ctx.request("GET", "/api/v1/specialties")).status).toBe(200);
    // Nor is another partner.
    const other = newOrigin();
    await register(other);
    expect((await fromPartner(other, "GET", "/api/v1/specialties")).status).toBe(200);
  });
});

describe("demo partner", () => {
  it("is registered once, however often the seed runs", async () => {
    const first = await seedDemoPartner(ctx.handle.db, "http://LOCALHOST:3001/");
    const second = await seedDemoPartner(ctx.handle.db, "http://localhost:3001");
    expect(second).toBe(first);
    const rows = await ctx.handle.db
      .select()
      .from(partners)
      .where(eq(partners.origin, "http://localhost:3001"));
    expect(rows.map((r) => r.name)).toEqual([DEMO_PARTNER_NAME]);
  });
});
