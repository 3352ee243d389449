import { ZAppointment, ZBookingErrorBody, ZBookingPreview, ZHold } from "@priyom/contracts";
import {
  appointments,
  auditEvents,
  idempotencyKeys,
  outboxMessages,
  patientProfiles,
  referralEvents,
  referrals,
  slots,
} from "@priyom/db";
import { addDays } from "@priyom/domain";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import { forgetOldIdempotencyKeys } from "../src/services/booking/idempotency.ts";
import { holdSlot, lapseHolds } from "../src/services/booking/holds.ts";
import {
  asPatient,
  book,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
  newKey,
} from "./booking-fixtures.ts";
import { asClinic, CLINIC_A, CLINIC_B, clinicKey, WEEKDAY_SCHEDULE } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let docs: Record<string, string> = {};
let otherClinicDoc = "";

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "card-1" },
    { externalId: "card-2" },
    { externalId: "card-3" },
    { externalId: "card-4" },
    { externalId: "neuro-1", specialty: "neurologist" },
  ]);
  otherClinicDoc = (await doctorsWithSchedule(ctx, CLINIC_B, [{ externalId: "card-b" }]))["card-b"] ?? "";
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

const doc = (name: string) => docs[name] ?? "";
const one = async (allowed = [CLINIC_A, CLINIC_B]) => {
  const [p] = await bulkPatients(ctx, 1, allowed);
  if (!p) throw new Error("no patient");
  return p;
};
const referralOf = (p: BulkPatient) => p.referralIds[0] ?? "";
const errorOf = (body: unknown) => ZBookingErrorBody.parse(body).error;

