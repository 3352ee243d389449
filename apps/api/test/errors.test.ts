import { ZErrorBody } from "@priyom/contracts";
import type { Database } from "@priyom/db";
import { describe, expect, it } from "vitest";
import { createTestContext } from "./test-services.ts";

/** A database handle whose every query fails with the given error, as a broken driver would. */
function failingDb(error: Error): Database {
  return new Proxy({} as Database, {
    get: () => () => {
      throw error;
    },
  });
}

describe("server faults", () => {
  it("answers 500 with «Ошибка: повторите попытку позже» and a request id, never a stack trace", async () => {
    const boom = new Error('relation "secret_table" does not exist');
    const ctx = await createTestContext({}, { db: failingDb(boom) });
    try {
      const res = await ctx.app.request("/api/v1/clinics");
      expect(res.status).toBe(500);
      const text = await res.text();
      const body = ZErrorBody.parse(JSON.parse(text));
      expect(body.error.code).toBe("internal_error");
      expect(body.error.message).toBe("Ошибка: повторите попытку позже");
      expect(body.error.requestId).toMatch(/\S{8,}/);
      expect(text).not.toContain("secret_table");
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await ctx.close();
    }
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const ctx = await createTestContext(
      {},
      {
        db: failingDb(new Error("Failed query: select 1", { cause: refused })),
        ping: () => Promise.reject(refused),
      },
    );
    try {
      const res = await ctx.app.request("/api/v1/specialties");
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("5");
      expect(ZErrorBody.parse(await res.json()).error.code).toBe("service_unavailable");

      const ready = await ctx.app.request("/readyz");
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable" });
    } finally {
      await ctx.close();
    }
  });
});

describe("health", () => {
  it("is alive and ready with a working database", async () => {
    const ctx = await createTestContext();
    try {
      expect(await (await ctx.app.request("/healthz")).json()).toEqual({ status: "ok" });
      const ready = await ctx.app.request("/readyz");
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ok" });
    } finally {
      await ctx.close();
    }
  });
});
