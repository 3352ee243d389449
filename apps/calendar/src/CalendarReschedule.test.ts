import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CalendarBooking from "./CalendarBooking.vue";
import {
  FakeEventSource,
  alternative,
  apiError,
  appointment,
  doctor,
  fakeApi,
  hold,
  json,
  referralDetail,
  render,
  slot,
  unmountAll,
} from "./test-helpers.ts";

// The visit being moved: ticket Т-0001001, 27 November 2026 10:15 in Kaliningrad, doctor doc_1.
const current = appointment({
  ticketNumber: "Т-0001001",
  clinic: { ...appointment().clinic, phone: "+7 4012 55-66-77" },
});
const moved = appointment({
  id: "apt_2",
  ticketNumber: "Т-0001002",
  localTime: "10:30",
  startsAt: slot("10:30").startsAt,
});
const held = (s = slot("10:30")) => json(201, hold(s, new Date(Date.now() + 300_000).toISOString()));
const RESCHEDULE = "POST /api/v1/appointments/apt_1/reschedule";

const routes = {
  "GET /api/v1/appointments/apt_1": json(200, current),
  "GET /api/v1/referrals/ref_1": json(200, referralDetail({ status: "booked" })),
  // The API lists the patient's own start among the nearest here, to prove the calendar leaves it out.
  "GET /api/v1/referrals/ref_1/doctors": json(200, {
    items: [doctor()],
    guaranteedWaitUntil: "2026-12-14",
    freeWithinGuaranteedWait: true,
  }),
  "GET /api/v1/doctors/doc_1/free-dates": json(200, {
    timeZone: "Europe/Kaliningrad",
    dates: [{ date: "2026-11-27", free: 3 }],
  }),
  "GET /api/v1/doctors/doc_1/slots": json(200, {
    timeZone: "Europe/Kaliningrad",
    date: "2026-11-27",
    slots: [slot("10:15"), slot("10:30"), slot("10:45")],
  }),
  "POST /api/v1/holds": held(),
  "DELETE /api/v1/holds/current": new Response(null, { status: 204 }),
};

