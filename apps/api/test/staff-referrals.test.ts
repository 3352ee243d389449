import type { TClinicReferral } from "@priyom/contracts";
import { referralEvents, referrals } from "@priyom/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import {
  asClinic,
  CLINIC_A,
  CLINIC_B,
  clinicKey,
  doctorBody,
  issueRequest,
  staffOf,
  todayIn,
  WEEKDAY_SCHEDULE,
} from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let staffA: SessionUser;
let staffB: SessionUser;
const patient: SessionUser = { id: "usr_staff_test_patient", role: "patient", sessionId: "ses_p" };
const orphan: SessionUser = { id: "usr_staff_without_clinic", role: "clinic_staff", sessionId: "ses_o" };

beforeAll(async () => {
  ctx = await createTestContext();
  staffA = await staffOf(ctx, CLINIC_A);
  staffB = await staffOf(ctx, CLINIC_B);
  const keyA = await clinicKey(ctx, CLINIC_A);
  expect(
    (await asClinic(ctx, keyA, "PUT", "/api/v1/clinic/doctors/card-1", doctorBody("card-1"))).status,
  ).toBe(201);
  expect(
    (await asClinic(ctx, keyA, "PUT", "/api/v1/clinic/doctors/card-1/schedule", WEEKDAY_SCHEDULE)).status,
  ).toBe(200);
});
afterAll(async () => {
  await ctx.close();
});

const post = (as: SessionUser, path: string, body: unknown) =>
  ctx.request("POST", `/api/v1/staff/referrals${path}`, { as, body });

describe("staff referral routes", () => {
  it("staff of A issues (actor staff:<id>), repeats idempotently, extends, withdraws, lists A's only", async () => {
    const body = issueRequest();
    const issued = await post(staffA, "", body);
    expect(issued.status).toBe(201);
    const referral = (await issued.json()) as TClinicReferral;
    expect((await post(staffA, "", body)).status).toBe(200);
    const [row] = await ctx.services.db.select().from(referrals).where(eq(referrals.number, body.number));
    expect(row?.issuingClinicId).toBe(CLINIC_A);

    const extended = await post(staffA, `/${body.number}/extend`, {
      validityDays: 60,
      reason: "Продолжение наблюдения",
    });
    expect(extended.status).toBe(200);
    expect(((await extended.json()) as TClinicReferral).validityDays).toBe(60);
    const withdrawn = await post(staffA, `/${body.number}/withdraw`, { reason: "Пациент переведён" });
    expect(withdrawn.status).toBe(200);

    const events = await ctx.services.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id));
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ["issued", `staff:${staffA.id}`],
      ["extended", `staff:${staffA.id}`],
      ["withdrawn", `staff:${staffA.id}`],
    ]);

    const ofB = issueRequest({ issuedOn: todayIn("Asia/Yekaterinburg") });
    expect((await post(staffB, "", ofB)).status).toBe(201);
    const list = await ctx.request("GET", "/api/v1/staff/referrals", { as: staffA });
    expect(list.status).toBe(200);
    const items = (await list.json()) as TClinicReferral[];
    expect(items.map((r) => r.number)).toContain(body.number);
    expect(items.map((r) => r.number)).not.toContain(ofB.number);
  });

  it("staff of A cannot extend or withdraw B's referral (404), nor see it", async () => {
    const ofB = issueRequest({ issuedOn: todayIn("Asia/Yekaterinburg") });
    expect((await post(staffB, "", ofB)).status).toBe(201);
    const extend = await post(staffA, `/${ofB.number}/extend`, {
      validityDays: 60,
      reason: "Продолжение наблюдения",
    });
    const withdraw = await post(staffA, `/${ofB.number}/withdraw`, { reason: "Пациент переведён" });
    expect([extend.status, withdraw.status]).toEqual([404, 404]);
    const [row] = await ctx.services.db.select().from(referrals).where(eq(referrals.number, ofB.number));
    expect(row).toMatchObject({ status: "active", validityDays: 30 });
  });

  it("same validation: every field error at once", async () => {
    const res = await post(staffA, "", { ...issueRequest(), number: "1", diagnosisCode: "x" });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["diagnosisCode", "number"]);
  });

  it("a patient is 403, nobody is 401, staff without a clinic row is 403", async () => {
    expect((await post(patient, "", issueRequest())).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/staff/referrals", { as: patient })).status).toBe(403);
    expect((await ctx.request("POST", "/api/v1/staff/referrals", { body: issueRequest() })).status).toBe(401);
    expect((await post(orphan, "", issueRequest())).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/staff/referrals", { as: orphan })).status).toBe(403);
  });

  it("a clinic key cannot stand in for a staff session on the staff routes", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    const res = await asClinic(ctx, key, "POST", "/api/v1/staff/referrals", issueRequest());
    expect(res.status).toBe(401);
  });
});
