import { ZAppointment, ZErrorBody, ZWaitlistEntry, ZWaitlistListResponse } from "@priyom/contracts";
import { appointments, auditEvents, referrals, slots } from "@priyom/db";
import { addDays } from "@priyom/domain";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import { parseSlotChanges, SLOT_CHANNEL, type SlotChange } from "../src/services/schedule/slot-events.ts";
import { OFFER_MINUTES } from "../src/services/waitlist/offer.ts";
import { runWaitlistPass } from "../src/services/waitlist/pass.ts";
import {
  cancelAndOffer,
  closeDayExcept,
  entryRow,
  json,
  notificationsOf,
  reopenAndOffer,
  slotRow,
  slotsOn,
  weekdayAhead,
  weekdaysAhead,
} from "./after-booking-fixtures.ts";
import { asPatient, book, bulkPatients, doctorsWithSchedule, newKey } from "./booking-fixtures.ts";
import { CLINIC_A, CLINIC_B } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let docs: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "wl-1" },
    { externalId: "wl-2" },
    { externalId: "wl-3" },
    { externalId: "wl-4" },
    { externalId: "wl-neuro", specialty: "neurologist" },
  ]);
  await ctx.services.slotIndex.ready();
});
afterEach(() => {
  ctx.services.clock = () => new Date();
});
afterAll(async () => {
  await ctx.close();
});

const doc = (name: string) => docs[name] ?? "";
/** A day of its own for each test that closes or books slots. */
const [
  CHAIN_DAY = "",
  LATE_DAY = "",
  HOLD_DAY = "",
  ELSEWHERE_DAY = "",
  JOB_DAY = "",
  END_DAY = "",
  BOOK_DAY = "",
  CANCEL_DAY = "",
] = weekdaysAhead(3, 8);
const referralOf = (p: BulkPatient) => p.referralIds[0] ?? "";
const patients = async (n: number, allowed = [CLINIC_A]) => {
  const made = await bulkPatients(ctx, n, allowed);
  if (made.length !== n) throw new Error("no patients");
  return made;
};
const minutesFromNow = (minutes: number) => {
  const at = new Date(Date.now() + minutes * 60_000);
  return () => at;
};

async function join(p: BulkPatient, body: Record<string, unknown>) {
  const res = await ctx.request("POST", "/api/v1/waitlist", {
    as: asPatient(p),
    body: { referralId: referralOf(p), ...body },
  });
  return { status: res.status, body: await json(res) };
}

async function joined(p: BulkPatient, body: Record<string, unknown>) {
  const res = await join(p, body);
  expect(res.status).toBe(201);
  return ZWaitlistEntry.parse(res.body);
}

async function listOf(p: BulkPatient) {
  const res = await ctx.request("GET", "/api/v1/waitlist", { as: asPatient(p) });
  expect(res.status).toBe(200);
  return ZWaitlistListResponse.parse(await res.json()).items;
}

async function entryOf(p: BulkPatient, id: string) {
  const found = (await listOf(p)).find((e) => e.id === id);
  if (!found) throw new Error(`entry ${id} not listed`);
  return found;
}

function accept(p: BulkPatient, id: string, key = newKey()) {
  return ctx.request("POST", `/api/v1/waitlist/${id}/accept`, {
    as: asPatient(p),
    headers: { "Idempotency-Key": key },
    body: { contactPhone: p.phone },
  });
}

const journal = (action: string, entryId: string) =>
  ctx.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id))
    .then((rows) => rows.filter((r) => r.details.entryId === entryId));

