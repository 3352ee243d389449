import {
  ZAppointment,
  ZDoctorScheduleResult,
  ZScheduleConflictBody,
  ZStaffDoctorListResponse,
  ZStaffSchedule,
  type TDoctorScheduleRequest,
} from "@priyom/contracts";
import { auditEvents, slots } from "@priyom/db";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { book, bulkPatients, doctorsWithSchedule, freeSlotsOf } from "./booking-fixtures.ts";
import { asClinic, CLINIC_A, CLINIC_B, clinicKey, staffOf, WEEKDAY_SCHEDULE } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let staffA: SessionUser;
let docs: Record<string, string> = {};
const patient: SessionUser = { id: "usr_schedule_test_patient", role: "patient", sessionId: "ses_p" };
const orphan: SessionUser = { id: "usr_schedule_without_clinic", role: "clinic_staff", sessionId: "ses_o" };

beforeAll(async () => {
  ctx = await createTestContext();
  staffA = await staffOf(ctx, CLINIC_A);
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "card-1" }, { externalId: "card-2" }]);
  await doctorsWithSchedule(ctx, CLINIC_B, [{ externalId: "card-b" }]);
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

const doc = (name: string) => docs[name] ?? "";
const path = (externalId: string) => `/api/v1/staff/doctors/${externalId}/schedule`;
const put = (as: SessionUser, externalId: string, body: unknown) =>
  ctx.request("PUT", path(externalId), { as, body });
const isoWeekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

