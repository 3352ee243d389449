import {
  ZAppointment,
  ZAppointmentListResponse,
  ZBookingErrorBody,
  ZClinicCancelResponse,
  ZErrorBody,
  ZHistoryResponse,
  ZStaffAppointmentListResponse,
  type TAppointment,
} from "@priyom/contracts";
import { appointments, auditEvents, notifications, referralEvents, referrals, slots } from "@priyom/db";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import { bookAppointment } from "../src/services/booking/book.ts";
import {
  asPatient,
  book,
  bookedAppointment,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
  newKey,
  resetClock,
  setClock,
} from "./booking-fixtures.ts";
import { asClinic, CLINIC_A, CLINIC_B, clinicKey, staffOf } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let docs: Record<string, string> = {};
let staffA: SessionUser;
let staffB: SessionUser;
const admin: SessionUser = { id: "admintest1", role: "admin", sessionId: "ses_admintest1" };

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "card-1" },
    { externalId: "card-2" },
    { externalId: "card-3" },
  ]);
  await doctorsWithSchedule(ctx, CLINIC_B, [{ externalId: "card-b" }]);
  staffA = await staffOf(ctx, CLINIC_A);
  staffB = await staffOf(ctx, CLINIC_B);
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});
afterEach(() => {
  resetClock(ctx);
});

const doc = (name: string) => docs[name] ?? "";
const HOUR = 3_600_000;
const one = async (): Promise<BulkPatient> => {
  const [p] = await bulkPatients(ctx, 1, [CLINIC_A, CLINIC_B]);
  if (!p) throw new Error("no patient");
  return p;
};

/** A fresh patient with a visit on the n-th free slot of a doctor. */
async function patientWithVisit(doctor = "card-1", nth = 0) {
  const patient = await one();
  const slot = (await freeSlotsOf(ctx, doc(doctor)))[nth];
  if (!slot) throw new Error("no free slot");
  const appointment = await bookedAppointment(ctx, patient, slot.id);
  return { patient, appointment };
}

const cancel = (patient: { userId: string }, id: string, reason = "Не смогу прийти", key = newKey()) =>
  ctx.request("POST", `/api/v1/appointments/${id}/cancel`, {
    as: asPatient(patient),
    headers: { "Idempotency-Key": key },
    body: { reason },
  });
const reschedule = (patient: { userId: string }, id: string, slotId: string, key = newKey()) =>
  ctx.request("POST", `/api/v1/appointments/${id}/reschedule`, {
    as: asPatient(patient),
    headers: { "Idempotency-Key": key },
    body: { slotId },
  });

async function appointmentRow(id: string) {
  const [row] = await ctx.services.db.select().from(appointments).where(eq(appointments.id, id));
  return row;
}
async function slotStatus(id: string) {
  const [row] = await ctx.services.db.select({ status: slots.status }).from(slots).where(eq(slots.id, id));
  return row?.status;
}
async function referralStatus(id: string) {
  const [row] = await ctx.services.db
    .select({ status: referrals.status })
    .from(referrals)
    .where(eq(referrals.id, id));
  return row?.status;
}
const startOf = (a: TAppointment) => new Date(a.startsAt).getTime();