describe("booking one visit", () => {
  it("books: ticket, slot booked, referral booked, event, journal and outbox in one go; the same key replays", async () => {
    const patient = await one();
    const [slot] = await freeSlotsOf(ctx, doc("card-1"));
    const key = newKey();
    const first = await book(ctx, patient, { referralId: referralOf(patient), slotId: slot?.id ?? "" }, key);
    expect(first.status).toBe(201);
    const appointment = ZAppointment.parse(first.body);
    expect(appointment).toMatchObject({
      status: "booked",
      localDate: slot?.localDate,
      localTime: slot?.localTime,
      timeZone: "Europe/Moscow",
      startsAt: slot?.startsAt.toISOString(),
      contactPhone: patient.phone,
      doctor: { id: doc("card-1"), specialty: { code: "cardiologist" }, room: "214" },
      clinic: { id: CLINIC_A },
    });
    expect(appointment.ticketNumber).toMatch(/^Т-\d{7}$/);

    const [slotRow] = await ctx.services.db
      .select()
      .from(slots)
      .where(eq(slots.id, slot?.id ?? ""));
    expect(slotRow?.status).toBe("booked");
    const [ref] = await ctx.services.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, referralOf(patient)));
    expect(ref?.status).toBe("booked");
    const events = await ctx.services.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referralOf(patient)));
    expect(events.map((e) => e.kind)).toEqual(["issued", "booked"]);
    const journal = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, patient.userId), eq(auditEvents.action, "appointment.book")));
    expect(journal).toMatchObject([{ result: "success", details: { appointmentId: appointment.id } }]);
    const sms = await ctx.services.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, patient.phone));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(appointment.ticketNumber);

    // The same key and request: the first answer again, never a second booking.
    const again = await book(ctx, patient, { referralId: referralOf(patient), slotId: slot?.id ?? "" }, key);
    expect(again.status).toBe(201);
    expect(again.res.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    // The same key with another request is refused.
    const [other] = await freeSlotsOf(ctx, doc("card-2"));
    const reused = await book(
      ctx,
      patient,
      { referralId: referralOf(patient), slotId: other?.id ?? "" },
      key,
    );
    expect(reused.status).toBe(422);
    expect(errorOf(reused.body).code).toBe("idempotency_key_reused");
    const [{ n } = { n: -1 }] = await ctx.services.db
      .select({ n: count() })
      .from(appointments)
      .where(eq(appointments.userId, patient.userId));
    expect(n).toBe(1);

    // The ticket and the list.
    const mine = await ctx.request("GET", `/api/v1/appointments/${appointment.id}`, {
      as: asPatient(patient),
    });
    expect(mine.status).toBe(200);
    const stranger = await one();
    const theirs = await ctx.request("GET", `/api/v1/appointments/${appointment.id}`, {
      as: asPatient(stranger),
    });
    expect(theirs.status).toBe(404);
    const list = await ctx.request("GET", "/api/v1/appointments", { as: asPatient(patient) });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("forgets stored answers after a day", async () => {
    const patient = await one();
    const key = newKey();
    await book(ctx, patient, { referralId: referralOf(patient), slotId: "slt_none" }, key);
    const stored = () =>
      ctx.services.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, patient.userId), eq(idempotencyKeys.key, key)));
    expect(await stored()).toHaveLength(1);
    expect(await forgetOldIdempotencyKeys(ctx.services.db, new Date(Date.now() + 23 * 3_600_000))).toBe(0);
    expect(
      await forgetOldIdempotencyKeys(ctx.services.db, new Date(Date.now() + 25 * 3_600_000)),
    ).toBeGreaterThan(0);
    expect(await stored()).toHaveLength(0);
  });

  it("asks for an Idempotency-Key", async () => {
    const patient = await one();
    const res = await ctx.request("POST", "/api/v1/appointments", {
      as: asPatient(patient),
      body: { referralId: referralOf(patient), slotId: "slt_x", contactPhone: patient.phone },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "Idempotency-Key",
    );
  });

  it("a taken slot answers 409 with alternatives: the same doctor, then the same clinic, then the other allowed clinic", async () => {
    const [winner, loser] = await bulkPatients(ctx, 2, [CLINIC_A, CLINIC_B]);
    if (!winner || !loser) throw new Error("no patients");
    const [slot] = await freeSlotsOf(ctx, doc("card-3"));
    expect((await book(ctx, winner, { referralId: referralOf(winner), slotId: slot?.id ?? "" })).status).toBe(
      201,
    );
    const lost = await book(ctx, loser, { referralId: referralOf(loser), slotId: slot?.id ?? "" });
    expect(lost.status).toBe(409);
    const error = errorOf(lost.body);
    expect(error.code).toBe("slot_taken");
    expect(error.message).toBe("Это время уже занято");
    const alternatives = error.alternatives ?? [];
    expect(alternatives.length).toBe(10);
    expect(alternatives.some((a) => a.slotId === slot?.id)).toBe(false);
    const groups = alternatives.map((a) => a.group);
    expect(groups[0]).toBe("same_doctor");
    expect(groups).toEqual([...groups].sort((a, b) => rank(a) - rank(b)));
    expect(alternatives.every((a) => a.doctor.id !== doc("neuro-1"))).toBe(true);
    // A patient allowed only in the other clinic is offered only that clinic.
    const onlyB = await one([CLINIC_B]);
    const refused = await book(ctx, onlyB, { referralId: referralOf(onlyB), slotId: slot?.id ?? "" });
    expect(refused.status).toBe(422);
    const refusal = errorOf(refused.body);
    expect(refusal.failures?.map((f) => f.code).sort()).toEqual(["clinic_not_allowed", "slot_taken"]);
    expect(refusal.alternatives?.every((a) => a.clinic.id === CLINIC_B)).toBe(true);
    expect(refusal.alternatives?.[0]?.doctor.id).toBe(otherClinicDoc);
  });
});

const rank = (g: string) => ["same_doctor", "same_clinic", "other_clinic"].indexOf(g);