function open(search: string, extra: Parameters<typeof fakeApi>[0] = {}) {
  history.replaceState(null, "", `/calendar${search}`);
  const fake = fakeApi({ ...routes, ...extra });
  const navigate = vi.fn((path: string) => history.pushState(null, "", path));
  const wrapper = render(CalendarBooking, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

/** Opens reschedule mode on the doctors list and holds the 10:30 start. */
async function holdNewTime(extra: Parameters<typeof fakeApi>[0] = {}) {
  const opened = open("?reschedule=apt_1&referral=ref_1", extra);
  await flushPromises();
  await opened.wrapper.get('[data-testid="nearest-slot"][data-slot-id="slt_1030"]').trigger("click");
  await flushPromises();
  return opened;
}

describe("CalendarBooking in reschedule mode", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it("says which visit is being moved, and «Отменить перенос» goes back to «Мои записи»", async () => {
    const { wrapper, calls, navigate } = open("?reschedule=apt_1&referral=ref_1");
    await flushPromises();
    expect(calls.map((c) => c.url)).toContain("/api/v1/appointments/apt_1");
    expect(wrapper.get('[data-testid="reschedule-banner-text"]').text().replace(/\s+/g, " ")).toBe(
      "Перенос записи: талон Т-0001001, 27 ноября 2026, 10:15 (Калининград, UTC+2), Иванов Пётр Сергеевич",
    );
    await wrapper.get('[data-testid="reschedule-cancel"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/appointments");
  });

  it("never offers the visit's own time, marks it, and offers no waitlist", async () => {
    const list = open("?reschedule=apt_1&referral=ref_1");
    await flushPromises();
    const card = list.wrapper.get('[data-testid="doctor-card"]');
    expect(card.findAll('[data-testid="nearest-slot"]').map((b) => b.attributes("data-slot-id"))).toEqual([
      "slt_1030",
      "slt_1045",
    ]);
    expect(card.get('[data-testid="current-visit-note"]').text()).toBe(
      "Ваша текущая запись: 27 ноября, 10:15",
    );
    expect(list.wrapper.find('[data-testid="waiting-offer"]').exists()).toBe(false);
    unmountAll();

    const day = open("?reschedule=apt_1&referral=ref_1&doctor=doc_1&date=2026-11-27");
    await flushPromises();
    expect(day.wrapper.findAll('[data-testid="day-slot"]').map((b) => b.text())).toEqual(["10:30", "10:45"]);
    expect(day.wrapper.get('[data-testid="current-visit-note"]').text()).toBe("10:15 — ваша текущая запись");
  });

  it("moves the visit with rescheduleAppointment, sends the same key again after no answer, and shows the new ticket", async () => {
    const { wrapper, calls, navigate } = await holdNewTime({
      [RESCHEDULE]: [new TypeError("Failed to fetch"), json(201, moved)],
    });
    expect(navigate).toHaveBeenLastCalledWith(
      "/calendar?reschedule=apt_1&referral=ref_1&doctor=doc_1&date=2026-11-27&step=confirm",
    );
    expect(wrapper.find('[data-testid="reschedule-banner"]').exists()).toBe(true);
    expect(wrapper.get("[data-step-heading]").text()).toBe(
      "Перенести запись на пятница, 27 ноября 2026, 10:30 (Калининград, UTC+2)",
    );
    expect(wrapper.get('[data-testid="reschedule-old"]').text()).toContain("10:15");
    expect(wrapper.find('[data-testid="hold-countdown"]').exists()).toBe(true);

    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.get('[data-testid="confirm-reschedule"]').text()).toBe("Повторить перенос");
    await wrapper.get("form").trigger("submit");
    await flushPromises();

    const posts = calls.filter((c) => c.method === "POST");
    expect(posts.map((c) => c.path)).toEqual([
      "/api/v1/holds",
      "/api/v1/appointments/apt_1/reschedule",
      "/api/v1/appointments/apt_1/reschedule",
    ]);
    expect(calls.some((c) => c.path === "/api/v1/appointments" || c.path === "/api/v1/booking/preview")).toBe(
      false,
    );
    const [first, second] = posts.slice(1).map((c) => c.headers["Idempotency-Key"]);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(second).toBe(first);
    expect(posts[1]?.body).toEqual({ slotId: "slt_1030" });

    expect(navigate).toHaveBeenLastCalledWith("/calendar?reschedule=apt_1&appointment=apt_2");
    const ticket = wrapper.get('[data-testid="ticket"]');
    expect(ticket.get('[data-testid="ticket-number"]').text()).toBe("Т-0001002");
    expect(ticket.get('[data-testid="ticket-rescheduled"]').text()).toContain(
      "Запись перенесена. Прежнее время освобождено.",
    );
    expect(ticket.text()).toContain("10:30 (Калининград, UTC+2)");
    expect(wrapper.find('[data-testid="reschedule-banner"]').exists()).toBe(false);
  });

  it("shows the new ticket after a reload of its link, without loading the old visit", async () => {
    const { wrapper, calls } = open("?reschedule=apt_1&appointment=apt_2", {
      "GET /api/v1/appointments/apt_2": json(200, moved),
    });
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/appointments/apt_2"]);
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe("Т-0001002");
    expect(wrapper.find('[data-testid="ticket-rescheduled"]').exists()).toBe(true);
  });

  it("finds the referral from the visit when the link names only the appointment", async () => {
    const { wrapper, calls } = open("?reschedule=apt_1");
    await flushPromises();
    expect(calls.map((c) => c.url)).toContain("/api/v1/referrals/ref_1/doctors");
    expect(wrapper.findAll('[data-testid="doctor-card"]')).toHaveLength(1);
  });

  it("past the 24-hour limit shows the API's message, the registry's phone and the way back", async () => {
    const { wrapper, calls, navigate } = await holdNewTime({
      [RESCHEDULE]: apiError(
        422,
        "change_window_closed",
        "Перенести запись можно не позднее чем за 24 часа до приёма",
      ),
    });
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const closed = wrapper.get('[data-testid="reschedule-closed"]');
    expect(closed.text()).toContain("Перенести запись можно не позднее чем за 24 часа до приёма");
    expect(closed.get('a[href^="tel:"]').attributes("href")).toBe("tel:+74012556677");
    expect(closed.text()).toContain("+7 4012 55-66-77");
    expect(wrapper.find('[data-testid="confirm-reschedule"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="hold-countdown"]').exists()).toBe(false);
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/v1/holds/current"]);
    await closed.get('a[href="/appointments"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/appointments");
  });

  it("offers the alternatives in place when the new time is gone, and a new key for the next try", async () => {
    const { wrapper, calls } = await holdNewTime({
      [RESCHEDULE]: [
        apiError(409, "slot_taken", "Это время уже заняли", {
          alternatives: [alternative("11:00"), alternative("11:15", "same_clinic")],
        }),
        json(201, moved),
      ],
      "POST /api/v1/holds": [held(), held(slot("11:15"))],
    });
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const offered = wrapper.findAll('[data-testid="alternative-slot"]');
    expect(offered.map((b) => b.attributes("data-slot-id"))).toEqual(["slt_1100", "slt_1115"]);
    expect(document.activeElement?.textContent).toContain("Это время уже заняли");
    await offered[1]?.trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-step-heading]").text()).toContain("11:15");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const moves = calls.filter((c) => c.path === "/api/v1/appointments/apt_1/reschedule");
    expect(moves.map((c) => c.body)).toEqual([{ slotId: "slt_1030" }, { slotId: "slt_1115" }]);
    expect(moves[1]?.headers["Idempotency-Key"]).not.toBe(moves[0]?.headers["Idempotency-Key"]);
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe("Т-0001002");
  });

  it("says so when the visit is not the patient's, or is no longer booked", async () => {
    const missing = open("?reschedule=apt_1&referral=ref_1", {
      "GET /api/v1/appointments/apt_1": apiError(404, "not_found", "Не найдено"),
    });
    await flushPromises();
    expect(missing.wrapper.get('[data-testid="reschedule-problem"]').text()).toContain(
      "Запись не найдена среди ваших",
    );
    expect(missing.wrapper.find('[data-testid="doctor-card"]').exists()).toBe(false);
    expect(missing.wrapper.find('[data-testid="reschedule-banner"]').exists()).toBe(false);
    unmountAll();

    const cancelled = open("?reschedule=apt_1&referral=ref_1", {
      "GET /api/v1/appointments/apt_1": json(200, { ...current, status: "cancelled", changeableUntil: null }),
    });
    await flushPromises();
    const problem = cancelled.wrapper.get('[data-testid="reschedule-problem"]');
    expect(problem.text()).toContain("Талон Т-0001001. Эта запись отменена — переносить нечего.");
    expect(cancelled.wrapper.find('[data-testid="doctor-card"]').exists()).toBe(false);
    await problem.get('a[href="/appointments"]').trigger("click");
    expect(cancelled.navigate).toHaveBeenLastCalledWith("/appointments");
  });
});
