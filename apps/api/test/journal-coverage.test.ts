import { auditEvents, appointments } from "@priyom/db";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyJournal } from "../src/services/journal/verify.ts";
import { registeredPerson } from "./account-helpers.ts";
import { asPatient, bulkPatients, doctorsWithSchedule, freeSlotsOf, newKey } from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, TestBrowser, type TestContext } from "./test-services.ts";

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error("expected a value");
  return value;
}

let ctx: TestContext;
let doctorId = "";

beforeAll(async () => {
  ctx = await createTestContext();
  const docs = await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "coverage-1" }]);
  doctorId = docs["coverage-1"] ?? "";
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

/** The newest journal entry with this action (and, when given, this result). */
async function newest(action: string, result?: "success" | "failure") {
  const [row] = await ctx.services.db
    .select()
    .from(auditEvents)
    .where(
      result
        ? and(eq(auditEvents.action, action), eq(auditEvents.result, result))
        : eq(auditEvents.action, action),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (!row) throw new Error(`no journal entry ${action}`);
  return row;
}

/** Time is stored as an instant; what the verifier hashes is its UTC ISO form. */
function expectRecentUtc(at: Date) {
  expect(Math.abs(Date.now() - at.getTime())).toBeLessThan(60_000);
  expect(at.toISOString()).toMatch(/Z$/);
}

describe("authentication events", () => {
  it("sign-in success, failure for a known and an unknown login, and sign-out each leave an entry", async () => {
    const browser = new TestBrowser(ctx, "198.51.100.23");
    const { person } = await registeredPerson(ctx, browser);

    const wrong = await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: "Wrong-password-1",
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const failure = await newest("account.sign_in", "failure");
    expect(failure.subjectUserId).toBeTruthy();
    expect(failure.ip).toBe("198.51.100.23");
    expect(failure.details).toMatchObject({ reason: "wrong_password" });
    expectRecentUtc(failure.at);
    // The login (an e-mail or phone: personal data) is never in the journal.
    expect(JSON.stringify(failure)).not.toContain(person.email);

    const stranger = new TestBrowser(ctx, "198.51.100.24");
    const unknown = await stranger.request("POST", "/api/v1/account/sign-in", {
      login: "nobody-here@example.ru",
      password: "Wrong-password-1",
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    const unknownEntry = await newest("account.sign_in", "failure");
    expect(unknownEntry.id).toBeGreaterThan(failure.id);
    expect(unknownEntry).toMatchObject({
      ip: "198.51.100.24",
      subjectUserId: null,
      details: { reason: "unknown_login" },
    });
    expect(JSON.stringify(unknownEntry)).not.toContain("nobody-here");

    const signedIn = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: person.email,
      password: person.password,
    });
    expect(signedIn.body.status).toBe("signed_in");
    const success = await newest("account.sign_in", "success");
    expect(success).toMatchObject({ subjectUserId: failure.subjectUserId, ip: "198.51.100.23" });
    expect(success.requestId).toBeTruthy();
    expectRecentUtc(success.at);

    const profile = await browser.request("GET", "/api/v1/profile");
    expect(profile.status).toBe(200);
    const read = await newest("personal_data.read");
    expect(read).toMatchObject({
      actorUserId: failure.subjectUserId,
      subjectUserId: failure.subjectUserId,
      objectType: "profile",
      objectId: failure.subjectUserId,
      result: "success",
      ip: "198.51.100.23",
    });
    expectRecentUtc(read.at);

    expect((await browser.request("POST", "/api/v1/account/sign-out")).status).toBe(200);
    const signOut = await newest("account.sign_out");
    expect(signOut).toMatchObject({
      actorUserId: failure.subjectUserId,
      objectType: "session",
      ip: "198.51.100.23",
    });
  });
});

describe("appointment changes", () => {
  it("a booking and a cancellation each leave an entry naming the appointment, the actor and the IP", async () => {
    const patient = must((await bulkPatients(ctx, 1, [CLINIC_A]))[0]);
    const slot = must((await freeSlotsOf(ctx, doctorId, 1))[0]);
    const booked = await ctx.request("POST", "/api/v1/appointments", {
      as: asPatient(patient),
      ip: "192.0.2.41",
      headers: { "Idempotency-Key": newKey() },
      body: { contactPhone: patient.phone, referralId: patient.referralIds[0], slotId: slot.id },
    });
    expect(booked.status).toBe(201);
    const appointmentId = ((await booked.json()) as { id: string }).id;
    const book = await newest("appointment.book");
    expect(book).toMatchObject({
      actorUserId: patient.userId,
      subjectUserId: patient.userId,
      objectType: "appointment",
      objectId: appointmentId,
      result: "success",
      ip: "192.0.2.41",
    });
    expectRecentUtc(book.at);

    const ticket = await ctx.request("GET", `/api/v1/appointments/${appointmentId}/ticket`, {
      as: asPatient(patient),
      ip: "192.0.2.43",
    });
    expect(ticket.status).toBe(200);
    expect(await newest("personal_data.read")).toMatchObject({
      actorUserId: patient.userId,
      objectType: "appointment",
      objectId: appointmentId,
      ip: "192.0.2.43",
    });

    const cancelled = await ctx.request("POST", `/api/v1/appointments/${appointmentId}/cancel`, {
      as: asPatient(patient),
      ip: "192.0.2.42",
      headers: { "Idempotency-Key": newKey() },
      body: { reason: "Не смогу прийти" },
    });
    expect(cancelled.status).toBe(200);
    const [row] = await ctx.services.db
      .select({ status: appointments.status })
      .from(appointments)
      .where(eq(appointments.id, appointmentId));
    expect(row?.status).toBe("cancelled");
    const cancel = await newest("appointment.cancel");
    expect(cancel).toMatchObject({
      actorUserId: patient.userId,
      objectType: "appointment",
      objectId: appointmentId,
      result: "success",
      ip: "192.0.2.42",
    });
    expectRecentUtc(cancel.at);

    expect((await verifyJournal(ctx.services.db)).ok).toBe(true);
  });
});