describe("the offer chain", () => {
  it("offers a freed slot to the first in line, passes it on when the offer lapses or is declined, and books it on accept", async () => {
    const date = CHAIN_DAY;
    const [first] = await slotsOn(ctx, doc("wl-1"), date);
    if (!first) throw new Error("no slot");
    const [holder, a, b, e] = await patients(4);
    if (!holder || !a || !b || !e) throw new Error("no patients");
    const booked = await book(ctx, holder, { referralId: referralOf(holder), slotId: first.id });
    expect(booked.status).toBe(201);
    await closeDayExcept(ctx, doc("wl-1"), date);

    const range = { fromDate: date, toDate: date, doctorIds: [doc("wl-1")] };
    const entryA = await joined(a, range);
    const entryB = await joined(b, range);
    const entryE = await joined(e, range);
    expect([entryA, entryB, entryE].map((x) => [x.status, x.position])).toEqual([
      ["waiting", 1],
      ["waiting", 2],
      ["waiting", 3],
    ]);
    expect(entryA.referral).toMatchObject({ id: referralOf(a), specialty: "Кардиолог" });

    // Nothing is free yet: a pass offers nothing to them.
    await runWaitlistPass(ctx.services, ctx.services.clock());
    expect((await entryRow(ctx, entryA.id)).status).toBe("waiting");

    // The visit is cancelled: the slot goes to A at once, in the cancelling transaction.
    const heard: SlotChange[] = [];
    const unlisten = await ctx.handle.listen(SLOT_CHANNEL, (payload) =>
      heard.push(...parseSlotChanges(payload)),
    );
    try {
      expect(await cancelAndOffer(ctx, (booked.body as { id: string }).id)).toEqual([first.id]);
      // The slot index learns the slot is taken again (the free and the taken travel together).
      await vi.waitFor(() =>
        expect(heard.filter((c) => c.slotId === first.id).map((c) => c.state)).toEqual(["free", "taken"]),
      );
    } finally {
      await unlisten();
    }
    const heldForA = await slotRow(ctx, first.id);
    expect(heldForA).toMatchObject({ status: "held", heldByUserId: a.userId });
    const rowA = await entryRow(ctx, entryA.id);
    expect(rowA).toMatchObject({ status: "offered", offeredSlotId: first.id, offersMade: 1 });
    expect(rowA.offerExpiresAt?.getTime()).toBe(heldForA.holdExpiresAt?.getTime());
    const [offerNote] = await notificationsOf(ctx, a.userId, ["waitlist_offer"]);
    expect(offerNote?.body).toContain(`${first.localTime}`);
    expect(offerNote?.body).toContain(date.split("-").reverse().join("."));
    expect(offerNote?.body).toContain("Кузнецов Андрей Сергеевич");
    expect(offerNote?.body).toContain(`${OFFER_MINUTES} минут`);
    expect(await journal("waitlist.offer", entryA.id)).toHaveLength(1);
    const shownA = await entryOf(a, entryA.id);
    expect(shownA.status).toBe("offered");
    expect(shownA.offer).toMatchObject({
      slotId: first.id,
      localDate: date,
      localTime: first.localTime,
      doctor: { id: doc("wl-1"), room: "214" },
      clinic: { id: CLINIC_A },
    });
    expect(shownA.offer?.secondsLeft).toBeGreaterThan(OFFER_MINUTES * 60 - 120);
    expect(shownA.offer?.secondsLeft).toBeLessThanOrEqual(OFFER_MINUTES * 60);
    expect((await entryOf(b, entryB.id)).offer).toBeNull();

    // A lets it lapse: a pass after the 15 minutes gives it to B, and A keeps the first place.
    ctx.services.clock = minutesFromNow(OFFER_MINUTES + 1);
    const lapsed = await runWaitlistPass(ctx.services, ctx.services.clock());
    expect(lapsed.lapsed).toBe(1);
    expect(await entryRow(ctx, entryA.id)).toMatchObject({
      status: "waiting",
      offeredSlotId: null,
      passedSlotIds: [first.id],
    });
    expect(await entryRow(ctx, entryB.id)).toMatchObject({ status: "offered", offeredSlotId: first.id });
    expect(await slotRow(ctx, first.id)).toMatchObject({ status: "held", heldByUserId: b.userId });
    expect(await journal("waitlist.lapse", entryA.id)).toHaveLength(1);
    expect((await entryOf(a, entryA.id)).position).toBe(1);

    // B declines: B keeps its place, the slot goes to the next (E), not back to A who passed it.
    const declined = await ctx.request("POST", `/api/v1/waitlist/${entryB.id}/decline`, { as: asPatient(b) });
    expect(declined.status).toBe(200);
    expect(ZWaitlistEntry.parse(await declined.json())).toMatchObject({
      status: "waiting",
      position: 2,
      offer: null,
    });
    expect((await entryRow(ctx, entryB.id)).passedSlotIds).toEqual([first.id]);
    expect(await entryRow(ctx, entryE.id)).toMatchObject({ status: "offered", offeredSlotId: first.id });
    expect(await slotRow(ctx, first.id)).toMatchObject({ status: "held", heldByUserId: e.userId });
    expect(await journal("waitlist.decline", entryB.id)).toHaveLength(1);
    const again = await ctx.request("POST", `/api/v1/waitlist/${entryB.id}/decline`, { as: asPatient(b) });
    expect(again.status).toBe(409);
    expect(ZErrorBody.parse(await again.json()).error.code).toBe("waitlist_no_offer");

    // E accepts: booked through the booking rules, the entry ends as booked.
    const key = newKey();
    const accepted = await accept(e, entryE.id, key);
    expect(accepted.status).toBe(201);
    const appointment = ZAppointment.parse(await accepted.json());
    expect(appointment).toMatchObject({ status: "booked", localDate: date, localTime: first.localTime });
    expect(await entryRow(ctx, entryE.id)).toMatchObject({
      status: "booked",
      appointmentId: appointment.id,
      offeredSlotId: null,
    });
    expect(await slotRow(ctx, first.id)).toMatchObject({ status: "booked", heldByUserId: null });
    const [apt] = await ctx.services.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, appointment.id));
    expect(apt).toMatchObject({ userId: e.userId, slotId: first.id, referralId: referralOf(e) });
    const [referral] = await ctx.services.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, referralOf(e)));
    expect(referral?.status).toBe("booked");
    expect(await journal("waitlist.accept", entryE.id)).toMatchObject([{ result: "success" }]);
    // The same key again: the first answer, not a second booking.
    const replay = await accept(e, entryE.id, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(ZAppointment.parse(await replay.json()).id).toBe(appointment.id);

    // Positions: the booked entry has none; A and B keep theirs.
    expect((await entryOf(e, entryE.id)).position).toBeNull();
    expect((await entryOf(a, entryA.id)).position).toBe(1);
    expect((await entryOf(b, entryB.id)).position).toBe(2);

    // Leaving: A leaves with one click; B moves up.
    const left = await ctx.request("DELETE", `/api/v1/waitlist/${entryA.id}`, { as: asPatient(a) });
    expect(left.status).toBe(204);
    expect(await entryRow(ctx, entryA.id)).toMatchObject({ status: "left" });
    expect((await entryRow(ctx, entryA.id)).endedAt).not.toBeNull();
    expect((await entryOf(a, entryA.id)).position).toBeNull();
    expect((await entryOf(b, entryB.id)).position).toBe(1);
    expect(await journal("waitlist.leave", entryA.id)).toHaveLength(1);

    // Leaving with an offer releases the slot (no one else waits for it: it stays free).
    const [, second] = await slotsOn(ctx, doc("wl-1"), date);
    if (!second) throw new Error("no second slot");
    expect(await reopenAndOffer(ctx, second.id)).toEqual([second.id]);
    expect(await entryRow(ctx, entryB.id)).toMatchObject({ status: "offered", offeredSlotId: second.id });
    const leftWithOffer = await ctx.request("DELETE", `/api/v1/waitlist/${entryB.id}`, { as: asPatient(b) });
    expect(leftWithOffer.status).toBe(204);
    expect(await entryRow(ctx, entryB.id)).toMatchObject({ status: "left", offeredSlotId: null });
    expect(await slotRow(ctx, second.id)).toMatchObject({ status: "free", heldByUserId: null });
  });

  it("gets the slot a patient frees through the cancel route, in the cancelling transaction", async () => {
    const date = CANCEL_DAY;
    const [slot] = await slotsOn(ctx, doc("wl-3"), date);
    if (!slot) throw new Error("no slot");
    const [holder, waiter] = await patients(2);
    if (!holder || !waiter) throw new Error("no patients");
    const booked = await book(ctx, holder, { referralId: referralOf(holder), slotId: slot.id });
    expect(booked.status).toBe(201);
    await closeDayExcept(ctx, doc("wl-3"), date);
    const entry = await joined(waiter, { fromDate: date, toDate: date, doctorIds: [doc("wl-3")] });
    const cancelled = await ctx.request(
      "POST",
      `/api/v1/appointments/${(booked.body as { id: string }).id}/cancel`,
      {
        as: asPatient(holder),
        headers: { "Idempotency-Key": newKey() },
        body: { reason: "Не смогу прийти" },
      },
    );
    expect(cancelled.status).toBe(200);
    expect(await entryRow(ctx, entry.id)).toMatchObject({ status: "offered", offeredSlotId: slot.id });
    expect(await slotRow(ctx, slot.id)).toMatchObject({ status: "held", heldByUserId: waiter.userId });
  });

  it("refuses an offer accepted after its 15 minutes", async () => {
    const date = LATE_DAY;
    await closeDayExcept(ctx, doc("wl-3"), date);
    const [slot] = await slotsOn(ctx, doc("wl-3"), date);
    if (!slot) throw new Error("no slot");
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const entry = await joined(p, { fromDate: date, toDate: date, doctorIds: [doc("wl-3")] });
    expect(await reopenAndOffer(ctx, slot.id)).toEqual([slot.id]);
    ctx.services.clock = minutesFromNow(OFFER_MINUTES + 1);
    const late = await accept(p, entry.id);
    expect(late.status).toBe(409);
    const error = ZErrorBody.parse(await late.json()).error;
    expect(error.code).toBe("waitlist_offer_expired");
    expect(error.message).toBe("Время на подтверждение истекло: место передано следующему в очереди");
    expect(await entryRow(ctx, entry.id)).toMatchObject({ status: "offered", appointmentId: null });
    expect(await ctx.services.db.select().from(appointments).where(eq(appointments.slotId, slot.id))).toEqual(
      [],
    );
  });

  it("keeps one hold per account: an offer releases the patient's own hold elsewhere", async () => {
    const date = HOLD_DAY;
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const [elsewhere] = await slotsOn(ctx, doc("wl-2"), ELSEWHERE_DAY);
    if (!elsewhere) throw new Error("no slot");
    const hold = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(p),
      body: { slotId: elsewhere.id },
    });
    expect(hold.status).toBe(201);
    await closeDayExcept(ctx, doc("wl-3"), date);
    const [slot] = await slotsOn(ctx, doc("wl-3"), date);
    if (!slot) throw new Error("no slot");
    await joined(p, { fromDate: date, toDate: date, doctorIds: [doc("wl-3")] });
    expect(await reopenAndOffer(ctx, slot.id)).toEqual([slot.id]);
    expect(await slotRow(ctx, slot.id)).toMatchObject({ status: "held", heldByUserId: p.userId });
    expect(await slotRow(ctx, elsewhere.id)).toMatchObject({ status: "free", heldByUserId: null });
  });
  it("does not offer a slot a live offer still names, even when its hold was let go", async () => {
    const date = CHAIN_DAY;
    await closeDayExcept(ctx, doc("wl-4"), date);
    const [slot] = await slotsOn(ctx, doc("wl-4"), date);
    const [elsewhere] = await slotsOn(ctx, doc("wl-2"), BOOK_DAY);
    if (!slot || !elsewhere) throw new Error("no slot");
    const [first, second] = await patients(2);
    if (!first || !second) throw new Error("no patients");
    const range = { fromDate: date, toDate: date, doctorIds: [doc("wl-4")] };
    const offered = await joined(first, range);
    const waiting = await joined(second, range);
    expect(await reopenAndOffer(ctx, slot.id)).toEqual([slot.id]);
    // The patient holds another slot through the holds route: the offered slot's hold goes.
    const hold = await ctx.request("POST", "/api/v1/holds", {
      as: asPatient(first),
      body: { slotId: elsewhere.id },
    });
    expect(hold.status).toBe(201);
    expect(await slotRow(ctx, slot.id)).toMatchObject({ status: "free" });
    expect(await reopenAndOffer(ctx, slot.id)).toEqual([]);
    expect((await runWaitlistPass(ctx.services, ctx.services.clock())).offered).toBe(0);
    expect(await entryRow(ctx, offered.id)).toMatchObject({ status: "offered", offeredSlotId: slot.id });
    expect(await entryRow(ctx, waiting.id)).toMatchObject({ status: "waiting", offeredSlotId: null });
    // Still the patient's to accept within the 15 minutes.
    const accepted = await accept(first, offered.id);
    expect(accepted.status).toBe(201);
  });
});

