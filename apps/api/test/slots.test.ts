import {
  ZDaySlotsResponse,
  ZFreeDatesResponse,
  ZReferralDoctorsResponse,
  ZReferralFreeDatesResponse,
  ZReferralListResponse,
} from "@priyom/contracts";
import { isoWeekday, zonedLocalToUtc } from "@priyom/domain";
import { appointments } from "@priyom/db";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "../src/seed/demo-accounts.ts";
import { seedDemoDoctors, seedDemoReferrals } from "../src/seed/demo-referrals.ts";
import { seedDemoSchedules } from "../src/seed/demo-schedules.ts";
import { FULLY_BOOKED_DOCTOR, seedDemoBookings } from "../src/seed/demo-bookings.ts";
import { registeredPerson, signIn } from "./account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let demo: TestBrowser;
let cardiologyReferralId = "";

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoDoctors(ctx.handle.db);
  await seedDemoSchedules(ctx.handle.db);
  await seedDemoBookings(ctx.services);
  await seedDemoAccounts(ctx.services);
  await seedDemoReferrals(ctx.services);
  demo = new TestBrowser(ctx);
  await signIn(
    ctx,
    demo,
    DEMO_ACCOUNTS.patient.email,
    DEMO_ACCOUNTS.patient.password,
    DEMO_ACCOUNTS.patient.phone,
  );
  const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
  cardiologyReferralId = list.items.find((r) => r.number === "100200300")?.id ?? "";
});
afterAll(async () => {
  await ctx.close();
});