describe("cancel by the patient", () => {
  it("frees the slot, makes the referral bookable again, journals and notifies; the same key replays", async () => {
    const { patient, appointment } = await patientWithVisit("card-1");
    const key = newKey();
    const res = await cancel(patient, appointment.id, "  Не смогу   прийти ", key);
    expect(res.status).toBe(200);
    const cancelled = ZAppointment.parse(await res.json());
    expect(cancelled).toMatchObject({
      id: appointment.id,
      status: "cancelled",
      cancelledBy: "patient",
      cancelReason: "Не смогу прийти",
      changeableUntil: null,
    });
    expect(await slotStatus((await appointmentRow(appointment.id))?.slotId ?? "")).toBe("free");
    expect(await referralStatus(appointment.referral.id)).toBe("active");
    const events = await ctx.services.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, appointment.referral.id))
      .orderBy(asc(referralEvents.id));
    expect(events.map((e) => e.kind)).toEqual(["issued", "booked", "cancelled"]);
    expect(events.at(-1)?.actor).toBe(`patient:${patient.userId}`);
    const [journal] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "appointment.cancel"), eq(auditEvents.subjectUserId, patient.userId)),
      );
    expect(journal?.details).toMatchObject({
      appointmentId: appointment.id,
      ticketNumber: appointment.ticketNumber,
    });
    expect(JSON.stringify(journal?.details)).not.toContain("прийти");
    const cabinet = await ctx.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, patient.userId), eq(notifications.kind, "appointment_cancelled")));
    expect(cabinet).toHaveLength(1);
    expect(cabinet[0]?.body).toContain(appointment.ticketNumber);

    // The same key again: the first answer, nothing cancelled twice.
    const again = await cancel(patient, appointment.id, "Не смогу прийти", key);
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    // A new key on a cancelled visit: 409.
    const twice = await cancel(patient, appointment.id);
    expect(twice.status).toBe(409);
    expect(ZErrorBody.parse(await twice.json()).error.code).toBe("appointment_not_booked");

    // The referral books again, even the same slot.
    const rebook = await book(ctx, patient, {
      referralId: appointment.referral.id,
      slotId: (await appointmentRow(appointment.id))?.slotId ?? "",
    });
    expect(rebook.status).toBe(201);
  });

  it("needs a reason of 3–500 characters and an Idempotency-Key", async () => {
    const { patient, appointment } = await patientWithVisit("card-2");
    const short = await cancel(patient, appointment.id, " а ");
    expect(short.status).toBe(400);
    expect(ZErrorBody.parse(await short.json()).error.fields?.reason).toMatch(/причину/);
    const noKey = await ctx.request("POST", `/api/v1/appointments/${appointment.id}/cancel`, {
      as: asPatient(patient),
      body: { reason: "Заболел" },
    });
    expect(noKey.status).toBe(400);
    expect((await appointmentRow(appointment.id))?.status).toBe("booked");
  });

  it("24-hour limit: allowed at exactly 24 hours before the start, refused at 23 h 59 min", async () => {
    const first = await patientWithVisit("card-2", 1);
    setClock(ctx, startOf(first.appointment) - 24 * HOUR);
    expect((await cancel(first.patient, first.appointment.id)).status).toBe(200);

    const second = await patientWithVisit("card-2", 2);
    setClock(ctx, startOf(second.appointment) - 24 * HOUR + 60_000);
    const late = await cancel(second.patient, second.appointment.id);
    expect(late.status).toBe(422);
    const error = ZErrorBody.parse(await late.json()).error;
    expect(error.code).toBe("change_window_closed");
    expect(error.message).toBe("Перенести или отменить запись можно не позднее чем за 24 часа до приёма");
    expect((await appointmentRow(second.appointment.id))?.status).toBe("booked");
    expect(await referralStatus(second.appointment.referral.id)).toBe("booked");
  });
});