describe("eligibility: every failure has its code and Russian message", () => {
  it("profile, phone, doctor, clinic, referral status and dates — all listed at once (422)", async () => {
    const patient = await one([CLINIC_B]);
    await ctx.services.db
      .update(patientProfiles)
      .set({ snilsEnc: null, snilsHash: null })
      .where(eq(patientProfiles.userId, patient.userId));
    const [slot] = await freeSlotsOf(ctx, doc("neuro-1"));
    const res = await book(ctx, patient, {
      referralId: referralOf(patient),
      slotId: slot?.id ?? "",
      contactPhone: "+7 495 123-45-67",
    });
    expect(res.status).toBe(422);
    const error = errorOf(res.body);
    expect(error.code).toBe("booking_not_allowed");
    expect(error.failures?.map((f) => f.code).sort()).toEqual(
      ["clinic_not_allowed", "doctor_specialty_mismatch", "phone_landline", "profile_field_missing"].sort(),
    );
    for (const f of error.failures ?? []) expect(f.message).toMatch(/[а-яё]/i);
    expect(error.fields?.contactPhone).toBeDefined();
    expect(error.fields?.["patient.snils"]).toBeDefined();
  });

  it.each([
    ["withdrawn", "referral_withdrawn"],
    ["used", "referral_used"],
    ["expired", "referral_expired"],
  ] as const)("a %s referral is refused with %s", async (status, code) => {
    const patient = await one();
    await ctx.services.db
      .update(referrals)
      .set({ status })
      .where(eq(referrals.id, referralOf(patient)));
    const [slot] = await freeSlotsOf(ctx, doc("card-4"));
    const res = await book(ctx, patient, { referralId: referralOf(patient), slotId: slot?.id ?? "" });
    expect(res.status).toBe(422);
    expect(errorOf(res.body).failures?.map((f) => f.code)).toEqual([code]);
  });

  it("a visit after the referral's last day is refused; a past slot too", async () => {
    const patient = await one();
    const slotsAhead = await freeSlotsOf(ctx, doc("card-4"));
    const late = slotsAhead.at(-1);
    await ctx.services.db
      .update(referrals)
      .set({ lastValidDay: addDays(late?.localDate ?? "", -1) })
      .where(eq(referrals.id, referralOf(patient)));
    const res = await book(ctx, patient, { referralId: referralOf(patient), slotId: late?.id ?? "" });
    expect(res.status).toBe(422);
    expect(errorOf(res.body).failures?.map((f) => f.code)).toEqual(["visit_after_referral_expiry"]);

    const [past] = await ctx.services.db
      .insert(slots)
      .values({
        id: `slt_past${Date.now()}`,
        doctorId: doc("card-4"),
        localDate: "2020-01-06",
        localTime: "09:00",
        timeZone: "Europe/Moscow",
        minutes: 30,
        startsAt: new Date("2020-01-06T06:00:00Z"),
        endsAt: new Date("2020-01-06T06:30:00Z"),
      })
      .returning();
    const inPast = await book(ctx, patient, { referralId: referralOf(patient), slotId: past?.id ?? "" });
    expect(inPast.status).toBe(422);
    expect(errorOf(inPast.body).failures?.map((f) => f.code)).toEqual(["slot_in_past"]);
  });

  it("someone else's referral, or no such slot, is 404 — nothing said about whose", async () => {
    const [owner, other] = await bulkPatients(ctx, 2, [CLINIC_A]);
    if (!owner || !other) throw new Error("no patients");
    const [slot] = await freeSlotsOf(ctx, doc("card-4"));
    const res = await book(ctx, other, { referralId: referralOf(owner), slotId: slot?.id ?? "" });
    expect(res.status).toBe(404);
    const noSlot = await book(ctx, owner, { referralId: referralOf(owner), slotId: "slt_nope" });
    expect(noSlot.status).toBe(404);
  });

  it("a second booking on the same referral and an overlapping visit are conflicts (409)", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A], ["cardiologist", "cardiologist"]);
    if (!patient) throw new Error("no patient");
    const [a, b] = await freeSlotsOf(ctx, doc("card-4"));
    const [first, second] = patient.referralIds;
    expect((await book(ctx, patient, { referralId: first ?? "", slotId: a?.id ?? "" })).status).toBe(201);
    const again = await book(ctx, patient, { referralId: first ?? "", slotId: b?.id ?? "" });
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe("referral_already_booked");
    // The same time with another doctor, on the second referral: a patient is never in two places.
    const sameTime = (await freeSlotsOf(ctx, doc("card-2"))).find(
      (s) => s.startsAt.getTime() === a?.startsAt.getTime(),
    );
    const overlap = await book(ctx, patient, { referralId: second ?? "", slotId: sameTime?.id ?? "" });
    expect(overlap.status).toBe(409);
    expect(errorOf(overlap.body).code).toBe("appointment_overlap");
  });

  it("the preview shows what will be booked, documents masked, and the problems already visible", async () => {
    const patient = await one();
    const [slot] = await freeSlotsOf(ctx, doc("card-2"));
    const res = await ctx.request(
      "GET",
      `/api/v1/booking/preview?referralId=${referralOf(patient)}&slotId=${slot?.id ?? ""}`,
      { as: asPatient(patient) },
    );
    expect(res.status).toBe(200);
    const preview = ZBookingPreview.parse(await res.json());
    expect(preview.patient).toMatchObject({
      lastName: "Тестовый",
      firstName: "Пациент",
      birthDate: "1985-06-15",
    });
    expect(preview.patient.snils).toMatch(/^\*\*\*-\*\*\*-\d{3} \d{2}$|•|\*/);
    expect(preview.patient.enp).toMatch(/\*|•/);
    expect(preview.contactPhone).toBe(patient.phone);
    expect(preview.clinic.id).toBe(CLINIC_A);
    expect(preview.slot.slotId).toBe(slot?.id);
    expect(preview.failures).toEqual([]);
  });
});

