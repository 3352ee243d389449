import { clinics, scheduleRules, slots } from "@priyom/db";
import { addDays, isoWeekday, ogrnCheckDigit, zonedLocalToUtc } from "@priyom/domain";
import { and, asc, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { materializeAll, materializeSlots } from "../src/services/schedule/materialize.ts";
import { asClinic, CLINIC_A, CLINIC_C, clinicKey, doctorBody, todayIn } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

const CLINIC_KAM = "cln_kam0041";
const KAM_ZONE = "Asia/Kamchatka";
const KGD_ZONE = "Europe/Kaliningrad";

let ctx: TestContext;
let keyA: string;
let keyKgd: string;
let keyKam: string;

/** A valid ОГРН from its first 12 digits, by checkOgrn's rule. */
const ogrnFrom = (body: string) => `${body}${ogrnCheckDigit(body)}`;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.services.db.insert(clinics).values({
    id: CLINIC_KAM,
    shortName: "Камчатская краевая больница",
    fullName: "ГБУЗ «Камчатская краевая больница им. А. С. Лукашевского»",
    ogrn: ogrnFrom("102410150001"),
    address: "г. Петропавловск-Камчатский, ул. Ленинградская, д. 112",
    region: "Камчатский край",
    timeZone: KAM_ZONE,
    registryPhone: "+7 4152 23-45-67",
    placeType: "hospital",
    latitude: 53.0452,
    longitude: 158.6483,
  });
  keyA = await clinicKey(ctx, CLINIC_A);
  keyKgd = await clinicKey(ctx, CLINIC_C);
  keyKam = await clinicKey(ctx, CLINIC_KAM);
});
afterAll(async () => {
  await ctx.close();
});

async function newDoctor(key: string, externalId: string): Promise<string> {
  const res = await asClinic(ctx, key, "PUT", `/api/v1/clinic/doctors/${externalId}`, doctorBody(externalId));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const weekdays = (from: number, to: number, rule: Record<string, unknown>) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ weekday: from + i, ...rule }));

/** Mon–Fri 09:00–13:00, a break 11:00–11:15, 30-minute visits: 09:00 … 10:30, 11:15, 11:45, 12:15. */
const WEEKLY = weekdays(1, 5, {
  from: "09:00",
  to: "13:00",
  breaks: [{ from: "11:00", to: "11:15" }],
  visitMinutes: 30,
});
const PER_DAY = 7;
/** 8 weeks from today hold 40 weekdays, whatever today is. */
const WORKING_DAYS = 40;

/** The first weekday (Mon–Fri) after today in `zone`. */
function nextWorkingDay(zone: string): string {
  let date = addDays(todayIn(zone), 1);
  while (isoWeekday(date) > 5) date = addDays(date, 1);
  return date;
}

async function slotsOf(doctorId: string) {
  return ctx.services.db
    .select()
    .from(slots)
    .where(eq(slots.doctorId, doctorId))
    .orderBy(asc(slots.localDate), asc(slots.localTime));
}

async function putSchedule(key: string, externalId: string, body: unknown) {
  return asClinic(ctx, key, "PUT", `/api/v1/clinic/doctors/${externalId}/schedule`, body);
}

describe("slots_no_overlap", () => {
  it("refuses an overlapping slot of one doctor (23P01), allows the same time for another doctor", async () => {
    const first = await newDoctor(keyA, "excl-1");
    const second = await newDoctor(keyA, "excl-2");
    const date = addDays(todayIn("Europe/Moscow"), 3);
    const row = (doctorId: string, localTime: string, status: "free" | "blocked" = "free") => {
      const startsAt = zonedLocalToUtc(date, localTime, "Europe/Moscow");
      return {
        id: `slt_${randomBytes(8).toString("hex")}`,
        doctorId,
        localDate: date,
        localTime,
        timeZone: "Europe/Moscow",
        minutes: 30,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        status,
      };
    };
    await ctx.services.db.insert(slots).values(row(first, "10:00"));
    await expect(ctx.services.db.insert(slots).values(row(first, "10:15"))).rejects.toMatchObject({
      cause: { code: "23P01" },
    });
    // Touching ranges do not overlap ([) bounds); another doctor may have the same time.
    await ctx.services.db.insert(slots).values(row(first, "10:30"));
    await ctx.services.db.insert(slots).values(row(second, "10:15"));
    // A blocked slot holds no time.
    await ctx.services.db.insert(slots).values(row(first, "09:45", "blocked"));
  });
});