describe("reschedule", () => {
  it("moves the visit in one go: new ticket, old one rescheduled, old slot free, new slot booked, referral booked", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 3);
    const target = (await freeSlotsOf(ctx, doc("card-3")))[0];
    const key = newKey();
    const res = await reschedule(patient, appointment.id, target?.id ?? "", key);
    expect(res.status).toBe(201);
    const moved = ZAppointment.parse(await res.json());
    expect(moved).toMatchObject({
      status: "booked",
      localDate: target?.localDate,
      localTime: target?.localTime,
      doctor: { id: doc("card-3") },
      referral: { id: appointment.referral.id },
      contactPhone: appointment.contactPhone,
    });
    expect(moved.ticketNumber).not.toBe(appointment.ticketNumber);
    const old = await appointmentRow(appointment.id);
    expect(old).toMatchObject({ status: "rescheduled", rescheduledToId: moved.id });
    expect(old?.closedAt).not.toBeNull();
    expect(await slotStatus(old?.slotId ?? "")).toBe("free");
    expect(await slotStatus(target?.id ?? "")).toBe("booked");
    expect(await referralStatus(appointment.referral.id)).toBe("booked");
    const kinds = (
      await ctx.services.db
        .select({ kind: referralEvents.kind })
        .from(referralEvents)
        .where(eq(referralEvents.referralId, appointment.referral.id))
        .orderBy(asc(referralEvents.id))
    ).map((e) => e.kind);
    expect(kinds).toEqual(["issued", "booked", "rescheduled"]);
    const rescheduledNote = await ctx.services.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, patient.userId), eq(notifications.kind, "appointment_rescheduled")),
      );
    expect(rescheduledNote).toHaveLength(1);
    expect(rescheduledNote[0]?.appointmentId).toBe(moved.id);

    const again = await reschedule(patient, appointment.id, target?.id ?? "", key);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe(moved.id);
    // The old one is closed: it moves no more.
    const [other] = await freeSlotsOf(ctx, doc("card-3"));
    expect((await reschedule(patient, appointment.id, other?.id ?? "")).status).toBe(409);
  });

  it("to another doctor at the very same time: the old visit does not count as an overlap", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 12);
    const sameTime = (await freeSlotsOf(ctx, doc("card-2"))).find(
      (s) => s.startsAt.toISOString() === appointment.startsAt,
    );
    expect(sameTime).toBeDefined();
    const res = await reschedule(patient, appointment.id, sameTime?.id ?? "");
    expect(res.status).toBe(201);
    expect(ZAppointment.parse(await res.json())).toMatchObject({
      startsAt: appointment.startsAt,
      doctor: { id: doc("card-2") },
    });
  });

  it("a taken slot answers 409 with alternatives; nothing changes", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 4);
    const taker = await patientWithVisit("card-3", 0);
    const takenSlot = (await appointmentRow(taker.appointment.id))?.slotId ?? "";
    const res = await reschedule(patient, appointment.id, takenSlot);
    expect(res.status).toBe(409);
    const error = ZBookingErrorBody.parse(await res.json()).error;
    expect(error.code).toBe("slot_taken");
    expect(error.alternatives?.length).toBeGreaterThan(0);
    expect(error.alternatives?.some((a) => a.slotId === takenSlot)).toBe(false);
    expect((await appointmentRow(appointment.id))?.status).toBe("booked");
  });

  it("a failure midway leaves the old booking intact (a trigger refuses the new visit's insert)", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 5);
    const target = (await freeSlotsOf(ctx, doc("card-2")))[5];
    const targetId = target?.id ?? "";
    expect(targetId).toMatch(/^[A-Za-z0-9_]+$/);
    await ctx.services.db.execute(
      sql.raw(`create or replace function test_refuse_insert() returns trigger language plpgsql as $$
        begin
          if new.slot_id = '${targetId}' then raise exception 'test trigger: insert refused'; end if;
          return new;
        end $$`),
    );
    await ctx.services.db.execute(
      sql.raw(
        "create trigger test_refuse_insert before insert on appointments for each row execute function test_refuse_insert()",
      ),
    );
    try {
      const res = await reschedule(patient, appointment.id, targetId);
      expect(res.status).toBe(500);
    } finally {
      await ctx.services.db.execute(sql.raw("drop trigger test_refuse_insert on appointments"));
      await ctx.services.db.execute(sql.raw("drop function test_refuse_insert()"));
    }
    const old = await appointmentRow(appointment.id);
    expect(old).toMatchObject({ status: "booked", rescheduledToId: null, closedAt: null });
    expect(await slotStatus(old?.slotId ?? "")).toBe("booked");
    expect(await slotStatus(targetId)).toBe("free");
    expect(await referralStatus(appointment.referral.id)).toBe("booked");
    const rows = await ctx.services.db
      .select()
      .from(appointments)
      .where(eq(appointments.referralId, appointment.referral.id));
    expect(rows).toHaveLength(1);
    // Afterwards the same move succeeds.
    expect((await reschedule(patient, appointment.id, targetId)).status).toBe(201);
  });

  it("24-hour limit: allowed at exactly 24 hours before the old start, refused at 23 h 59 min", async () => {
    const first = await patientWithVisit("card-2", 6);
    const [t1, t2] = (await freeSlotsOf(ctx, doc("card-2"))).slice(-2);
    setClock(ctx, startOf(first.appointment) - 24 * HOUR);
    expect((await reschedule(first.patient, first.appointment.id, t1?.id ?? "")).status).toBe(201);

    const second = await patientWithVisit("card-2", 7);
    setClock(ctx, startOf(second.appointment) - 24 * HOUR + 60_000);
    const late = await reschedule(second.patient, second.appointment.id, t2?.id ?? "");
    expect(late.status).toBe(422);
    expect(ZErrorBody.parse(await late.json()).error.code).toBe("change_window_closed");
    expect((await appointmentRow(second.appointment.id))?.status).toBe("booked");
    expect(await slotStatus(t2?.id ?? "")).toBe("free");
  });
});