describe("holds", () => {
  it("a hold keeps a slot from others for 5 minutes; it lapses by itself; one hold per patient", async () => {
    const [alice, bob] = await bulkPatients(ctx, 2, [CLINIC_A]);
    if (!alice || !bob) throw new Error("no patients");
    const [s1, s2] = await freeSlotsOf(ctx, doc("card-2"));
    const held = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(alice),
      body: { slotId: s1?.id },
    });
    expect(held.status).toBe(201);
    const hold = ZHold.parse(await held.json());
    const minutes = (new Date(hold.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4.9);
    expect(minutes).toBeLessThanOrEqual(5);
    expect(hold.secondsLeft).toBeGreaterThanOrEqual(298);
    expect(hold.secondsLeft).toBeLessThanOrEqual(300);
    // Not free to others: not offered, not holdable, not bookable.
    const day = await ctx.request(
      "GET",
      `/api/v1/doctors/${doc("card-2")}/slots?date=${s1?.localDate ?? ""}`,
    );
    expect(((await day.json()) as { slots: { slotId: string }[] }).slots.map((s) => s.slotId)).not.toContain(
      s1?.id,
    );
    const bobHold = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(bob),
      body: { slotId: s1?.id, referralId: referralOf(bob) },
    });
    expect(bobHold.status).toBe(409);
    expect(errorOf(await bobHold.json()).code).toBe("slot_held");
    const bobBook = await book(ctx, bob, { referralId: referralOf(bob), slotId: s1?.id ?? "" });
    expect(bobBook.status).toBe(409);
    expect(errorOf(bobBook.body).code).toBe("slot_held");

    // A second hold of Alice releases the first.
    expect(
      (await ctx.request("POST", "/api/v1/holds", { as: asPatient(alice), body: { slotId: s2?.id } })).status,
    ).toBe(201);
    const statuses = await ctx.services.db
      .select({ id: slots.id, status: slots.status })
      .from(slots)
      .where(sql`${slots.id} in (${s1?.id ?? ""}, ${s2?.id ?? ""})`);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [s1?.id ?? ""]: "free",
      [s2?.id ?? ""]: "held",
    });
    // The database itself refuses a second hold of one patient.
    await expect(
      ctx.services.db
        .update(slots)
        .set({ status: "held", heldByUserId: alice.userId, holdExpiresAt: new Date(Date.now() + 60_000) })
        .where(eq(slots.id, s1?.id ?? "")),
    ).rejects.toThrow();

    // Six minutes later the hold has lapsed: Bob may take it, and the lapse job frees it for everyone.
    const later = new Date(Date.now() + 6 * 60_000);
    const taken = await holdSlot(ctx.services, bob.userId, { slotId: s2?.id ?? "" }, later);
    expect(taken.slot.slotId).toBe(s2?.id);
    expect(await lapseHolds(ctx.services, new Date(Date.now() + 12 * 60_000))).toBeGreaterThanOrEqual(1);
    const [row] = await ctx.services.db
      .select()
      .from(slots)
      .where(eq(slots.id, s2?.id ?? ""));
    expect(row).toMatchObject({ status: "free", heldByUserId: null, holdExpiresAt: null });
  });

  it("the patient's own hold is booked; the hold is then gone", async () => {
    const patient = await one();
    const [slot] = await freeSlotsOf(ctx, doc("card-1"));
    expect(
      (await ctx.request("POST", "/api/v1/holds", { as: asPatient(patient), body: { slotId: slot?.id } }))
        .status,
    ).toBe(201);
    const current = await ctx.request("GET", "/api/v1/holds/current", { as: asPatient(patient) });
    expect(ZHold.parse(await current.json()).slot.slotId).toBe(slot?.id);
    expect(
      (await book(ctx, patient, { referralId: referralOf(patient), slotId: slot?.id ?? "" })).status,
    ).toBe(201);
    expect((await ctx.request("GET", "/api/v1/holds/current", { as: asPatient(patient) })).status).toBe(404);
  });
});

