// The invariant suite the fault tests end with must be able to fail: each broken state written here
// by hand (as a crash between two writes would leave it) is named by `brokenInvariants`, and a clean
// world breaks none.
import { idempotencyKeys, referrals, slots } from "@priyom/db";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openWorldDatabase, seedBookingWorld, testServerUrl } from "../src/fixtures.ts";
import { brokenInvariants, INVARIANTS } from "../src/invariants.ts";

testServerUrl();

describe.each(["postgres", "pglite"] as const)("the invariant suite on %s", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it("holds on a fresh world and names each half-written state", async () => {
    const world = await openWorldDatabase(kind, `invariants_${kind}`);
    cleanups.push(() => world.drop());
    const { db } = world.services;
    const seeded = await seedBookingWorld(world.services, { patients: 2, doctors: 1, slotsPerDoctor: 4 });
    expect(await brokenInvariants(db)).toEqual([]);

    const [patient] = seeded.patients;
    const [slot] = seeded.slots;
    if (!patient || !slot) throw new Error("empty world");
    // A slot taken and a referral moved whose appointment never got written.
    await db.update(slots).set({ status: "booked" }).where(eq(slots.id, slot.slotId));
    await db.update(referrals).set({ status: "booked" }).where(eq(referrals.id, patient.referralId));
    // An idempotency key that answered 201 with an appointment that is not there.
    await db.insert(idempotencyKeys).values({
      userId: patient.userId,
      scope: "POST /api/v1/appointments",
      key: "lost-booking-key",
      requestHash: "0".repeat(64),
      responseStatus: 201,
      responseBody: JSON.stringify({ id: "apt_missing00" }),
    });

    const broken = await brokenInvariants(db);
    expect(broken.map((b) => b.name).sort()).toEqual(
      [
        "no booked slot without a live appointment",
        "no booked referral without a live appointment",
        "no idempotency key answering with a missing appointment",
      ].sort(),
    );
    expect(broken.find((b) => b.name.startsWith("no booked slot"))?.rows).toEqual([{ slot_id: slot.slotId }]);
    // Every invariant's SQL ran (a typo would have thrown), and each name is distinct.
    expect(new Set(INVARIANTS.map((i) => i.name)).size).toBe(INVARIANTS.length);
  });
});