describe("only the account's own appointments", () => {
  it("another account's appointment is 404 everywhere, and stays as it was", async () => {
    const { appointment } = await patientWithVisit("card-3", 1);
    const stranger = await one();
    const [free] = await freeSlotsOf(ctx, doc("card-3"));
    for (const path of ["", "/ticket", "/ticket.pdf", "/ticket.ics"]) {
      const res = await ctx.request("GET", `/api/v1/appointments/${appointment.id}${path}`, {
        as: asPatient(stranger),
      });
      expect(res.status, path).toBe(404);
    }
    expect((await cancel(stranger, appointment.id)).status).toBe(404);
    expect((await reschedule(stranger, appointment.id, free?.id ?? "")).status).toBe(404);
    expect((await appointmentRow(appointment.id))?.status).toBe("booked");
    expect((await ctx.request("GET", `/api/v1/appointments/${appointment.id}/ticket`)).status).toBe(401);
  });
});

describe("«Мои записи»: upcoming and past", () => {
  it("upcoming are booked and not yet ended, nearest first; past are the rest, newest first", async () => {
    const [patient] = await bulkPatients(
      ctx,
      1,
      [CLINIC_A],
      ["cardiologist", "cardiologist", "cardiologist"],
    );
    if (!patient) throw new Error("no patient");
    const free = await freeSlotsOf(ctx, doc("card-3"));
    const [r1, r2, r3] = patient.referralIds;
    const late = await bookedAppointment(ctx, patient, free[20]?.id ?? "", r1);
    const early = await bookedAppointment(ctx, patient, free[10]?.id ?? "", r2);
    const gone = await bookedAppointment(ctx, patient, free[15]?.id ?? "", r3);
    expect((await cancel(patient, gone.id)).status).toBe(200);
    const list = async (scope: string) =>
      ZAppointmentListResponse.parse(
        await (
          await ctx.request("GET", `/api/v1/appointments?scope=${scope}`, { as: asPatient(patient) })
        ).json(),
      ).items.map((a) => a.id);
    expect(await list("upcoming")).toEqual([early.id, late.id]);
    expect(await list("past")).toEqual([gone.id]);
    expect(await list("all")).toEqual([early.id, gone.id, late.id]);
    // Once the early visit has ended (by the clock), it is past, newest first.
    setClock(ctx, new Date(early.endsAt).getTime() + 60_000);
    expect(await list("upcoming")).toEqual([late.id]);
    expect(await list("past")).toEqual([gone.id, early.id]);
    expect(
      (await ctx.request("GET", "/api/v1/appointments?scope=later", { as: asPatient(patient) })).status,
    ).toBe(400);
  });
});

