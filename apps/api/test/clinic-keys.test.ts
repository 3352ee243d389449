import { auditEvents, clinicApiKeys } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLINIC_KEY_RATE_LIMIT } from "../src/clinic-api/middleware.ts";
import type { SessionUser } from "../src/context.ts";
import { asClinic, CLINIC_A, CLINIC_B, clinicKey, doctorBody } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
const admin: SessionUser = { id: "usr_admin_keys", role: "admin", sessionId: "ses_admin_keys" };
const patient: SessionUser = { id: "usr_patient_keys", role: "patient", sessionId: "ses_patient_keys" };

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe("clinic API key authentication", () => {
  it("no key, a malformed key, an unknown key and a revoked key are all 401", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    const [, prefix = ""] = /^pk_([a-z0-9]{8})_/.exec(key) ?? [];
    const wrongSecret = `pk_${prefix}_${"A".repeat(43)}`;
    for (const presented of [null, "nonsense", "pk_short_x", wrongSecret, `pk_zzzzzzzz_${"B".repeat(43)}`]) {
      const res = await asClinic(ctx, presented, "GET", "/api/v1/clinic/doctors");
      expect(res.status, String(presented)).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized" } });
    }
    expect((await asClinic(ctx, key, "GET", "/api/v1/clinic/doctors")).status).toBe(200);
    const [row] = await ctx.services.db.select().from(clinicApiKeys).where(eq(clinicApiKeys.prefix, prefix));
    expect(row?.lastUsedAt).not.toBeNull();
    await ctx.request("DELETE", `/api/v1/admin/api-keys/${row?.id ?? ""}`, { as: admin });
    expect((await asClinic(ctx, key, "GET", "/api/v1/clinic/doctors")).status).toBe(401);
  });

  it("stores the prefix and a SHA-256 of the secret, never the secret", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    const [, prefix = "", secret = ""] = /^pk_([a-z0-9]{8})_(.+)$/.exec(key) ?? [];
    expect(secret).toHaveLength(43);
    const [row] = await ctx.services.db.select().from(clinicApiKeys).where(eq(clinicApiKeys.prefix, prefix));
    expect(row?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("a key without the route's permission is 403; reading doctors needs none", async () => {
    const readOnly = await clinicKey(ctx, CLINIC_A, ["referrals:read"]);
    const put = await asClinic(ctx, readOnly, "PUT", "/api/v1/clinic/doctors/d-403", doctorBody("d-403"));
    expect(put.status).toBe(403);
    expect(put.body).toMatchObject({ error: { code: "forbidden" } });
    const issue = await asClinic(ctx, readOnly, "POST", "/api/v1/clinic/referrals", {});
    expect(issue.status).toBe(403);
    expect((await asClinic(ctx, readOnly, "GET", "/api/v1/clinic/doctors")).status).toBe(200);
    const doctorsOnly = await clinicKey(ctx, CLINIC_A, ["doctors:write"]);
    expect((await asClinic(ctx, doctorsOnly, "GET", "/api/v1/clinic/referrals/900000000001")).status).toBe(
      403,
    );
  });

  it(`each key is limited to ${CLINIC_KEY_RATE_LIMIT.limit} requests a minute (429 with Retry-After), other keys are not`, async () => {
    const busy = await clinicKey(ctx, CLINIC_A);
    const other = await clinicKey(ctx, CLINIC_A);
    for (let i = 0; i < CLINIC_KEY_RATE_LIMIT.limit; i++) {
      const res = await asClinic(ctx, busy, "GET", "/api/v1/clinic/doctors");
      expect(res.status).toBe(200);
    }
    const over = await asClinic(ctx, busy, "GET", "/api/v1/clinic/doctors");
    expect(over.status).toBe(429);
    expect(Number(over.res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await asClinic(ctx, other, "GET", "/api/v1/clinic/doctors")).status).toBe(200);
  });
});

describe("Origin guard and bearer requests", () => {
  it("a bearer request without cookies needs no Origin, but still must be JSON", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    const ok = await asClinic(ctx, key, "PUT", "/api/v1/clinic/doctors/d-origin", doctorBody("d-origin"));
    expect(ok.status).toBe(201);
    const form = await ctx.app.request("/api/v1/clinic/doctors/d-origin", {
      method: "PUT",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    expect(form.status).toBe(415);
  });

  it("a bearer request that also carries cookies is checked for Origin as before", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    const res = await asClinic(ctx, key, "PUT", "/api/v1/clinic/doctors/d-cookie", doctorBody("d-cookie"), {
      Cookie: "x=y",
    });
    expect(res.status).toBe(403);
    const evil = await asClinic(ctx, key, "PUT", "/api/v1/clinic/doctors/d-cookie", doctorBody("d-cookie"), {
      Cookie: "x=y",
      Origin: "https://evil.example",
    });
    expect(evil.status).toBe(403);
  });
});

describe("administrators manage keys", () => {
  it("issue (key shown once), list (no secret), revoke: each journalled", async () => {
    const issued = await ctx.request("POST", `/api/v1/admin/clinics/${CLINIC_B}/api-keys`, {
      as: admin,
      body: { name: "  МИС «Ариадна»  ", permissions: ["doctors:write", "referrals:write", "doctors:write"] },
    });
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as {
      id: string;
      key: string;
      prefix: string;
      permissions: string[];
      name: string;
    };
    expect(body.key).toMatch(new RegExp(`^pk_${body.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(body.name).toBe("МИС «Ариадна»");
    expect(body.permissions).toEqual(["doctors:write", "referrals:write"]);
    expect((await asClinic(ctx, body.key, "GET", "/api/v1/clinic/doctors")).status).toBe(200);

    const list = await ctx.request("GET", `/api/v1/admin/clinics/${CLINIC_B}/api-keys`, { as: admin });
    const listed = (await list.json()) as { items: Record<string, unknown>[] };
    const item = listed.items.find((k) => k.id === body.id);
    expect(item).toMatchObject({ prefix: body.prefix, revokedAt: null, name: "МИС «Ариадна»" });
    expect(item?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(body.key.slice(12));

    const revoked = await ctx.request("DELETE", `/api/v1/admin/api-keys/${body.id}`, { as: admin });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await asClinic(ctx, body.key, "GET", "/api/v1/clinic/doctors")).status).toBe(401);

    const journal = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'keyId' = ${body.id}`);
    expect(journal.map((e) => [e.action, e.actorUserId]).sort()).toEqual([
      ["clinic_api_key.issued", admin.id],
      ["clinic_api_key.revoked", admin.id],
    ]);
    expect(JSON.stringify(journal)).not.toContain(body.key.slice(12));
  });

  it("answers every field error at once, 404 for an unknown clinic or key", async () => {
    const bad = await ctx.request("POST", `/api/v1/admin/clinics/${CLINIC_B}/api-keys`, {
      as: admin,
      body: { name: " ", permissions: ["doctors:write", "root"] },
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["name", "permissions"]);
    const unknownClinic = await ctx.request("POST", "/api/v1/admin/clinics/cln_nope0000/api-keys", {
      as: admin,
      body: { name: "x", permissions: ["doctors:write"] },
    });
    expect(unknownClinic.status).toBe(404);
    expect((await ctx.request("DELETE", "/api/v1/admin/api-keys/key_nope0000", { as: admin })).status).toBe(
      404,
    );
  });

  it("only administrators: a patient is 403, nobody is 401", async () => {
    const path = `/api/v1/admin/clinics/${CLINIC_A}/api-keys`;
    const body = { name: "x", permissions: ["doctors:write"] };
    expect((await ctx.request("POST", path, { as: patient, body })).status).toBe(403);
    expect((await ctx.request("GET", path, { as: patient })).status).toBe(403);
    expect((await ctx.request("POST", path, { body })).status).toBe(401);
    expect((await ctx.request("DELETE", "/api/v1/admin/api-keys/key_x", { as: patient })).status).toBe(403);
  });
});
