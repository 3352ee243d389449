import { randomUUID } from "node:crypto";
import { queryRows } from "@priyom/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLINIC_API_PERMISSIONS } from "../src/clinic-api/keys.ts";
import type { SessionUser } from "../src/context.ts";
import { provisionAccount } from "../src/services/accounts/provision.ts";
import { asPatient, bulkPatients, doctorsWithSchedule, freeSlotsOf } from "./booking-fixtures.ts";
import { CLINIC_A, clinicKey, issueRequest, staffOf } from "./clinic-helpers.ts";
import { createTestContext, TEST_ORIGIN, type TestContext } from "./test-services.ts";

/**
 * Mass assignment (issue 8, OWASP API3): keys that set who owns a row or what state it is in —
 * status, patientId, clinicId, role, referralId, userId — sent where the request schema does not
 * name them are refused with 400 naming the key, and nothing in the database changes.
 */

const SMUGGLED = ["status", "patientId", "clinicId", "role", "referralId", "userId"] as const;

let ctx: TestContext;
let patient: SessionUser;
let patientReferral = "";
let slotId = "";
let staff: SessionUser;
let admin: SessionUser;
let key = "";

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
}
interface JsonSchema {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

/**
 * Tables every request may touch whatever its fate: rate-limit counters and the clinic key's
 * "last used" time. Business data lives elsewhere.
 */
const BOOKKEEPING = new Set(["rate_limit_buckets", "clinic_api_keys"]);

/** Every table's row count and a digest of its rows: "nothing changed" compared as a whole. */
async function databaseState(): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    ctx.handle.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue;
    const [row] = await queryRows<{ n: string; digest: string | null }>(
      ctx.handle.db,
      sql`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(name)} t`,
    );
    state[name] = `${row?.n}:${row?.digest ?? ""}`;
  }
  return state;
}

/** The single-valued properties of a union branch (its discriminator), with their value. */
function discriminatorOf(branch: JsonSchema | undefined): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(branch?.properties ?? {})) {
    const p = property as { const?: unknown; enum?: unknown[] };
    if (p.const !== undefined) picked[name] = p.const;
    else if (p.enum?.length === 1) picked[name] = p.enum[0];
  }
  return picked;
}

function send(method: string, path: string, body: unknown, as: SessionUser | "key" | null) {
  return ctx.app.request(path, {
    method,
    headers: {
      ...(as === "key" ? { Authorization: `Bearer ${key}` } : { Origin: TEST_ORIGIN }),
      ...(as && as !== "key" ? { "x-test-user": JSON.stringify(as) } : {}),
      "Content-Type": "application/json",
      "Idempotency-Key": `mass-${randomUUID()}`,
    },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  const docs = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "mass-1" }]);
  await ctx.services.slotIndex.ready();
  const [p] = await bulkPatients(ctx, 1, [CLINIC_A]);
  if (!p) throw new Error("no patient");
  patient = asPatient(p);
  patientReferral = p.referralIds[0] ?? "";
  const [slot] = await freeSlotsOf(ctx, docs["mass-1"] ?? "", 1);
  slotId = slot?.id ?? "";
  staff = await staffOf(ctx, CLINIC_A);
  key = await clinicKey(ctx, CLINIC_A, [...CLINIC_API_PERMISSIONS]);
  const { userId } = await provisionAccount(ctx.services, {
    email: "admin.mass@priyom.example.ru",
    password: "Admin-password-1",
    name: "Администратор",
    role: "admin",
  });
  admin = { id: userId, role: "admin", sessionId: `ses_${userId}` };
}, 120_000);
afterAll(async () => {
  await ctx.close();
});

