import { ZBookingErrorBody } from "@priyom/contracts";
import { appointments, referrals, slots } from "@priyom/db";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { book, bulkPatients, doctorsWithSchedule, freeSlotsOf, newKey } from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

/**
 * Many requests at once, on PGlite and on PostgreSQL (`TEST_DATABASE_URL`): the database decides,
 * and it agrees with the answers.
 */
let ctx: TestContext;
let docs: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "race-1" },
    { externalId: "race-2" },
    { externalId: "race-3" },
    { externalId: "race-4" },
    { externalId: "race-5" },
  ]);
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

const doc = (name: string) => docs[name] ?? "";
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe("concurrent bookings", () => {
  it("200 patients racing for 20 slots: exactly 20 appointments and 180 conflicts with alternatives", async () => {
    const patients = await bulkPatients(ctx, 200, [CLINIC_A]);
    const wanted = (await freeSlotsOf(ctx, doc("race-1"))).slice(0, 20);
    expect(wanted).toHaveLength(20);
    const answers = await Promise.all(
      patients.map((p, i) =>
        book(ctx, p, { referralId: p.referralIds[0] ?? "", slotId: wanted[i % 20]?.id ?? "" }),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 201: 20, 409: 180 });
    for (const a of answers.filter((x) => x.status === 409)) {
      const error = ZBookingErrorBody.parse(a.body).error;
      expect(error.code).toBe("slot_taken");
      expect(error.alternatives?.length ?? 0).toBeGreaterThan(0);
      // Each alternative is offered once.
      expect(
        error.alternatives?.some(
          (alt) => error.alternatives?.filter((b) => b.slotId === alt.slotId).length !== 1,
        ),
      ).toBe(false);
    }
    // The database agrees: one booked appointment per slot, every slot booked, 20 referrals booked.
    const ids = wanted.map((s) => s.id);
    const rows = await ctx.services.db
      .select({ slotId: appointments.slotId, n: count() })
      .from(appointments)
      .where(and(inArray(appointments.slotId, ids), eq(appointments.status, "booked")))
      .groupBy(appointments.slotId);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const slotRows = await ctx.services.db.select().from(slots).where(inArray(slots.id, ids));
    expect(slotRows.every((s) => s.status === "booked")).toBe(true);
    const [{ n: bookedReferrals } = { n: -1 }] = await ctx.services.db
      .select({ n: count() })
      .from(referrals)
      .where(
        and(
          inArray(
            referrals.id,
            patients.map((p) => p.referralIds[0] ?? ""),
          ),
          eq(referrals.status, "booked"),
        ),
      );
    expect(bookedReferrals).toBe(20);
  });

  it("the same idempotency key sent 10 times at once creates one appointment, and all 10 get its answer", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!patient) throw new Error("no patient");
    const [slot] = await freeSlotsOf(ctx, doc("race-2"));
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        book(ctx, patient, { referralId: patient.referralIds[0] ?? "", slotId: slot?.id ?? "" }, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.res.headers.get("Idempotent-Replayed") === "true")).toHaveLength(9);
    const [{ n } = { n: -1 }] = await ctx.services.db
      .select({ n: count() })
      .from(appointments)
      .where(eq(appointments.userId, patient.userId));
    expect(n).toBe(1);
  });

  it("50 bookings of one referral into 50 different slots at once: exactly one appointment", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!patient) throw new Error("no patient");
    const wanted = (await freeSlotsOf(ctx, doc("race-3"))).slice(0, 50);
    expect(wanted).toHaveLength(50);
    const answers = await Promise.all(
      wanted.map((s) => book(ctx, patient, { referralId: patient.referralIds[0] ?? "", slotId: s.id })),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 201: 1, 409: 49 });
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(["referral_already_booked", "appointment_overlap"]).toContain(
        ZBookingErrorBody.parse(a.body).error.code,
      );
    }
    const rows = await ctx.services.db
      .select()
      .from(appointments)
      .where(eq(appointments.referralId, patient.referralIds[0] ?? ""));
    expect(rows).toHaveLength(1);
    const booked = await ctx.services.db
      .select({ n: count() })
      .from(slots)
      .where(
        and(
          inArray(
            slots.id,
            wanted.map((s) => s.id),
          ),
          eq(slots.status, "booked"),
        ),
      );
    expect(booked[0]?.n).toBe(1);
  });

  it("100 patients each booking two doctors at the same moment get exactly one of each pair", async () => {
    const patients = await bulkPatients(ctx, 100, [CLINIC_A], ["cardiologist", "cardiologist"]);
    const left = await freeSlotsOf(ctx, doc("race-4"), 100);
    const rightByStart = new Map(
      (await freeSlotsOf(ctx, doc("race-5"), 500)).map((s) => [s.startsAt.getTime(), s]),
    );
    const pairs = left
      .map((l) => [l, rightByStart.get(l.startsAt.getTime())] as const)
      .filter((pair) => pair[1] !== undefined)
      .slice(0, 100);
    expect(pairs).toHaveLength(100);
    const answers = await Promise.all(
      patients.flatMap((p, i) => {
        const [l, r] = pairs[i] ?? [];
        return [
          book(ctx, p, { referralId: p.referralIds[0] ?? "", slotId: l?.id ?? "" }),
          book(ctx, p, { referralId: p.referralIds[1] ?? "", slotId: r?.id ?? "" }),
        ];
      }),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 201: 100, 409: 100 });
    for (let i = 0; i < 100; i++) {
      const statuses = [answers[2 * i]?.status, answers[2 * i + 1]?.status].sort();
      expect(statuses).toEqual([201, 409]);
      const loser = answers[2 * i]?.status === 409 ? answers[2 * i] : answers[2 * i + 1];
      expect(ZBookingErrorBody.parse(loser?.body).error.code).toBe("appointment_overlap");
    }
    const perPatient = await ctx.services.db
      .select({ userId: appointments.userId, n: count() })
      .from(appointments)
      .where(
        and(
          inArray(
            appointments.userId,
            patients.map((p) => p.userId),
          ),
          eq(appointments.status, "booked"),
        ),
      )
      .groupBy(appointments.userId);
    expect(perPatient).toHaveLength(100);
    expect(perPatient.every((r) => r.n === 1)).toBe(true);
  });
});