describe("PUT /api/v1/clinic/doctors/{externalId}/schedule", () => {
  it("materialises 8 weeks on the 15-minute grid in Kaliningrad and Kamchatka, UTC derived from local", async () => {
    for (const [key, zone, externalId] of [
      [keyKgd, KGD_ZONE, "sched-kgd"],
      [keyKam, KAM_ZONE, "sched-kam"],
    ] as const) {
      const doctorId = await newDoctor(key, externalId);
      const dayOff = nextWorkingDay(zone);
      const res = await putSchedule(key, externalId, {
        rules: WEEKLY,
        exceptions: [{ date: dayOff, kind: "day_off" }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ slotsFree: (WORKING_DAYS - 1) * PER_DAY, slotsBlocked: 0 });
      const rows = await slotsOf(doctorId);
      expect(rows).toHaveLength((WORKING_DAYS - 1) * PER_DAY);
      expect(rows.some((r) => r.localDate === dayOff)).toBe(false);
      const today = todayIn(zone);
      for (const r of rows) {
        expect(r.timeZone).toBe(zone);
        expect(r.status).toBe("free");
        expect(Number(r.localTime.slice(3)) % 15).toBe(0);
        expect(r.localDate >= today && r.localDate <= addDays(today, 55)).toBe(true);
        expect(isoWeekday(r.localDate)).toBeLessThanOrEqual(5);
        expect(r.startsAt.getTime()).toBe(zonedLocalToUtc(r.localDate, r.localTime, zone).getTime());
        expect(r.endsAt.getTime() - r.startsAt.getTime()).toBe(30 * 60_000);
      }
      expect([...new Set(rows.map((r) => r.localTime))].sort()).toEqual([
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:15",
        "11:45",
        "12:15",
      ]);
      // Materialising again changes nothing.
      const again = await putSchedule(key, externalId, {
        rules: WEEKLY,
        exceptions: [{ date: dayOff, kind: "day_off" }],
      });
      expect(again.body).toEqual(res.body);
      expect(await slotsOf(doctorId)).toHaveLength(rows.length);
    }
  });

  it("a rule change blocks the free slots no longer in the schedule and opens the new ones", async () => {
    const doctorId = await newDoctor(keyKgd, "sched-change");
    expect((await putSchedule(keyKgd, "sched-change", { rules: WEEKLY, exceptions: [] })).status).toBe(200);
    // Shorter days with 15-minute visits: 09:00 … 10:45 (8 a day); 11:15, 11:45, 12:15 are gone.
    const res = await putSchedule(keyKgd, "sched-change", {
      rules: weekdays(1, 5, { from: "09:00", to: "11:00", visitMinutes: 15 }),
      exceptions: [],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ slotsFree: WORKING_DAYS * 8, slotsBlocked: WORKING_DAYS * 3 });
    const rows = await slotsOf(doctorId);
    const blocked = rows.filter((r) => r.status === "blocked");
    expect([...new Set(blocked.map((r) => r.localTime))].sort()).toEqual(["11:15", "11:45", "12:15"]);
    const free = rows.filter((r) => r.status === "free");
    expect(
      free.every((r) => r.minutes === 15 && r.endsAt.getTime() - r.startsAt.getTime() === 15 * 60_000),
    ).toBe(true);
    // Back to the first schedule: 11:15 … 12:15 open again, 09:15 … 10:45 are blocked now.
    const back = await putSchedule(keyKgd, "sched-change", { rules: WEEKLY, exceptions: [] });
    expect(back.body).toEqual({ slotsFree: WORKING_DAYS * PER_DAY, slotsBlocked: WORKING_DAYS * 4 });
    // The daily job finds nothing to do for this doctor (nor to insert for anyone).
    const before = (await slotsOf(doctorId)).map((r) => [r.id, r.status, r.minutes]);
    const job = await materializeAll(ctx.services.db);
    expect(job.inserted).toBe(0);
    expect((await slotsOf(doctorId)).map((r) => [r.id, r.status, r.minutes])).toEqual(before);
  });

  it("never touches a booked slot: it is returned as a conflict and no new slot opens over it", async () => {
    const doctorId = await newDoctor(keyKgd, "sched-booked");
    expect((await putSchedule(keyKgd, "sched-booked", { rules: WEEKLY, exceptions: [] })).status).toBe(200);
    const [target] = (await slotsOf(doctorId)).filter((r) => r.localTime === "09:30");
    if (!target) throw new Error("no 09:30 slot");
    await ctx.services.db.update(slots).set({ status: "booked" }).where(eq(slots.id, target.id));
    const shorter = weekdays(1, 5, { from: "09:15", to: "11:00", visitMinutes: 15 });
    // Through the API the change is refused as a whole (the booked-appointment case is in booking.test.ts).
    const refused = await putSchedule(keyKgd, "sched-booked", { rules: shorter, exceptions: [] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "schedule_conflict", appointments: [] } });
    expect((await slotsOf(doctorId)).find((r) => r.id === target.id)).toMatchObject({ minutes: 30 });
    // The materialisation itself, run on the new rules, leaves the booked slot alone.
    await ctx.services.db.delete(scheduleRules).where(eq(scheduleRules.doctorId, doctorId));
    await ctx.services.db.insert(scheduleRules).values(
      [1, 2, 3, 4, 5].map((weekday) => ({
        id: `srl_${randomBytes(8).toString("hex")}`,
        doctorId,
        weekday,
        fromTime: "09:15",
        toTime: "11:00",
        visitMinutes: 15,
      })),
    );
    const result = await ctx.services.db.transaction((tx) =>
      materializeSlots(tx, doctorId, { from: target.localDate, to: target.localDate }),
    );
    expect(result.conflicts).toEqual([
      { id: target.id, localDate: target.localDate, localTime: "09:30", status: "booked" },
    ]);
    const day = (await slotsOf(doctorId)).filter((r) => r.localDate === target.localDate);
    expect(day.find((r) => r.id === target.id)).toMatchObject({ status: "booked", minutes: 30 });
    // 09:30 and 09:45 lie under the booked visit; the other 15-minute starts are free.
    expect(day.filter((r) => r.status === "free").map((r) => r.localTime)).toEqual([
      "09:15",
      "10:00",
      "10:15",
      "10:30",
      "10:45",
    ]);
  });

  it("names every invalid field at once", async () => {
    await newDoctor(keyA, "sched-bad");
    const res = await putSchedule(keyA, "sched-bad", {
      rules: [
        { weekday: 1, from: "09:10", to: "12:00", visitMinutes: 30 },
        { weekday: 8, from: "09:00", to: "12:00", visitMinutes: 30 },
        { weekday: 2, from: "09:00", to: "12:00", visitMinutes: 20 },
      ],
      exceptions: [{ date: "2026-02-30", kind: "day_off" }],
    });
    expect(res.status).toBe(400);
    const fields = Object.keys((res.body.error as { fields: Record<string, string> }).fields).sort();
    expect(fields).toEqual([
      "exceptions[0].date",
      "rules[0].from",
      "rules[1].weekday",
      "rules[2].visitMinutes",
    ]);
  });

  it("another clinic's doctor is 404", async () => {
    const doctorId = await newDoctor(keyA, "sched-only-a");
    const res = await putSchedule(keyKgd, "sched-only-a", { rules: WEEKLY, exceptions: [] });
    expect(res.status).toBe(404);
    expect(
      await ctx.services.db
        .select()
        .from(slots)
        .where(and(eq(slots.doctorId, doctorId))),
    ).toHaveLength(0);
  });
});
