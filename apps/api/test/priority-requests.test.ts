import {
  ZBookingErrorBody,
  ZErrorBody,
  ZPriorityRequest,
  ZPriorityRequestListResponse,
  ZStaffPriorityRequest,
  ZStaffPriorityRequestListResponse,
  ZStaffPrioritySlotsResponse,
} from "@priyom/contracts";
import { appointments, auditEvents, priorityRequests, referrals, slots } from "@priyom/db";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import { asAdmin, json, notificationsOf } from "./after-booking-fixtures.ts";
import { asPatient, bulkPatients, doctorsWithSchedule } from "./booking-fixtures.ts";
import { CLINIC_A, CLINIC_B, staffOf } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let docs: Record<string, string> = {};
let staffA: SessionUser;
const admin = asAdmin("usr_priority_admin");

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "pr-1" },
    { externalId: "pr-neuro", specialty: "neurologist" },
  ]);
  await doctorsWithSchedule(ctx, CLINIC_B, [{ externalId: "pr-b" }]);
  staffA = await staffOf(ctx, CLINIC_A);
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

const referralOf = (p: BulkPatient) => p.referralIds[0] ?? "";
const REASON = "Боли в груди усилились, терапевт просит принять раньше";

async function patients(n: number) {
  const made = await bulkPatients(ctx, n, [CLINIC_A]);
  if (made.length !== n) throw new Error("no patients");
  return made;
}

async function file(p: BulkPatient, body: Record<string, unknown> = {}) {
  const res = await ctx.request("POST", "/api/v1/priority-requests", {
    as: asPatient(p),
    body: { referralId: referralOf(p), reason: REASON, urgency: "normal", ...body },
  });
  return { status: res.status, body: await json(res) };
}

async function filed(p: BulkPatient, body: Record<string, unknown> = {}) {
  const res = await file(p, body);
  expect(res.status).toBe(201);
  return ZPriorityRequest.parse(res.body);
}

async function queue(status = "pending") {
  const res = await ctx.request("GET", `/api/v1/staff/priority-requests?status=${status}`, { as: admin });
  expect(res.status).toBe(200);
  return ZStaffPriorityRequestListResponse.parse(await res.json()).items;
}

async function slotsFor(id: string) {
  const res = await ctx.request("GET", `/api/v1/staff/priority-requests/${id}/slots`, { as: admin });
  expect(res.status).toBe(200);
  return ZStaffPrioritySlotsResponse.parse(await res.json()).items;
}

const approve = (id: string, slotId: string, as: SessionUser = admin) =>
  ctx.request("POST", `/api/v1/staff/priority-requests/${id}/approve`, { as, body: { slotId } });

async function requestRow(id: string) {
  const [row] = await ctx.services.db.select().from(priorityRequests).where(eq(priorityRequests.id, id));
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

const journalOf = async (action: string, id: string) =>
  (
    await ctx.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, action))
      .orderBy(desc(auditEvents.id))
  ).filter((r) => r.details.priorityRequestId === id);