describe("the database forbids double bookings whatever the code does", () => {
  it("two booked appointments on one slot, two on one referral, overlapping visits of a patient or a doctor", async () => {
    const [p1, p2] = await bulkPatients(ctx, 2, [CLINIC_A], ["cardiologist", "cardiologist"]);
    if (!p1 || !p2) throw new Error("no patients");
    const [s1, s2] = await freeSlotsOf(ctx, doc("card-3"));
    const base = (p: BulkPatient, referralId: string, slot: typeof s1) => ({
      id: `apt_${Math.random().toString(36).slice(2, 12)}`,
      userId: p.userId,
      patientKey: p.userId,
      referralId,
      slotId: slot?.id ?? "",
      doctorId: doc("card-3"),
      clinicId: CLINIC_A,
      localDate: slot?.localDate ?? "",
      localTime: slot?.localTime ?? "",
      timeZone: "Europe/Moscow",
      minutes: 30,
      startsAt: slot?.startsAt ?? new Date(),
      endsAt: slot?.endsAt ?? new Date(),
      contactPhone: p.phone,
    });
    await ctx.services.db.insert(appointments).values(base(p1, p1.referralIds[0] ?? "", s1));
    const violation = (error: unknown) => {
      for (let e: unknown = error; e instanceof Error; e = e.cause) {
        const c = (e as { constraint?: string }).constraint;
        if (c) return c;
      }
      return "";
    };
    const attempt = async (row: ReturnType<typeof base>) => {
      try {
        await ctx.services.db.insert(appointments).values(row);
        return "inserted";
      } catch (error) {
        return violation(error);
      }
    };
    // Another patient, same slot.
    expect(await attempt(base(p2, p2.referralIds[0] ?? "", s1))).toBe("appointments_slot_booked_key");
    // Same referral, another slot.
    expect(await attempt(base(p1, p1.referralIds[0] ?? "", s2))).toBe("appointments_referral_booked_key");
    // Same patient, another referral, overlapping time at another doctor.
    const elsewhere = (await freeSlotsOf(ctx, doc("card-4"))).find(
      (s) => s.startsAt.getTime() === s1?.startsAt.getTime(),
    );
    expect(await attempt({ ...base(p1, p1.referralIds[1] ?? "", elsewhere), doctorId: doc("card-4") })).toBe(
      "appointments_patient_no_overlap",
    );
    // Same doctor and time for another patient through another slot row.
    expect(
      await attempt({
        ...base(p2, p2.referralIds[1] ?? "", s2),
        startsAt: s1?.startsAt ?? new Date(),
        endsAt: s1?.endsAt ?? new Date(),
        localTime: s1?.localTime ?? "",
      }),
    ).toBe("appointments_doctor_no_overlap");
  });
});