describe("the waitlist job", () => {
  it("offers the times that open after the entries joined, first in line first; not those already free", async () => {
    const date = JOB_DAY;
    const [early, late] = await patients(2);
    if (!early || !late) throw new Error("no patients");
    const free = (await slotsOn(ctx, doc("wl-2"), date)).filter((s) => s.status === "free");
    const [alreadyFree, openedFirst, openedSecond] = free.slice(-3).map((s) => s.id);
    if (!alreadyFree || !openedFirst || !openedSecond) throw new Error("too few free slots");
    await closeDayExcept(ctx, doc("wl-2"), date, [alreadyFree]);
    const range = { fromDate: date, toDate: date, doctorIds: [doc("wl-2")] };
    const first = await joined(early, range);
    const second = await joined(late, range);
    // Free when they joined: the patients saw it and chose to wait — not an offer.
    expect((await runWaitlistPass(ctx.services, ctx.services.clock())).offered).toBe(0);
    expect((await entryRow(ctx, first.id)).status).toBe("waiting");
    // Two times open later (as a schedule change opens them), straight in the table.
    await ctx.services.db
      .update(slots)
      .set({ status: "free", updatedAt: sql`now()` })
      .where(inArray(slots.id, [openedFirst, openedSecond]));
    await ctx.services.slotIndex.reload();
    const pass = await runWaitlistPass(ctx.services, ctx.services.clock());
    expect(pass.offered).toBe(2);
    // The earlier entry gets the earlier slot.
    expect((await entryRow(ctx, first.id)).offeredSlotId).toBe(openedFirst);
    expect((await entryRow(ctx, second.id)).offeredSlotId).toBe(openedSecond);
  });

  it("ends entries whose referral was booked elsewhere (booked) or withdrawn (expired), and whose range passed", async () => {
    const date = END_DAY;
    const [bookedElsewhere, withdrawn, ranOut] = await patients(3);
    if (!bookedElsewhere || !withdrawn || !ranOut) throw new Error("no patients");
    const range = { fromDate: date, toDate: date };
    const one = await joined(bookedElsewhere, range);
    const two = await joined(withdrawn, range);
    const three = await joined(ranOut, range);
    const [slot] = (await slotsOn(ctx, doc("wl-1"), BOOK_DAY)).filter((s) => s.status === "free");
    const visit = await book(ctx, bookedElsewhere, {
      referralId: referralOf(bookedElsewhere),
      slotId: slot?.id ?? "",
    });
    expect(visit.status).toBe(201);
    await ctx.services.db
      .update(referrals)
      .set({ status: "withdrawn" })
      .where(eq(referrals.id, referralOf(withdrawn)));
    // The day after the range, in Moscow.
    ctx.services.clock = () => new Date(`${addDays(date, 1)}T09:00:00Z`);
    await runWaitlistPass(ctx.services, ctx.services.clock());
    expect(await entryRow(ctx, one.id)).toMatchObject({
      status: "booked",
      appointmentId: (visit.body as { id: string }).id,
    });
    expect(await entryRow(ctx, two.id)).toMatchObject({ status: "expired", appointmentId: null });
    expect(await entryRow(ctx, three.id)).toMatchObject({ status: "expired" });
    const ends = await ctx.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "waitlist.end"));
    const reasons = new Map(ends.map((r) => [r.details.entryId, r.details.reason]));
    expect(reasons.get(one.id)).toBe("referral_booked");
    expect(reasons.get(two.id)).toBe("referral_withdrawn");
    expect(reasons.get(three.id)).toBe("range_passed");
  });
});

