import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "../src/middleware/body-limits.ts";
import { asAdmin } from "./after-booking-fixtures.ts";
import { bulkPatients, asPatient } from "./booking-fixtures.ts";
import { CLINIC_A, staffOf } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

/** Limits on what one request may cost: body size, JSON nesting, page size. */
let ctx: TestContext;
const CYRILLIC = /[а-яё]/i;
const need = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error("the fixture made nothing");
  return value;
};

beforeAll(async () => {
  ctx = await createTestContext();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe("resource limits", () => {
  it("refuses a body just over the limit with 413 in the one error shape, in Russian", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    const padding = "я".repeat(MAX_BODY_BYTES); // two bytes each in UTF-8: over the limit
    const res = await ctx.request("PUT", "/api/v1/profile", {
      as: asPatient(need(patient)),
      body: { firstName: padding },
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toMatch(CYRILLIC);
    expect(body.error.requestId).toBeTruthy();
  });

  it("refuses a body over the limit on the sign-in routes too, before the auth library reads it", async () => {
    const res = await ctx.request("POST", "/api/v1/account/sign-in", {
      body: { login: "x".repeat(MAX_BODY_BYTES + 1), password: "y" },
    });
    expect(res.status).toBe(413);
  });

  it("refuses JSON nested 10,000 deep with 400 naming the body, and the app keeps answering", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const res = await ctx.app.request("/api/v1/profile", {
      method: "PUT",
      headers: {
        Origin: "http://localhost:3000",
        "Content-Type": "application/json",
        "x-test-user": JSON.stringify(asPatient(need(patient))),
      },
      body: deep,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields._).toMatch(CYRILLIC);
    // Nesting within the cap is not refused by the guard (the route's own schema judges it).
    const shallow = `{"firstName":${"[".repeat(MAX_JSON_DEPTH - 1)}${"]".repeat(MAX_JSON_DEPTH - 1)}}`;
    const ok = await ctx.app.request("/api/v1/profile", {
      method: "PUT",
      headers: {
        Origin: "http://localhost:3000",
        "Content-Type": "application/json",
        "x-test-user": JSON.stringify(asPatient(need(patient))),
      },
      body: shallow,
    });
    expect(ok.status).toBe(400);
    expect(((await ok.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "firstName",
    );
    expect((await ctx.request("GET", "/api/v1/specialties")).status).toBe(200);
  });

  it("refuses U+0000 anywhere (PostgreSQL cannot store it): 400 naming the body field or query, 404 for a path", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    const inBody = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(need(patient)),
      body: { slotId: "slt_\u0000x", referralId: "ref_x" },
    });
    expect(inBody.status).toBe(400);
    const body = (await inBody.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.slotId).toMatch(CYRILLIC);
    const staff = await staffOf(ctx, CLINIC_A);
    const inPath = await ctx.request("GET", "/api/v1/staff/doctors/nul%00byte/schedule", { as: staff });
    expect(inPath.status).toBe(404);
    const inQuery = await ctx.request("GET", "/api/v1/staff/journal?action=a%00b", { as: staff });
    expect(inQuery.status).toBe(400);
    expect(
      ((await inQuery.json()) as { error: { fields: Record<string, string> } }).error.fields.action,
    ).toMatch(CYRILLIC);
  });

  it("caps every page size at 100: a limit over 100 on any list route is refused naming the field", async () => {
    const doc = (await (await ctx.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const pageParams = ["limit", "pageSize", "perPage", "size"];
    const found: string[] = [];
    const staff = await staffOf(ctx, CLINIC_A);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          if (p.in !== "query" || !pageParams.includes(p.name)) continue;
          found.push(`${method} ${path} ${p.name}`);
          const as = path.includes("/staff/")
            ? staff
            : path.includes("/admin/")
              ? asAdmin()
              : { id: "usr_x", role: "patient" as const, sessionId: "ses_x" };
          const res = await ctx.request(
            method.toUpperCase(),
            `${path.replace(/\{\w+\}/g, "x")}?${p.name}=101`,
            { as },
          );
          expect(res.status, `${method} ${path}`).toBe(400);
          const body = (await res.json()) as { error: { fields?: Record<string, string> } };
          expect(body.error.fields?.[p.name], `${method} ${path}`).toMatch(CYRILLIC);
        }
      }
    }
    // The list routes known today; a new one is checked by the loop above as soon as it exists.
    expect(found.length).toBeGreaterThanOrEqual(3);
  });
});