describe("schedule changes against booked visits", () => {
  it("a change that drops a booked visit is refused with the list of those appointments; nothing changes", async () => {
    const patient = await one();
    const key = await clinicKey(ctx, CLINIC_A);
    const [slot] = await freeSlotsOf(ctx, doc("card-1"));
    const booked = await book(ctx, patient, { referralId: referralOf(patient), slotId: slot?.id ?? "" });
    expect(booked.status).toBe(201);
    const ticket = ZAppointment.parse(booked.body).ticketNumber;
    const weekday = new Date(`${slot?.localDate ?? ""}T12:00:00Z`).getUTCDay() || 7;
    const change = await asClinic(ctx, key, "PUT", "/api/v1/clinic/doctors/card-1/schedule", {
      rules: WEEKDAY_SCHEDULE.rules.filter((r) => r.weekday !== weekday),
      exceptions: [],
    });
    expect(change.status).toBe(409);
    const conflict = change.body as { error: { code: string; appointments: Record<string, string>[] } };
    expect(conflict.error.code).toBe("schedule_conflict");
    expect(conflict.error.appointments).toContainEqual(
      expect.objectContaining({
        ticketNumber: ticket,
        localDate: slot?.localDate,
        localTime: slot?.localTime,
      }),
    );
    const [still] = await ctx.services.db
      .select()
      .from(slots)
      .where(eq(slots.id, slot?.id ?? ""));
    expect(still?.status).toBe("booked");
    // A day off on another date goes through.
    const free = (await freeSlotsOf(ctx, doc("card-1"))).find((s) => s.localDate !== slot?.localDate);
    const dayOff = await asClinic(ctx, key, "PUT", "/api/v1/clinic/doctors/card-1/schedule", {
      rules: WEEKDAY_SCHEDULE.rules,
      exceptions: [{ date: free?.localDate, kind: "sick_leave" }],
    });
    expect(dayOff.status).toBe(200);
    const dayAfter = await ctx.request(
      "GET",
      `/api/v1/doctors/${doc("card-1")}/slots?date=${free?.localDate ?? ""}`,
    );
    expect(((await dayAfter.json()) as { slots: unknown[] }).slots).toEqual([]);
  });
});

describe("video visits", () => {
  it("books a video visit with a doctor who offers it (the ticket links to the clinic's video service); refuses it with one who does not", async () => {
    const video = (
      await doctorsWithSchedule(ctx, CLINIC_A, [
        { externalId: "card-video", visitModes: ["in_person", "video"] },
      ])
    )["card-video"];
    const patient = await one();
    const [slot] = await freeSlotsOf(ctx, video ?? "");
    const booked = await book(ctx, patient, {
      referralId: referralOf(patient),
      slotId: slot?.id ?? "",
      visitMode: "video",
    });
    expect(booked.status).toBe(201);
    const appointment = ZAppointment.parse(booked.body);
    expect(appointment.visitMode).toBe("video");
    const ticket = await ctx.request("GET", `/api/v1/appointments/${appointment.id}/ticket`, {
      as: asPatient(patient),
    });
    expect(((await ticket.json()) as { videoLink: string | null }).videoLink).toContain(appointment.id);

    const other = await one();
    const [inPersonOnly] = await freeSlotsOf(ctx, doc("card-2"));
    const refused = await book(ctx, other, {
      referralId: referralOf(other),
      slotId: inPersonOnly?.id ?? "",
      visitMode: "video",
    });
    expect(refused.status).toBe(422);
    expect(errorOf(refused.body).failures).toEqual([
      {
        code: "visit_mode_unavailable",
        message: "Этот врач не ведёт видеоприём: выберите приём в поликлинике или другого врача",
        field: "visitMode",
      },
    ]);
  });
});