describe("joining: refusals", () => {
  it("names every faulty field in Russian", async () => {
    const [p] = await patients(1);
    if (!p) throw new Error("no patient");
    const res = await join(p, {
      fromDate: "2020-01-01",
      toDate: "2999-01-01",
      clinicIds: [CLINIC_B],
      doctorIds: [doc("wl-neuro")],
    });
    expect(res.status).toBe(400);
    expect(ZErrorBody.parse(res.body).error.fields).toEqual({
      fromDate: "Дата начала не может быть в прошлом",
      toDate: "Дата окончания позже последнего дня действия направления",
      clinicIds: "Направление нельзя использовать в выбранной поликлинике",
      doctorIds: "Выберите врачей нужной специальности из поликлиник, где действует направление",
    });
    const reversed = await join(p, { fromDate: weekdayAhead(5), toDate: weekdayAhead(2) });
    expect(ZErrorBody.parse(reversed.body).error.fields).toEqual({
      toDate: "Дата окончания не может быть раньше даты начала",
    });
    const malformed = await join(p, { fromDate: "31.12.25", toDate: "2025-02-30" });
    expect(ZErrorBody.parse(malformed.body).error.fields).toEqual({
      fromDate: "Укажите дату в формате ГГГГ-ММ-ДД",
      toDate: "Укажите дату в формате ГГГГ-ММ-ДД",
    });
    expect(await listOf(p)).toEqual([]);
  });

  it("refuses a referral that cannot be booked, a second live entry, and another account's referral", async () => {
    const [p, q, other] = await patients(3);
    if (!p || !q || !other) throw new Error("no patients");
    const range = { fromDate: weekdayAhead(2), toDate: weekdayAhead(20) };
    await ctx.services.db
      .update(referrals)
      .set({ status: "withdrawn" })
      .where(eq(referrals.id, referralOf(p)));
    const notBookable = await join(p, range);
    expect(notBookable.status).toBe(400);
    expect(ZErrorBody.parse(notBookable.body).error.fields).toEqual({
      referralId: "Направление отозвано клиникой",
    });

    await joined(q, range);
    const twice = await join(q, range);
    expect(twice.status).toBe(409);
    const error = ZErrorBody.parse(twice.body).error;
    expect(error).toMatchObject({
      code: "waitlist_already_joined",
      message: "Вы уже ожидаете место по этому направлению",
    });
    expect(await listOf(q)).toHaveLength(1);

    const theirs = await ctx.request("POST", "/api/v1/waitlist", {
      as: asPatient(other),
      body: { referralId: referralOf(q), ...range },
    });
    expect(theirs.status).toBe(404);
  });

  it("keeps entries to their account: another patient cannot see, decline, accept or leave them; anonymous is 401", async () => {
    const [owner, stranger] = await patients(2);
    if (!owner || !stranger) throw new Error("no patients");
    const entry = await joined(owner, { fromDate: weekdayAhead(2), toDate: weekdayAhead(9) });
    expect(await listOf(stranger)).toEqual([]);
    for (const [method, path] of [
      ["POST", `/api/v1/waitlist/${entry.id}/decline`],
      ["DELETE", `/api/v1/waitlist/${entry.id}`],
    ] as const) {
      expect((await ctx.request(method, path, { as: asPatient(stranger) })).status).toBe(404);
    }
    expect((await accept(stranger, entry.id)).status).toBe(404);
    expect((await entryRow(ctx, entry.id)).status).toBe("waiting");
    expect((await ctx.request("GET", "/api/v1/waitlist")).status).toBe(401);
  });
});
