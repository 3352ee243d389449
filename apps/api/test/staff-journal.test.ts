import { randomBytes } from "node:crypto";
import { ZErrorBody, ZFailedMessageListResponse, ZJournalResponse } from "@priyom/contracts";
import { outboxMessages } from "@priyom/db";
import { addDays } from "@priyom/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/audit.ts";
import type { SessionUser } from "../src/context.ts";
import { asAdmin } from "./after-booking-fixtures.ts";
import { CLINIC_A, CLINIC_B, staffOf } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let staffA: SessionUser;
const admin = asAdmin("usr_journal_admin");
const patient: SessionUser = { id: "usr_journal_patient", role: "patient", sessionId: "ses_jp" };
/** A family of actions of this file only, so other entries never get in the way. */
const FAMILY = `jt${randomBytes(3).toString("hex").replace(/\d/g, "x")}`;

beforeAll(async () => {
  ctx = await createTestContext();
  staffA = await staffOf(ctx, CLINIC_A);
  const entries: Parameters<typeof recordAudit>[1][] = [
    { action: `${FAMILY}.alpha`, result: "success", details: { clinicId: CLINIC_A, slotId: "slt_1" } },
    { action: `${FAMILY}.alpha`, result: "success", details: { clinicId: CLINIC_B } },
    { action: `${FAMILY}.alpha`, result: "success", details: { n: 3 } },
    {
      action: `${FAMILY}.beta`,
      result: "failure",
      actorUserId: "usr_someone",
      details: {
        clinicId: CLINIC_A,
        code: "slot_taken",
        // A writer that slipped: contacts and document numbers never leave the journal.
        contact: "ivanov@example.ru",
        phone: "+7 916 123-45-67",
        lastValidDay: "2025-03-02",
        referralId: "ref_1234567890123abc",
      },
    },
  ];
  for (const entry of entries) await recordAudit(ctx.services.db, entry);
});
afterAll(async () => {
  await ctx.close();
});

async function journal(query: string, as: SessionUser = admin) {
  const res = await ctx.request("GET", `/api/v1/staff/journal?${query}`, { as });
  expect(res.status).toBe(200);
  return ZJournalResponse.parse(await res.json());
}

describe("the journal", () => {
  it("lists newest first and pages on by id", async () => {
    const page1 = await journal(`action=${FAMILY}.alpha&limit=2`);
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((e) => e.action === `${FAMILY}.alpha`)).toBe(true);
    const ids = page1.items.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page1.nextBefore).toBe(page1.items[1]?.id);
    const page2 = await journal(`action=${FAMILY}.alpha&limit=2&before=${page1.nextBefore ?? ""}`);
    expect(page2.items).toHaveLength(1);
    expect(Number(page2.items[0]?.id)).toBeLessThan(Math.min(...ids));
    expect(page2.nextBefore).toBeNull();
    expect(page2.items[0]?.details).toEqual({ clinicId: CLINIC_A, slotId: "slt_1" });
  });

  it("filters by a family of actions, by result and by UTC days", async () => {
    const family = await journal(`action=${FAMILY}.*`);
    expect(family.items.map((e) => e.action).sort()).toEqual([
      `${FAMILY}.alpha`,
      `${FAMILY}.alpha`,
      `${FAMILY}.alpha`,
      `${FAMILY}.beta`,
    ]);
    const failures = await journal(`action=${FAMILY}.*&result=failure`);
    expect(failures.items.map((e) => e.action)).toEqual([`${FAMILY}.beta`]);
    expect(failures.items[0]).toMatchObject({ result: "failure", actorUserId: "usr_someone" });
    // The UTC day the entries were written on.
    const day = family.items[0]?.at.slice(0, 10) ?? "";
    expect(family.items.every((e) => e.at.startsWith(day))).toBe(true);
    expect((await journal(`action=${FAMILY}.*&from=${day}&to=${day}`)).items).toHaveLength(4);
    expect((await journal(`action=${FAMILY}.*&from=${addDays(day, 1)}`)).items).toEqual([]);
    expect((await journal(`action=${FAMILY}.*&to=${addDays(day, -1)}`)).items).toEqual([]);
  });

  it("shows ids and codes only: contacts and document numbers inside details are hidden", async () => {
    const [entry] = (await journal(`action=${FAMILY}.beta`)).items;
    expect(entry?.details).toEqual({
      clinicId: CLINIC_A,
      code: "slot_taken",
      contact: "***",
      phone: "***",
      lastValidDay: "2025-03-02",
      referralId: "ref_1234567890123abc",
    });
  });

  it("shows clinic staff only the entries about their clinic", async () => {
    const seen = await journal(`action=${FAMILY}.*`, staffA);
    expect(seen.items.map((e) => e.action).sort()).toEqual([`${FAMILY}.alpha`, `${FAMILY}.beta`]);
    expect(seen.items.every((e) => e.details.clinicId === CLINIC_A)).toBe(true);
  });

  it("refuses patients (403) and anonymous (401), and names a bad filter in Russian", async () => {
    expect((await ctx.request("GET", "/api/v1/staff/journal", { as: patient })).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/staff/journal")).status).toBe(401);
    const bad = await ctx.request("GET", "/api/v1/staff/journal?limit=0&from=02.03.2025", { as: admin });
    expect(bad.status).toBe(400);
    expect(ZErrorBody.parse(await bad.json()).error.fields).toEqual({
      limit: "Число записей: от 1 до 100",
      from: "Дата в формате ГГГГ-ММ-ДД",
    });
  });
});