describe("mass assignment", () => {
  it("refuses, on every JSON route of the OpenAPI document, each smuggled key it does not name", async () => {
    const doc = (await (await ctx.app.request("/api/openapi.json")).json()) as OpenApiDocument;
    const before = await databaseState();
    const failures: string[] = [];
    let routes = 0;
    for (const [openApiPath, operations] of Object.entries(doc.paths)) {
      const path = openApiPath.replace(/\{[^}]+\}/g, "id_0000000000");
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content?.["application/json"]?.schema;
        if (!schema) continue;
        routes += 1;
        // A discriminated union is closed branch by branch; a key no branch names is smuggled.
        const branches = schema.oneOf ?? schema.anyOf ?? [schema];
        const unionKeys = branches.length > 1 ? Object.keys(discriminatorOf(branches[0])) : [];
        const named = branches.flatMap((branch) => Object.keys(branch.properties ?? {}));
        const smuggled = SMUGGLED.filter((k) => !named.includes(k) && !unionKeys.includes(k));
        if (branches.some((branch) => branch.additionalProperties !== false)) {
          failures.push(`${method} ${openApiPath}: schema not closed`);
        }
        const body: Record<string, unknown> = {
          // A union's discriminator (`channel`), so the branch is chosen and its keys checked.
          ...discriminatorOf(branches[0]),
          ...Object.fromEntries(smuggled.map((k) => [k, k === "role" ? "admin" : "smuggled"])),
        };
        // Whoever may call it: the refusal must not depend on the caller's role.
        let named400 = false;
        for (const as of [patient, staff, admin, "key", null] as const) {
          const res = await send(method.toUpperCase(), path, body, as);
          const answer = (await res.json().catch(() => ({}))) as {
            error?: { fields?: Record<string, string> };
          };
          if (res.status < 300)
            failures.push(`${method} ${openApiPath} accepted smuggled keys → ${res.status}`);
          if (res.status === 400 && smuggled.every((k) => answer.error?.fields?.[k])) named400 = true;
        }
        if (smuggled.length > 0 && !named400)
          failures.push(`${method} ${openApiPath}: no 400 naming ${smuggled.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(routes).toBeGreaterThan(30);
    expect(await databaseState()).toEqual(before);
  }, 300_000);

  it("refuses an otherwise valid booking, priority request, referral and profile carrying a smuggled key", async () => {
    const before = await databaseState();
    const cases: [string, string, unknown, SessionUser, string][] = [
      [
        "POST",
        "/api/v1/appointments",
        {
          referralId: patientReferral,
          slotId,
          contactPhone: "+79990001122",
          patientId: staff.id,
          status: "done",
        },
        patient,
        "patientId,status",
      ],
      [
        "POST",
        "/api/v1/priority-requests",
        {
          referralId: patientReferral,
          reason: "Терапевт просит принять раньше",
          urgency: "normal",
          status: "approved",
        },
        patient,
        "status",
      ],
      ["POST", "/api/v1/staff/referrals", { ...issueRequest(), clinicId: "cln_ekb0007" }, staff, "clinicId"],
      [
        "POST",
        "/api/v1/widget/tokens",
        { origin: "https://partner.example.ru", userId: staff.id },
        patient,
        "userId",
      ],
      [
        "POST",
        "/api/v1/admin/partners",
        { name: "Партнёр", origin: "https://p.example.ru", role: "admin" },
        admin,
        "role",
      ],
    ];
    for (const [method, path, body, as, field] of cases) {
      const res = await send(method, path, body, as);
      const answer = (await res.json()) as { error?: { code: string; fields?: Record<string, string> } };
      expect(res.status, path).toBe(400);
      expect(answer.error?.code, path).toBe("validation_failed");
      const smuggled = field.split(",");
      expect(Object.keys(answer.error?.fields ?? {}).sort(), path).toEqual(smuggled.sort());
      for (const key of smuggled) expect(answer.error?.fields?.[key], path).toMatch(/[а-я]/);
    }
    expect(await databaseState()).toEqual(before);

    // The same booking without the smuggled keys goes through: the refusal was the key, not the body.
    const booked = await send(
      "POST",
      "/api/v1/appointments",
      { referralId: patientReferral, slotId, contactPhone: "+79990001122" },
      patient,
    );
    expect(booked.status).toBe(201);
  });
});