async function freeStartsOn(doctorId: string, date: string): Promise<string[]> {
  const res = await ctx.request("GET", `/api/v1/doctors/${doctorId}/slots?date=${date}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { slots: { localTime: string }[] }).slots.map((s) => s.localTime);
}

async function lastJournalEntry() {
  const [row] = await ctx.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, "schedule.replace"))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

describe("staff schedule routes: happy path", () => {
  it("lists the clinic's doctors (not another clinic's), by name, with the clinic's own ids", async () => {
    const res = await ctx.request("GET", "/api/v1/staff/doctors", { as: staffA });
    expect(res.status).toBe(200);
    const { items } = ZStaffDoctorListResponse.parse(await res.json());
    expect(items.map((d) => d.externalId).sort()).toEqual(["card-1", "card-2"]);
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^doc_/) as string,
      externalId: expect.any(String) as string,
      name: "Кузнецов Андрей Сергеевич",
      specialty: "cardiologist",
      room: "214",
    });
  });

  it("reads the schedule back as published, with the clinic's zone; sending it back changes nothing", async () => {
    const res = await ctx.request("GET", path("card-2"), { as: staffA });
    expect(res.status).toBe(200);
    const schedule = ZStaffSchedule.parse(await res.json());
    expect(schedule).toEqual({
      timeZone: "Europe/Moscow",
      rules: WEEKDAY_SCHEDULE.rules.map((r) => ({ ...r, breaks: [] })),
      exceptions: [],
    });
    const { timeZone: _zone, ...body } = schedule;
    const again = await put(staffA, "card-2", body);
    expect(again.status).toBe(200);
    expect(ZDoctorScheduleResult.parse(await again.json()).slotsBlocked).toBe(0);
  });

  it("a day off closes that day's free slots (index and database), journals the change; reads back", async () => {
    const [slot] = await freeSlotsOf(ctx, doc("card-2"));
    const date = slot?.localDate ?? "";
    expect(await freeStartsOn(doc("card-2"), date)).not.toEqual([]);
    const body: TDoctorScheduleRequest = {
      rules: WEEKDAY_SCHEDULE.rules.map((r) =>
        r.weekday === 1 ? { ...r, breaks: [{ from: "12:00", to: "12:30" }] } : r,
      ),
      exceptions: [{ date, kind: "day_off" }],
    };
    const res = await put(staffA, "card-2", body);
    expect(res.status).toBe(200);
    const result = ZDoctorScheduleResult.parse(await res.json());
    // 09:00–15:00 at 30 minutes = 12 slots that day.
    expect(result.slotsBlocked).toBeGreaterThanOrEqual(12);
    expect(await freeStartsOn(doc("card-2"), date)).toEqual([]);
    const left = await ctx.services.db
      .select()
      .from(slots)
      .where(and(eq(slots.doctorId, doc("card-2")), eq(slots.localDate, date), eq(slots.status, "free")));
    expect(left).toEqual([]);

    const entry = await lastJournalEntry();
    expect(entry).toMatchObject({
      result: "success",
      actorUserId: staffA.id,
      details: {
        doctorExternalId: "card-2",
        rules: 5,
        exceptions: 1,
        slotsFree: result.slotsFree,
        slotsBlocked: result.slotsBlocked,
      },
    });

    const read = ZStaffSchedule.parse(
      await (await ctx.request("GET", path("card-2"), { as: staffA })).json(),
    );
    expect(read.exceptions).toEqual([{ date, kind: "day_off" }]);
    expect(read.rules[0]).toEqual({
      weekday: 1,
      from: "09:00",
      to: "15:00",
      breaks: [{ from: "12:00", to: "12:30" }],
      visitMinutes: 30,
    });
  });
});

describe("staff schedule routes: errors", () => {
  it("names each faulty field in Russian (rules[0].to before from, exceptions[0].from off the grid)", async () => {
    const before = await ctx.request("GET", path("card-2"), { as: staffA });
    const res = await put(staffA, "card-2", {
      rules: [
        { weekday: 1, from: "15:00", to: "09:00", visitMinutes: 30 },
        { weekday: 2, from: "09:00", to: "15:00", visitMinutes: 30 },
      ],
      exceptions: [{ date: "2030-01-10", kind: "other_hours", from: "09:10", to: "12:00", visitMinutes: 30 }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields["rules[0].to"]).toBe("Время начала должно быть раньше времени окончания");
    expect(body.error.fields["exceptions[0].from"]).toBe(
      "Время должно быть кратно 15 минутам (например, 09:00, 09:15)",
    );
    // Nothing was written.
    const after = await ctx.request("GET", path("card-2"), { as: staffA });
    expect(await after.json()).toEqual(await before.json());
  });

  it("a change that drops a booked visit is 409 with those appointments; nothing changes; journaled", async () => {
    const [p] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!p) throw new Error("no patient");
    const [slot] = await freeSlotsOf(ctx, doc("card-1"));
    const booked = await book(ctx, p, { referralId: p.referralIds[0] ?? "", slotId: slot?.id ?? "" });
    expect(booked.status).toBe(201);
    const appointment = ZAppointment.parse(booked.body);
    const weekday = isoWeekday(slot?.localDate ?? "");

    const res = await put(staffA, "card-1", {
      rules: WEEKDAY_SCHEDULE.rules.filter((r) => r.weekday !== weekday),
      exceptions: [],
    });
    expect(res.status).toBe(409);
    const conflict = ZScheduleConflictBody.parse(await res.json());
    expect(conflict.error.message).toBe(
      "Изменение расписания затрагивает записи пациентов: сначала отмените их",
    );
    expect(conflict.error.appointments).toContainEqual({
      id: appointment.id,
      ticketNumber: appointment.ticketNumber,
      localDate: slot?.localDate,
      localTime: slot?.localTime,
      timeZone: "Europe/Moscow",
    });
    const [still] = await ctx.services.db
      .select()
      .from(slots)
      .where(eq(slots.id, slot?.id ?? ""));
    expect(still?.status).toBe("booked");
    const read = ZStaffSchedule.parse(
      await (await ctx.request("GET", path("card-1"), { as: staffA })).json(),
    );
    expect(read.rules).toHaveLength(5);
    expect(await lastJournalEntry()).toMatchObject({
      result: "failure",
      actorUserId: staffA.id,
      details: { doctorExternalId: "card-1", appointments: conflict.error.appointments.length },
    });
  });

  it("an unknown doctor is 404", async () => {
    expect((await ctx.request("GET", path("nobody"), { as: staffA })).status).toBe(404);
    expect((await put(staffA, "nobody", WEEKDAY_SCHEDULE)).status).toBe(404);
  });
});

describe("staff schedule routes: security", () => {
  it("another clinic's doctor is 404 to read and to replace, and stays as it was", async () => {
    expect((await ctx.request("GET", path("card-b"), { as: staffA })).status).toBe(404);
    expect((await put(staffA, "card-b", { rules: [], exceptions: [] })).status).toBe(404);
    const staffB = await staffOf(ctx, CLINIC_B);
    const read = ZStaffSchedule.parse(
      await (await ctx.request("GET", path("card-b"), { as: staffB })).json(),
    );
    expect(read).toMatchObject({ timeZone: "Asia/Yekaterinburg" });
    expect(read.rules).toHaveLength(5);
  });

  it("a patient is 403, nobody is 401, staff without a clinic row is 403", async () => {
    for (const [method, url, body] of [
      ["GET", "/api/v1/staff/doctors", undefined],
      ["GET", path("card-1"), undefined],
      ["PUT", path("card-1"), WEEKDAY_SCHEDULE],
    ] as const) {
      expect((await ctx.request(method, url, { as: patient, body })).status).toBe(403);
      expect((await ctx.request(method, url, { body })).status).toBe(401);
      expect((await ctx.request(method, url, { as: orphan, body })).status).toBe(403);
    }
  });

  it("a clinic key cannot stand in for a staff session", async () => {
    const key = await clinicKey(ctx, CLINIC_A);
    expect((await asClinic(ctx, key, "GET", "/api/v1/staff/doctors")).status).toBe(401);
    expect((await asClinic(ctx, key, "PUT", path("card-1"), WEEKDAY_SCHEDULE)).status).toBe(401);
  });
});