describe("a patient's priority requests", () => {
  it("files a request, lists it, refuses a second pending one, and withdraws it", async () => {
    const [p, stranger] = await patients(2);
    if (!p || !stranger) throw new Error("no patients");
    const request = await filed(p, { urgency: "urgent" });
    expect(request).toMatchObject({
      status: "pending",
      urgency: "urgent",
      reason: REASON,
      referral: { id: referralOf(p), specialty: "Кардиолог" },
      decisionReason: null,
      appointmentId: null,
      decidedAt: null,
    });
    expect(await journalOf("priority.create", request.id)).toMatchObject([
      { result: "success", actorUserId: p.userId, details: { referralId: referralOf(p), urgency: "urgent" } },
    ]);
    // The journal keeps ids and codes, never the patient's words.
    expect(JSON.stringify((await journalOf("priority.create", request.id))[0]?.details)).not.toContain(
      "груди",
    );

    const twice = await file(p);
    expect(twice.status).toBe(409);
    expect(ZErrorBody.parse(twice.body).error).toMatchObject({
      code: "priority_request_pending",
      message: "По этому направлению уже есть заявка на рассмотрении",
    });

    const mine = await ctx.request("GET", "/api/v1/priority-requests", { as: asPatient(p) });
    expect(ZPriorityRequestListResponse.parse(await mine.json()).items.map((r) => r.id)).toEqual([
      request.id,
    ]);
    const theirs = await ctx.request("GET", "/api/v1/priority-requests", { as: asPatient(stranger) });
    expect(ZPriorityRequestListResponse.parse(await theirs.json()).items).toEqual([]);
    const strangerWithdraws = await ctx.request("POST", `/api/v1/priority-requests/${request.id}/withdraw`, {
      as: asPatient(stranger),
    });
    expect(strangerWithdraws.status).toBe(404);

    const withdrawn = await ctx.request("POST", `/api/v1/priority-requests/${request.id}/withdraw`, {
      as: asPatient(p),
    });
    expect(withdrawn.status).toBe(200);
    expect(ZPriorityRequest.parse(await withdrawn.json())).toMatchObject({ status: "withdrawn" });
    expect(await journalOf("priority.withdraw", request.id)).toHaveLength(1);
    expect((await queue()).some((r) => r.id === request.id)).toBe(false);
    const again = await ctx.request("POST", `/api/v1/priority-requests/${request.id}/withdraw`, {
      as: asPatient(p),
    });
    expect(again.status).toBe(409);
    // Withdrawn, the referral may be asked for again.
    expect((await file(p)).status).toBe(201);
  });

  it("refuses a short reason, a referral that cannot be booked, and another account's referral", async () => {
    const [p, q, stranger] = await patients(3);
    if (!p || !q || !stranger) throw new Error("no patients");
    const short = await file(p, { reason: "  срочно  " });
    expect(short.status).toBe(400);
    expect(ZErrorBody.parse(short.body).error.fields).toEqual({
      reason: "Опишите, почему нужна срочная запись: от 10 до 1000 символов",
    });
    await ctx.services.db
      .update(referrals)
      .set({ status: "used" })
      .where(eq(referrals.id, referralOf(q)));
    const used = await file(q);
    expect(used.status).toBe(400);
    expect(ZErrorBody.parse(used.body).error.fields).toEqual({ referralId: "Направление уже использовано" });
    const theirs = await ctx.request("POST", "/api/v1/priority-requests", {
      as: asPatient(stranger),
      body: { referralId: referralOf(p), reason: REASON, urgency: "normal" },
    });
    expect(theirs.status).toBe(404);
    expect(
      await ctx.services.db.select().from(priorityRequests).where(eq(priorityRequests.userId, p.userId)),
    ).toEqual([]);
  });
});