describe("failed notifications", () => {
  it("lists failed messages and those still retried after many failures to administrators, the recipient masked", async () => {
    const ids = ["msg_failed_sms", "msg_failed_email", "msg_pending_sms", "msg_retrying_sms"];
    await ctx.services.db.insert(outboxMessages).values([
      {
        id: "msg_failed_sms",
        channel: "sms",
        recipient: "+79161234545",
        body: "Вы записаны к врачу",
        kind: "booking_confirmed",
        status: "failed",
        attempts: 8,
        lastError: "Error: gateway refused +79161234545",
      },
      {
        id: "msg_failed_email",
        channel: "email",
        recipient: "ivanov@example.ru",
        subject: "Запись",
        body: "Вы записаны к врачу",
        kind: "waitlist_offer",
        status: "failed",
        attempts: 8,
        lastError: "Error: 550 mailbox unavailable",
      },
      { id: "msg_pending_sms", channel: "sms", recipient: "+79160000045", body: "…", status: "pending" },
      {
        id: "msg_retrying_sms",
        channel: "sms",
        recipient: "+79160000046",
        body: "…",
        status: "pending",
        attempts: 9,
        lastError: "Error: gateway timeout",
      },
    ]);
    const res = await ctx.request("GET", "/api/v1/staff/notifications/failed", { as: admin });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("9161234545");
    expect(text).not.toContain("ivanov@");
    const items = ZFailedMessageListResponse.parse(JSON.parse(text)).items.filter((m) => ids.includes(m.id));
    expect(items.map((m) => m.id).sort()).toEqual(["msg_failed_email", "msg_failed_sms", "msg_retrying_sms"]);
    expect(items.find((m) => m.id === "msg_failed_sms")).toMatchObject({
      channel: "sms",
      kind: "booking_confirmed",
      recipientMasked: "+7 *** ***-**-45",
      attempts: 8,
      lastError: "Error: gateway refused …",
    });
    expect(items.find((m) => m.id === "msg_failed_email")).toMatchObject({
      channel: "email",
      kind: "waitlist_offer",
      recipientMasked: "i***@example.ru",
      lastError: "Error: 550 mailbox unavailable",
    });
    for (const as of [patient, staffA]) {
      expect((await ctx.request("GET", "/api/v1/staff/notifications/failed", { as })).status).toBe(403);
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes the waitlist, priority and staff routes", async () => {
    const res = await ctx.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/waitlist",
        "/api/v1/waitlist/{id}",
        "/api/v1/waitlist/{id}/accept",
        "/api/v1/waitlist/{id}/decline",
        "/api/v1/priority-requests",
        "/api/v1/priority-requests/{id}/withdraw",
        "/api/v1/staff/priority-requests",
        "/api/v1/staff/priority-requests/{id}/slots",
        "/api/v1/staff/priority-requests/{id}/approve",
        "/api/v1/staff/priority-requests/{id}/decline",
        "/api/v1/staff/journal",
        "/api/v1/staff/notifications/failed",
      ]),
    );
    expect(Object.keys(doc.paths["/api/v1/waitlist/{id}"] ?? {})).toEqual(["delete"]);
  });
});