describe("the clinic's side", () => {
  it("staff cancel: reason required, slot freed, referral active, patient told with up to 3 alternatives", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 8);
    const path = `/api/v1/staff/appointments/${appointment.id}/cancel`;
    expect((await ctx.request("POST", path, { as: staffA, body: { reason: "" } })).status).toBe(400);
    // Another clinic's staff: as if it did not exist.
    expect((await ctx.request("POST", path, { as: staffB, body: { reason: "Врач заболел" } })).status).toBe(
      404,
    );
    expect(
      (await ctx.request("POST", path, { as: asPatient(patient), body: { reason: "Врач заболел" } })).status,
    ).toBe(403);
    const res = await ctx.request("POST", path, { as: staffA, body: { reason: "Врач заболел" } });
    expect(res.status).toBe(200);
    const result = ZClinicCancelResponse.parse(await res.json());
    expect(result.appointment).toMatchObject({
      status: "cancelled",
      cancelledBy: "clinic",
      cancelReason: "Врач заболел",
    });
    expect(result.alternatives.length).toBeGreaterThan(0);
    const slotId = (await appointmentRow(appointment.id))?.slotId ?? "";
    expect(result.alternatives.some((a) => a.slotId === slotId)).toBe(false);
    expect(await slotStatus(slotId)).toBe("free");
    expect(await referralStatus(appointment.referral.id)).toBe("active");
    const [note] = await ctx.services.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, patient.userId),
          eq(notifications.kind, "appointment_cancelled_by_clinic"),
        ),
      );
    expect(note?.body).toContain("Причина: Врач заболел");
    const first = result.alternatives[0];
    expect(note?.body).toContain(
      `1) ${first?.localDate.slice(8, 10)}.${first?.localDate.slice(5, 7)} в ${first?.localTime}`,
    );
    expect(note?.body).not.toContain("4)");
    const [journal] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "appointment.cancel_by_clinic"),
          eq(auditEvents.subjectUserId, patient.userId),
        ),
      );
    expect(journal?.actorUserId).toBe(staffA.id);
  });

  it("the clinic API by ticket number: done only after the start (referral used), cancel refused after it", async () => {
    const { patient, appointment } = await patientWithVisit("card-2", 9);
    const key = await clinicKey(ctx, CLINIC_A, ["appointments:write"]);
    const readOnly = await clinicKey(ctx, CLINIC_A, ["referrals:read"]);
    const otherKey = await clinicKey(ctx, CLINIC_B, ["appointments:write"]);
    const at = (rest: string) =>
      `/api/v1/clinic/appointments/${encodeURIComponent(appointment.ticketNumber)}/${rest}`;
    expect((await asClinic(ctx, readOnly, "POST", at("done"))).status).toBe(403);
    expect((await asClinic(ctx, otherKey, "POST", at("done"))).status).toBe(404);
    const early = await asClinic(ctx, key, "POST", at("done"));
    expect(early.status).toBe(422);
    expect((early.body as { error: { code: string } }).error.code).toBe("visit_not_started");

    setClock(ctx, startOf(appointment) + 5 * 60_000);
    expect((await asClinic(ctx, key, "POST", at("cancel"), { reason: "Врач заболел" })).status).toBe(422);
    // The seven digits alone address the same ticket.
    const done = await asClinic(
      ctx,
      key,
      "POST",
      `/api/v1/clinic/appointments/${appointment.ticketNumber.slice(2)}/done`,
    );
    expect(done.status).toBe(200);
    expect(ZAppointment.parse(done.body).status).toBe("done");
    expect(await referralStatus(appointment.referral.id)).toBe("used");
    const [event] = await ctx.services.db
      .select()
      .from(referralEvents)
      .where(and(eq(referralEvents.referralId, appointment.referral.id), eq(referralEvents.kind, "used")));
    expect(event?.actor).toBe(`clinic:${CLINIC_A}`);
    const [journal] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "appointment.done"), eq(auditEvents.subjectUserId, patient.userId)));
    expect(journal).toMatchObject({
      actorUserId: null,
      details: { via: "clinic_api", appointmentId: appointment.id },
    });
    expect((await asClinic(ctx, key, "POST", at("missed"))).status).toBe(409);
  });

  it("missed: the referral is bookable again while valid, else expired", async () => {
    const valid = await patientWithVisit("card-3", 2);
    setClock(ctx, startOf(valid.appointment) + 20 * 60_000);
    const res = await ctx.request("POST", `/api/v1/staff/appointments/${valid.appointment.id}/missed`, {
      as: staffA,
    });
    expect(res.status).toBe(200);
    expect(ZAppointment.parse(await res.json()).status).toBe("missed");
    expect(await referralStatus(valid.appointment.referral.id)).toBe("active");

    const lapsed = await patientWithVisit("card-3", 3);
    await ctx.services.db
      .update(referrals)
      .set({ lastValidDay: lapsed.appointment.localDate })
      .where(eq(referrals.id, lapsed.appointment.referral.id));
    // The next day in the referral's zone: its last valid day has passed.
    setClock(ctx, startOf(lapsed.appointment) + 24 * HOUR);
    const late = await ctx.request("POST", `/api/v1/staff/appointments/${lapsed.appointment.id}/missed`, {
      as: admin,
    });
    expect(late.status).toBe(200);
    expect(await referralStatus(lapsed.appointment.referral.id)).toBe("expired");
    const kinds = (
      await ctx.services.db
        .select({ kind: referralEvents.kind, actor: referralEvents.actor })
        .from(referralEvents)
        .where(eq(referralEvents.referralId, lapsed.appointment.referral.id))
        .orderBy(asc(referralEvents.id))
    ).map((e) => `${e.kind}:${e.actor}`);
    expect(kinds.slice(1)).toEqual(["booked:system", `missed:admin:${admin.id}`, "expired:system"]);
  });

  it("staff see their clinic's day; administrators name the clinic", async () => {
    const { appointment } = await patientWithVisit("card-1", 10);
    const day = `/api/v1/staff/appointments?date=${appointment.localDate}`;
    const res = await ctx.request("GET", day, { as: staffA });
    expect(res.status).toBe(200);
    const list = ZStaffAppointmentListResponse.parse(await res.json());
    expect(list.clinic).toMatchObject({ id: CLINIC_A, timeZone: "Europe/Moscow" });
    const item = list.items.find((i) => i.id === appointment.id);
    expect(item).toMatchObject({ ticketNumber: appointment.ticketNumber, patientName: "Тестовый Пациент" });
    expect(JSON.stringify(item)).not.toContain("+7");
    expect((await ctx.request("GET", `${day}&clinicId=${CLINIC_B}`, { as: staffA })).status).toBe(404);
    expect((await ctx.request("GET", day, { as: admin })).status).toBe(400);
    const forAdmin = await ctx.request("GET", `${day}&clinicId=${CLINIC_A}`, { as: admin });
    expect(ZStaffAppointmentListResponse.parse(await forAdmin.json()).items.map((i) => i.id)).toContain(
      appointment.id,
    );
    expect(
      (await ctx.request("GET", "/api/v1/staff/appointments?date=tomorrow", { as: staffA })).status,
    ).toBe(400);
  });
});