describe("the administrators' queue", () => {
  it("lists pending requests urgent first, then oldest, with the patient's name and birth year", async () => {
    const [older, newer, urgent] = await patients(3);
    if (!older || !newer || !urgent) throw new Error("no patients");
    const a = await filed(older);
    const b = await filed(newer);
    const c = await filed(urgent, { urgency: "urgent" });
    const ours = (await queue()).filter((r) => [a.id, b.id, c.id].includes(r.id));
    expect(ours.map((r) => r.id)).toEqual([c.id, a.id, b.id]);
    expect(ours[0]).toMatchObject({
      patient: { name: "Тестовый Пациент", birthYear: 1985 },
      referral: { id: referralOf(urgent), specialtyCode: "cardiologist", specialty: "Кардиолог" },
    });
    // Whatever the order of the rest, every urgent one comes before every normal one.
    const all = await queue();
    const firstNormal = all.findIndex((r) => r.urgency === "normal");
    expect(all.slice(firstNormal).every((r) => r.urgency === "normal")).toBe(true);
  });

  it("offers free slots of the referral's specialty in its clinics, before its last day, nearest first", async () => {
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const request = await filed(p);
    const items = await slotsFor(request.id);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((s) => s.clinic.id === CLINIC_A)).toBe(true);
    expect(items.some((s) => s.doctor.id === docs["pr-neuro"])).toBe(false);
    const starts = items.map((s) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
    const [referral] = await ctx.services.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, referralOf(p)));
    expect(items.every((s) => s.localDate <= (referral?.lastValidDay ?? ""))).toBe(true);
    expect(items.every((s) => new Date(s.startsAt).getTime() > Date.now())).toBe(true);
  });

  it("approves by booking the chosen slot for the patient; a taken slot is refused and the request stays pending", async () => {
    const [first, second] = await patients(2);
    if (!first || !second) throw new Error("no patients");
    const one = await filed(first);
    const two = await filed(second);
    const [slot, other] = await slotsFor(one.id);
    if (!slot || !other) throw new Error("no free slots");

    const approved = await approve(one.id, slot.slotId);
    expect(approved.status).toBe(200);
    const decided = ZStaffPriorityRequest.parse(await approved.json());
    expect(decided).toMatchObject({ status: "approved", decisionReason: null });
    expect(decided.appointmentId).toMatch(/^apt_/);
    const [appointment] = await ctx.services.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, decided.appointmentId ?? ""));
    expect(appointment).toMatchObject({
      userId: first.userId,
      slotId: slot.slotId,
      referralId: referralOf(first),
      status: "booked",
      contactPhone: first.phone,
    });
    const [slotAfter] = await ctx.services.db.select().from(slots).where(eq(slots.id, slot.slotId));
    expect(slotAfter?.status).toBe("booked");
    expect(await requestRow(one.id)).toMatchObject({ decidedByUserId: admin.id, status: "approved" });
    const notes = await notificationsOf(ctx, first.userId, ["priority_decided"]);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.title).toBe("Заявка на приоритетную запись одобрена");
    expect(notes[0]?.body).toContain(slot.localTime);
    expect(await journalOf("priority.approve", one.id)).toMatchObject([
      { result: "success", actorUserId: admin.id, subjectUserId: first.userId },
    ]);
    // The booking's own journal entry names the administrator as the one who acted.
    const [booking] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "appointment.book"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(booking).toMatchObject({ actorUserId: admin.id, subjectUserId: first.userId });

    // The same slot for the second request: refused with alternatives, the request stays pending.
    const refused = await approve(two.id, slot.slotId);
    expect(refused.status).toBe(409);
    const error = ZBookingErrorBody.parse(await refused.json()).error;
    expect(error.code).toBe("slot_taken");
    expect(error.alternatives?.length).toBeGreaterThan(0);
    expect(await requestRow(two.id)).toMatchObject({
      status: "pending",
      appointmentId: null,
      decidedAt: null,
    });
    expect(await journalOf("priority.approve", two.id)).toMatchObject([
      { result: "failure", details: { code: "slot_taken" } },
    ]);
    expect(await notificationsOf(ctx, second.userId, ["priority_decided"])).toEqual([]);
    // Another slot then: decided afresh.
    const next = await approve(two.id, other.slotId);
    expect(next.status).toBe(200);
    expect(ZStaffPriorityRequest.parse(await next.json()).status).toBe("approved");
    // Approving a decided request again is a conflict.
    const twice = await approve(one.id, other.slotId);
    expect(twice.status).toBe(409);
    expect(ZErrorBody.parse(await twice.json()).error.code).toBe("priority_request_decided");
  });

  it("declines with a reason the patient is told", async () => {
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const request = await filed(p);
    const path = `/api/v1/staff/priority-requests/${request.id}/decline`;
    const short = await ctx.request("POST", path, { as: admin, body: { reason: " нет " } });
    expect(short.status).toBe(400);
    expect(ZErrorBody.parse(await short.json()).error.fields).toEqual({
      reason: "Укажите причину отказа: не менее 5 символов",
    });
    expect((await requestRow(request.id)).status).toBe("pending");
    const reason = "Свободное время есть в течение гарантированного срока";
    const declined = await ctx.request("POST", path, { as: admin, body: { reason } });
    expect(declined.status).toBe(200);
    expect(ZStaffPriorityRequest.parse(await declined.json())).toMatchObject({
      status: "declined",
      decisionReason: reason,
      appointmentId: null,
    });
    const mine = await ctx.request("GET", "/api/v1/priority-requests", { as: asPatient(p) });
    expect(ZPriorityRequestListResponse.parse(await mine.json()).items[0]).toMatchObject({
      status: "declined",
      decisionReason: reason,
    });
    const notes = await notificationsOf(ctx, p.userId, ["priority_decided"]);
    expect(notes.map((n) => n.title)).toEqual(["Заявка на приоритетную запись отклонена"]);
    expect(notes[0]?.body).toContain(reason);
    const entries = await journalOf("priority.decline", request.id);
    expect(entries).toMatchObject([{ actorUserId: admin.id, subjectUserId: p.userId }]);
    expect(JSON.stringify(entries[0]?.details)).not.toContain("гарантированного");
    expect((await ctx.request("POST", path, { as: admin, body: { reason } })).status).toBe(409);
  });
});

describe("who may reach the staff routes", () => {
  it("refuses patients and clinic staff (403), anonymous (401), and answers 404 for an unknown request", async () => {
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const request = await filed(p);
    const [slot] = await slotsFor(request.id);
    const routes: [string, string, unknown][] = [
      ["GET", "/api/v1/staff/priority-requests", undefined],
      ["GET", `/api/v1/staff/priority-requests/${request.id}/slots`, undefined],
      ["POST", `/api/v1/staff/priority-requests/${request.id}/approve`, { slotId: slot?.slotId }],
      ["POST", `/api/v1/staff/priority-requests/${request.id}/decline`, { reason: "Причина отказа" }],
    ];
    for (const [method, path, body] of routes) {
      for (const as of [asPatient(p), staffA]) {
        expect((await ctx.request(method, path, { as, body })).status).toBe(403);
      }
      expect((await ctx.request(method, path, { body })).status).toBe(401);
    }
    expect(await requestRow(request.id)).toMatchObject({ status: "pending", appointmentId: null });
    expect((await approve("prq_doesnotexist", slot?.slotId ?? "")).status).toBe(404);
  });
});
