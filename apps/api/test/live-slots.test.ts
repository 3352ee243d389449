import { ZAppointment, ZSlotEvent, type TSlotEvent } from "@priyom/contracts";
import { appointments, slots } from "@priyom/db";
import { zonedLocalToUtc } from "@priyom/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlotIndex } from "../src/services/schedule/slot-index.ts";
import { rederiveInstants } from "../src/services/schedule/rederive.ts";
import { asPatient, book, bulkPatients, doctorsWithSchedule, freeSlotsOf } from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let doctorId = "";

beforeAll(async () => {
  ctx = await createTestContext({ sseHeartbeatSeconds: 1 });
  doctorId = (await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "live-1" }]))["live-1"] ?? "";
  await ctx.services.slotIndex.ready();
});
afterAll(async () => {
  await ctx.close();
});

/** Reads Server-Sent Events off a response body: each block's `event` and `data`, and comments. */
function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 5_000): Promise<{ event: string; data: string } | { comment: string }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) return { comment: block.slice(1).trim() };
          const field = (name: string) =>
            block
              .split("\n")
              .filter((l) => l.startsWith(`${name}:`))
              .map((l) => l.slice(name.length + 1).trim())
              .join("\n");
          return { event: field("event"), data: field("data") };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no event in time");
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event in time")), left)),
        ]);
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function nextSlotEvent(reader: ReturnType<typeof sseReader>): Promise<TSlotEvent> {
  for (;;) {
    const item = await reader.next();
    if ("event" in item && item.event === "slot") return ZSlotEvent.parse(JSON.parse(item.data));
  }
}

describe("live slot stream", () => {
  it("says ready, then tells a watching calendar when a slot is held, freed and booked; heartbeats between", async () => {
    const res = await ctx.request("GET", `/api/v1/slots/stream?doctorIds=${doctorId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = sseReader(res);
    expect(await reader.next()).toMatchObject({ event: "ready" });
    // Nothing happens for a while: a heartbeat comment keeps the connection alive.
    expect(await reader.next(3_000)).toEqual({ comment: "heartbeat" });

    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!patient) throw new Error("no patient");
    const [slot] = await freeSlotsOf(ctx, doctorId);
    const held = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(patient),
      body: { slotId: slot?.id },
    });
    expect(held.status).toBe(201);
    expect(await nextSlotEvent(reader)).toMatchObject({ slotId: slot?.id, doctorId, state: "taken" });

    await ctx.request("DELETE", "/api/v1/holds/current", { as: asPatient(patient) });
    expect(await nextSlotEvent(reader)).toMatchObject({
      slotId: slot?.id,
      state: "free",
      localDate: slot?.localDate,
      localTime: slot?.localTime,
      timeZone: "Europe/Moscow",
    });

    const booked = await book(ctx, patient, {
      referralId: patient.referralIds[0] ?? "",
      slotId: slot?.id ?? "",
    });
    expect(booked.status).toBe(201);
    expect(await nextSlotEvent(reader)).toMatchObject({ slotId: slot?.id, state: "taken" });
    await reader.cancel();
  });

  it("refuses a stream without doctors, field by field", async () => {
    const res = await ctx.request("GET", "/api/v1/slots/stream");
    expect(res.status).toBe(400);
    expect(
      ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.doctorIds,
    ).toMatch(/врачей/);
  });

  it("a change committed by one process reaches another process's index through LISTEN/NOTIFY", async () => {
    // A second index on the same database stands for a second API process.
    const other = new SlotIndex(ctx.handle.db, ctx.handle.listen);
    await other.ready();
    try {
      const [slot] = await freeSlotsOf(ctx, doctorId);
      expect(other.isFree({ ...slotKey(slot), slotId: slot?.id ?? "" })).toBe(true);
      const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
      if (!patient) throw new Error("no patient");
      const held = await ctx.request("POST", "/api/v1/holds", {
        as: asPatient(patient),
        body: { slotId: slot?.id },
      });
      expect(held.status).toBe(201);
      await expect
        .poll(() => other.isFree({ ...slotKey(slot), slotId: slot?.id ?? "" }), { timeout: 5_000 })
        .toBe(false);
    } finally {
      await other.stop();
    }
  });
});

const slotKey = (slot: { doctorId: string; localDate: string; localTime: string } | undefined) => ({
  doctorId: slot?.doctorId ?? "",
  localDate: slot?.localDate ?? "",
  localTime: slot?.localTime ?? "",
});

describe("time-zone rules change (rederive-instants)", () => {
  it("a visit keeps its local date and time; its instant follows the new rules; free slots follow too", async () => {
    const [patient] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!patient) throw new Error("no patient");
    const [slot, neighbour] = await freeSlotsOf(ctx, doctorId);
    const booked = await book(ctx, patient, {
      referralId: patient.referralIds[0] ?? "",
      slotId: slot?.id ?? "",
    });
    expect(booked.status).toBe(201);
    const before = ZAppointment.parse(booked.body);

    // Nothing to do while the rules are the ones the instants were derived with.
    const unchanged = await rederiveInstants(ctx.services.db);
    expect(unchanged.slotsMoved).toBe(0);
    expect(unchanged.appointmentsMoved).toBe(0);

    // New rules: Moscow moves from UTC+3 to UTC+4 from the visit's day on (as Volgograd did in 2020,
    // the other way); earlier dates keep their offset, as a real tz database update has it.
    const transition = slot?.localDate ?? "";
    const moscowPlusFour = (date: string, time: string, zone: string) =>
      zone === "Europe/Moscow" && date >= transition
        ? new Date(zonedLocalToUtc(date, time, "UTC").getTime() - 4 * 3_600_000)
        : zonedLocalToUtc(date, time, zone);
    const result = await rederiveInstants(ctx.services.db, new Date(), moscowPlusFour);
    expect(result.appointmentsMoved).toBeGreaterThanOrEqual(1);
    expect(result.slotsMoved).toBeGreaterThan(100);

    const [after] = await ctx.services.db.select().from(appointments).where(eq(appointments.id, before.id));
    expect(after).toMatchObject({
      localDate: before.localDate,
      localTime: before.localTime,
      timeZone: "Europe/Moscow",
    });
    expect(after?.startsAt.getTime()).toBe(new Date(before.startsAt).getTime() - 3_600_000);
    expect((after?.endsAt.getTime() ?? 0) - (after?.startsAt.getTime() ?? 0)).toBe(30 * 60_000);
    const [slotAfter] = await ctx.services.db
      .select()
      .from(slots)
      .where(eq(slots.id, neighbour?.id ?? ""));
    expect(slotAfter?.localTime).toBe(neighbour?.localTime);
    expect(slotAfter?.startsAt.getTime()).toBe((neighbour?.startsAt.getTime() ?? 0) - 3_600_000);
    // Running API processes learn the free slots' new instants.
    await expect
      .poll(
        () =>
          ctx.services.slotIndex
            .day(doctorId, neighbour?.localDate ?? "", 0)
            .find((s) => s.slotId === neighbour?.id)?.startsAt,
      )
      .toBe(slotAfter?.startsAt.getTime());

    // And back to the real rules.
    const back = await rederiveInstants(ctx.services.db);
    expect(back.appointmentsMoved).toBe(result.appointmentsMoved);
  });
});