describe("an administrator booking for the patient", () => {
  it("journals the administrator as actor and the patient as subject; the referral event is admin:<id>", async () => {
    const patient = await one();
    const [slot] = await freeSlotsOf(ctx, doc("card-3"));
    const answer = await bookAppointment(ctx.services, {
      userId: patient.userId,
      actingUserId: admin.id,
      key: newKey(),
      request: {
        referralId: patient.referralIds[0] ?? "",
        slotId: slot?.id ?? "",
        contactPhone: patient.phone,
      },
      locale: "ru",
      requestId: "req-admin-booking",
    });
    expect(answer.status).toBe(201);
    const created = ZAppointment.parse(answer.body);
    expect((await appointmentRow(created.id))?.userId).toBe(patient.userId);
    const [journal] = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "appointment.book"), eq(auditEvents.subjectUserId, patient.userId)));
    expect(journal).toMatchObject({ actorUserId: admin.id, subjectUserId: patient.userId });
    const [event] = await ctx.services.db
      .select()
      .from(referralEvents)
      .where(
        and(eq(referralEvents.referralId, patient.referralIds[0] ?? ""), eq(referralEvents.kind, "booked")),
      );
    expect(event).toMatchObject({ actor: `admin:${admin.id}`, details: { by: "admin" } });
  });
});

describe("the patient's history", () => {
  it("book, reschedule and cancel in Russian, newest first, with ticket and referral numbers", async () => {
    const { patient, appointment } = await patientWithVisit("card-1", 11);
    const [target] = (await freeSlotsOf(ctx, doc("card-1"))).slice(-1);
    const moved = ZAppointment.parse(
      await (await reschedule(patient, appointment.id, target?.id ?? "")).json(),
    );
    expect((await cancel(patient, moved.id, "Передумал")).status).toBe(200);
    const res = await ctx.request("GET", "/api/v1/history", { as: asPatient(patient) });
    expect(res.status).toBe(200);
    const history = ZHistoryResponse.parse(await res.json());
    expect(history.items.map((i) => [i.action, i.title, i.actor])).toEqual([
      ["appointment.cancel", "Запись отменена", "patient"],
      ["appointment.reschedule", "Запись перенесена", "patient"],
      ["appointment.book", "Запись к врачу", "patient"],
    ]);
    expect(history.items.map((i) => i.ticketNumber)).toEqual([
      moved.ticketNumber,
      moved.ticketNumber,
      appointment.ticketNumber,
    ]);
    expect(history.items.every((i) => i.referralNumber === appointment.referral.number)).toBe(true);
    expect(history.items[0]?.detail).toBe("Причина: Передумал");
    expect(history.items[1]?.detail).toMatch(/^Новое время: \d{2}\.\d{2}\.\d{4} в \d{2}:\d{2}$/);
    // Paging: one at a time.
    const page = ZHistoryResponse.parse(
      await (await ctx.request("GET", "/api/v1/history?limit=1", { as: asPatient(patient) })).json(),
    );
    expect(page.items).toHaveLength(1);
    const next = ZHistoryResponse.parse(
      await (
        await ctx.request("GET", `/api/v1/history?limit=2&before=${page.nextBefore ?? ""}`, {
          as: asPatient(patient),
        })
      ).json(),
    );
    expect(next.items.map((i) => i.action)).toEqual(["appointment.reschedule", "appointment.book"]);
    // Nobody else's entries.
    const stranger = await one();
    const theirs = ZHistoryResponse.parse(
      await (await ctx.request("GET", "/api/v1/history", { as: asPatient(stranger) })).json(),
    );
    expect(theirs.items).toEqual([]);
  });
});