describe("demo bookings", () => {
  it("other patients hold some of every doctor's next two weeks; the Moscow cardiologist is full for 3 weeks", async () => {
    const res = await demo.json("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`);
    const body = ZReferralDoctorsResponse.parse(res.body);
    const full = body.items.find((d) => d.clinic.id === FULLY_BOOKED_DOCTOR.clinicId);
    const today = new Date().toISOString().slice(0, 10);
    expect(full?.nearestSlots[0]?.localDate ?? "").toBeDefined();
    // Nothing before three weeks from now (the last day of the referral may come first: then nothing at all).
    for (const slot of full?.nearestSlots ?? []) {
      expect(daysFrom(today, slot.localDate)).toBeGreaterThan(20);
    }
    const other = body.items.find((d) => d.clinic.id !== FULLY_BOOKED_DOCTOR.clinicId);
    expect(other?.nearestSlots.length).toBe(3);
    const [{ n } = { n: 0 }] = await ctx.services.db
      .select({ n: count() })
      .from(appointments)
      .where(eq(appointments.doctorId, other?.id ?? ""));
    expect(n).toBeGreaterThan(5);
    // Seeding again adds nothing.
    await seedDemoBookings(ctx.services);
    const [{ n: again } = { n: 0 }] = await ctx.services.db
      .select({ n: count() })
      .from(appointments)
      .where(eq(appointments.doctorId, other?.id ?? ""));
    expect(again).toBe(n);
  });
});

const daysFrom = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe("doctors for a referral", () => {
  it("free dates over all of the referral's doctors, never after its last day; the patient's own only", async () => {
    const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
    const referral = list.items.find((r) => r.id === cardiologyReferralId);
    const res = await demo.json("GET", `/api/v1/referrals/${cardiologyReferralId}/free-dates`);
    expect(res.status).toBe(200);
    const body = ZReferralFreeDatesResponse.parse(res.body);
    expect(body.dates.length).toBeGreaterThan(5);
    expect(body.dates.every((d) => d.free > 0 && d.doctorIds.length > 0)).toBe(true);
    expect(body.dates.every((d) => d.date <= (referral?.lastValidDay ?? ""))).toBe(true);
    const doctors = ZReferralDoctorsResponse.parse(
      (await demo.json("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`)).body,
    );
    const ids = new Set(doctors.items.map((d) => d.id));
    expect(body.dates.flatMap((d) => d.doctorIds).every((id) => ids.has(id))).toBe(true);
    const anonymous = await ctx.request("GET", `/api/v1/referrals/${cardiologyReferralId}/free-dates`);
    expect(anonymous.status).toBe(401);
  });

  it("lists the referral's specialty in the clinics it allows, with nearest free slots before its last day", async () => {
    const res = await demo.json("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`);
    expect(res.status).toBe(200);
    const body = ZReferralDoctorsResponse.parse(res.body);
    expect(body.items.map((d) => d.clinic.id).sort()).toEqual(["cln_ekb0007", "cln_msk0002"]);
    expect(body.items.every((d) => d.specialty === "cardiologist")).toBe(true);
    const firsts = body.items.map((d) => d.nearestSlots[0]?.startsAt ?? "");
    expect(firsts).toEqual([...firsts].sort());
    for (const doctor of body.items) {
      expect(doctor.nearestSlots.length).toBe(3);
      for (const slot of doctor.nearestSlots) {
        expect(new Date(slot.startsAt).getTime()).toBeGreaterThan(Date.now());
        expect(slot.timeZone).toBe(doctor.clinic.timeZone);
        expect(zonedLocalToUtc(slot.localDate, slot.localTime, slot.timeZone).toISOString()).toBe(
          slot.startsAt,
        );
      }
    }
    expect(body.freeWithinGuaranteedWait).toBe(true);
  });

  it("is the patient's own: another patient gets the same 404 as for no referral", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect((await browser.request("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`)).status).toBe(
      404,
    );
    expect(
      (await new TestBrowser(ctx).request("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`)).status,
    ).toBe(401);
  });
});

describe("free dates and a day's starts", () => {
  it("gives weekdays only, and the day's free starts on the 15-minute grid in the clinic's zone; a booked slot is not offered", async () => {
    const doctors = ZReferralDoctorsResponse.parse(
      (await demo.json("GET", `/api/v1/referrals/${cardiologyReferralId}/doctors`)).body,
    );
    const doctor = doctors.items[0];
    const dates = ZFreeDatesResponse.parse(
      (await demo.json("GET", `/api/v1/doctors/${doctor?.id ?? ""}/free-dates`)).body,
    );
    expect(dates.timeZone).toBe(doctor?.clinic.timeZone);
    expect(dates.dates.length).toBeGreaterThan(30);
    expect(dates.dates.every((d) => isoWeekday(d.date) <= 5 && d.free > 0)).toBe(true);

    const day = dates.dates[1]?.date ?? "";
    const before = ZDaySlotsResponse.parse(
      (await demo.json("GET", `/api/v1/doctors/${doctor?.id ?? ""}/slots?date=${day}`)).body,
    );
    expect(before.slots.length).toBeGreaterThan(0);
    expect(before.slots.every((s) => /^\d{2}:(00|15|30|45)$/.test(s.localTime))).toBe(true);
    const taken = before.slots[0];
    // Held by someone: no longer offered (the index learns it from the hold's slot-change event).
    expect((await demo.json("POST", "/api/v1/holds", { slotId: taken?.slotId })).status).toBe(201);
    const after = ZDaySlotsResponse.parse(
      (await demo.json("GET", `/api/v1/doctors/${doctor?.id ?? ""}/slots?date=${day}`)).body,
    );
    expect(after.slots.map((s) => s.slotId)).not.toContain(taken?.slotId);
    expect(after.slots.length).toBe(before.slots.length - 1);
  });

  it("names a malformed date, and answers an unknown doctor with 404", async () => {
    const bad = await demo.json<{ error: { fields: Record<string, string> } }>(
      "GET",
      "/api/v1/doctors/doc_x/slots?date=31.12.2026",
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["date"]);
    expect((await demo.request("GET", "/api/v1/doctors/doc_unknown/slots?date=2026-12-01")).status).toBe(404);
  });
});
