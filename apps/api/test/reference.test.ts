import { ZClinicListResponse, ZErrorBody, ZSpecialtyListResponse } from "@priyom/contracts";
import { checkOgrn } from "@priyom/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe("GET /api/v1/specialties", () => {
  it("lists the ten specialties of the closed list with related ones, from the database", async () => {
    const res = await ctx.app.request("/api/v1/specialties");
    expect(res.status).toBe(200);
    const body = ZSpecialtyListResponse.parse(await res.json());
    expect(body.items.map((s) => s.code).sort()).toEqual(
      [
        "cardiologist",
        "dermatologist",
        "gastroenterologist",
        "laboratory",
        "neurologist",
        "ophthalmologist",
        "orthopedist",
        "pediatrician",
        "therapist",
        "ultrasound",
      ].sort(),
    );
    const pediatrician = body.items.find((s) => s.code === "pediatrician");
    expect(pediatrician?.patientAge).toBe("child");
    expect(body.items.find((s) => s.code === "therapist")?.nameRu).toBe("Терапевт");
    const codes = new Set(body.items.map((s) => s.code));
    for (const s of body.items) {
      for (const related of s.related) expect(codes.has(related)).toBe(true);
    }
    expect(body.items.some((s) => s.related.length > 0)).toBe(true);
  });

  it("keeps the order patients read: by Russian name", async () => {
    const body = ZSpecialtyListResponse.parse(await (await ctx.app.request("/api/v1/specialties")).json());
    const names = body.items.map((s) => s.nameRu);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe("GET /api/v1/clinics", () => {
  it("lists clinics in at least three time zones, each with a valid ОГРН, address and region", async () => {
    const res = await ctx.app.request("/api/v1/clinics");
    expect(res.status).toBe(200);
    const body = ZClinicListResponse.parse(await res.json());
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(body.items.map((c) => c.timeZone)).size).toBeGreaterThanOrEqual(3);
    for (const clinic of body.items) {
      expect(checkOgrn(clinic.ogrn).ok).toBe(true);
      expect(clinic.address.length).toBeGreaterThan(5);
      expect(clinic.region.length).toBeGreaterThan(2);
      // A zone the runtime knows: formatting with it must not throw.
      expect(() => new Intl.DateTimeFormat("ru-RU", { timeZone: clinic.timeZone })).not.toThrow();
    }
  });
});

describe("reference data in the database", () => {
  it("refuses a clinic whose ОГРН has the wrong shape (a CHECK constraint, not only code)", async () => {
    const { clinics } = await import("@priyom/db");
    await expect(
      ctx.handle.db.insert(clinics).values({
        id: "cln_bad00001",
        shortName: "x",
        fullName: "x",
        ogrn: "12345",
        address: "x",
        region: "x",
        timeZone: "Europe/Moscow",
        registryPhone: "x",
        placeType: "polyclinic",
        latitude: 0,
        longitude: 0,
      }),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("seeding again changes nothing (idempotent)", async () => {
    const { seedReferenceData } = await import("@priyom/db");
    const before = ZClinicListResponse.parse(await (await ctx.app.request("/api/v1/clinics")).json());
    await seedReferenceData(ctx.handle.db);
    const after = ZClinicListResponse.parse(await (await ctx.app.request("/api/v1/clinics")).json());
    expect(after.items).toEqual(before.items);
  });
});

describe("errors", () => {
  it("answers an unknown API path with the one error shape and the request id of the response", async () => {
    const res = await ctx.app.request("/api/v1/does-not-exist");
    expect(res.status).toBe(404);
    const body = ZErrorBody.parse(await res.json());
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toBe("Не найдено");
    expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
  });

  it("speaks English when the client asks for it first", async () => {
    const res = await ctx.app.request("/api/v1/does-not-exist", {
      headers: { "Accept-Language": "en-GB,en;q=0.9" },
    });
    expect(ZErrorBody.parse(await res.json()).error.message).toBe("Not found");
    expect(res.headers.get("Content-Language")).toBe("en");
  });

  it("publishes an OpenAPI document naming the reference routes", async () => {
    const res = await ctx.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/specialties", "/api/v1/clinics", "/healthz", "/readyz"]),
    );
  });
});
