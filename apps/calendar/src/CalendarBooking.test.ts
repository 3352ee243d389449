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
  focused,
  hold,
  json,
  preview,
  referralDetail,
  render,
  slot,
  slotEvent,
  unmountAll,
} from "./test-helpers.ts";

const day = [slot("10:15"), slot("10:30"), slot("10:45")];

const routes = {
  "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
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
    slots: day,
  }),
  "GET /api/v1/booking/preview": json(200, preview()),
};

function open(search: string, extra: Parameters<typeof fakeApi>[0] = {}) {
  history.replaceState(null, "", `/calendar${search}`);
  const fake = fakeApi({ ...routes, ...extra });
  // As the shell does: the URL changes (without a popstate for the remote's own navigation).
  const navigate = vi.fn((path: string) => history.pushState(null, "", path));
  const wrapper = render(CalendarBooking, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

describe("CalendarBooking", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("takes a start away live, tells the patient when it was the one in focus, and brings a freed one back", async () => {
    const { wrapper } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27");
    await flushPromises();
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe("/api/v1/slots/stream?doctorIds=doc_1");
    expect(stream.withCredentials).toBe(true);
    expect(wrapper.attributes("data-live")).toBe("off");
    stream.emit("ready", { doctorIds: ["doc_1"] });
    await flushPromises();
    expect(wrapper.attributes("data-live")).toBe("on");
    const times = () => wrapper.findAll('[data-testid="day-slot"]').map((b) => b.text());
    expect(times()).toEqual(["10:15", "10:30", "10:45"]);
    expect(wrapper.get('[data-date="2026-11-27"]').attributes("aria-label")).toBe("27 ноября, 3 свободных");

    wrapper.get<HTMLButtonElement>('[data-slot-id="slt_1015"]').element.focus();
    focused()?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    await flushPromises();
    expect(focused()?.dataset.slotId).toBe("slt_1030");

    stream.emit("slot", slotEvent(slot("10:30"), "taken"));
    // The same news twice (held, then booked) counts once.
    stream.emit("slot", slotEvent(slot("10:30"), "taken"));
    await flushPromises();
    expect(times()).toEqual(["10:15", "10:45"]);
    expect(wrapper.get('[data-testid="slot-taken-note"]').text()).toBe(
      "Это время только что заняли. Выберите другое.",
    );
    expect(wrapper.get('[data-testid="slot-taken-note"]').attributes("aria-live")).toBe("polite");
    expect(focused()?.dataset.slotId).toBe("slt_1045");
    expect(wrapper.get('[data-date="2026-11-27"]').attributes("aria-label")).toBe("27 ноября, 2 свободных");

    // Another doctor's or another day's events change nothing here.
    stream.emit("slot", slotEvent(slot("10:15", "slt_elsewhere"), "taken", "doc_2"));
    await flushPromises();
    expect(times()).toEqual(["10:15", "10:45"]);

    stream.emit("slot", slotEvent(slot("10:30"), "free"));
    await flushPromises();
    expect(times()).toEqual(["10:15", "10:30", "10:45"]);
    expect(wrapper.get('[data-date="2026-11-27"]').attributes("aria-label")).toBe("27 ноября, 3 свободных");

    wrapper.unmount();
    expect(stream.closed).toBe(true);
  });

  it("does not call a start taken by someone else when nobody was on it", async () => {
    const { wrapper } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27");
    await flushPromises();
    FakeEventSource.latest().emit("slot", slotEvent(slot("10:45"), "taken"));
    await flushPromises();
    expect(wrapper.findAll('[data-testid="day-slot"]')).toHaveLength(2);
    expect(wrapper.get('[data-testid="slot-taken-note"]').text()).toBe("");
  });

  it("lists the doctors with nearest starts, removes taken ones live, and holds the one chosen", async () => {
    const { wrapper, calls, navigate } = open("?referral=ref_1", {
      "POST /api/v1/holds": json(201, hold(slot("10:30"), new Date(Date.now() + 300_000).toISOString())),
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="selected-referral-number"]').text()).toBe("№ 100200300");
    const card = wrapper.get('[data-testid="doctor-card"]');
    expect(card.text()).toContain("Иванов Пётр Сергеевич");
    expect(card.text()).toContain("кабинет 101");
    expect(card.text()).toContain("Время местное: Калининград, UTC+2");
    expect(FakeEventSource.latest().url).toBe("/api/v1/slots/stream?doctorIds=doc_1");
    FakeEventSource.latest().emit("slot", slotEvent(slot("10:15"), "taken"));
    await flushPromises();
    const nearest = wrapper.findAll('[data-testid="nearest-slot"]');
    expect(nearest.map((b) => b.attributes("aria-label"))).toEqual([
      "10:30, 27 ноября, врач Иванов П. С.",
      "10:45, 27 ноября, врач Иванов П. С.",
    ]);
    await nearest[0]?.trigger("click");
    await flushPromises();
    const post = calls.find((c) => c.method === "POST");
    expect(post).toMatchObject({ url: "/api/v1/holds", body: { slotId: "slt_1030", referralId: "ref_1" } });
    expect(navigate).toHaveBeenLastCalledWith(
      "/calendar?referral=ref_1&doctor=doc_1&date=2026-11-27&step=confirm",
    );
    expect(wrapper.get('[data-testid="hold-countdown"]').text()).toMatch(/ещё [45]:\d\d/);
    expect(wrapper.get("h3").text()).toBe("Проверка введенных данных");
  });

  it("shows the alternatives in place when the chosen start is gone, and holds one of them", async () => {
    const { wrapper, calls } = open("?referral=ref_1", {
      "POST /api/v1/holds": [
        apiError(409, "slot_taken", "Это время только что заняли", {
          alternatives: [alternative("11:00"), alternative("11:15", "other_clinic")],
        }),
        json(201, hold(slot("11:15"), new Date(Date.now() + 300_000).toISOString())),
      ],
    });
    await flushPromises();
    await wrapper.get('[data-testid="nearest-slot"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-slot-id="slt_1015"][data-testid="nearest-slot"]').exists()).toBe(false);
    // In place: inside the card of the doctor whose start it was, focus on its news.
    const offered = wrapper.get('[data-testid="doctor-card"]').findAll('[data-testid="alternative-slot"]');
    expect(offered.map((b) => b.attributes("data-slot-id"))).toEqual(["slt_1100", "slt_1115"]);
    expect(document.activeElement?.textContent).toContain("Это время только что заняли");
    expect(wrapper.text()).toContain("В других организациях по направлению");
    await offered[1]?.trigger("click");
    await flushPromises();
    expect(
      calls.filter((c) => c.method === "POST").map((c) => (c.body as { slotId: string }).slotId),
    ).toEqual(["slt_1015", "slt_1115"]);
    expect(wrapper.find('[data-testid="alternative-slot"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(true);
  });

  it("shows the alternatives above the day's starts when a start of the day is gone", async () => {
    const { wrapper } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27", {
      "POST /api/v1/holds": apiError(409, "slot_held", "Это время сейчас оформляет другой пациент", {
        alternatives: [alternative("11:00")],
      }),
    });
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1030"]').trigger("click");
    await flushPromises();
    const daySection = wrapper.get('[data-testid="day-slots"]');
    expect(daySection.text()).toContain("Это время сейчас оформляет другой пациент");
    expect(daySection.findAll('[data-testid="alternative-slot"]')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid="day-slot"]').map((b) => b.text())).toEqual(["10:15", "10:45"]);
  });

  it("filters the doctors and keeps the filters in the URL", async () => {
    const other = doctor({
      id: "doc_2",
      lastName: "Смирнова",
      firstName: "Елена",
      middleName: "Викторовна",
      qualification: "Врач первой категории",
      visitModes: ["in_person", "video"],
      clinic: { ...doctor().clinic, placeType: "polyclinic" },
    });
    const { wrapper, navigate } = open("?referral=ref_1", {
      "GET /api/v1/referrals/ref_1/doctors": json(200, {
        items: [doctor(), other],
        guaranteedWaitUntil: "2026-12-14",
        freeWithinGuaranteedWait: false,
      }),
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="no-free-within-guarantee"]').text()).toContain("14 декабря 2026");
    expect(wrapper.findAll('[data-testid="doctor-card"]')).toHaveLength(2);
    const modes = wrapper.get("#calendar-filter-mode");
    expect(modes.findAll("option").map((o) => o.text())).toEqual(["Любой", "Видеоприём", "Очно"]);
    await modes.setValue("video");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1&visitMode=video");
    const cards = wrapper.findAll('[data-testid="doctor-card"]');
    expect(cards.map((c) => c.attributes("data-doctor-id"))).toEqual(["doc_2"]);
    expect(wrapper.text()).toContain("Врачей: 1 из 2");
    expect(FakeEventSource.latest().url).toBe("/api/v1/slots/stream?doctorIds=doc_1%2Cdoc_2");
  });

  it("lets the hold go when the patient chooses another time, or walks back with the browser", async () => {
    const { wrapper, calls } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27", {
      "POST /api/v1/holds": json(201, hold(slot("10:15"), new Date(Date.now() + 300_000).toISOString())),
      "DELETE /api/v1/holds/current": new Response(null, { status: 204 }),
    });
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Выбрать другое время")
      ?.trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/v1/holds/current"]);
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="day-slot"]').length).toBeGreaterThan(0);

    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(true);
    // «Назад» in the browser: the shell changes the URL and tells the remote.
    history.replaceState(null, "", "/calendar?referral=ref_1&doctor=doc_1&date=2026-11-27");
    window.dispatchEvent(new PopStateEvent("popstate"));
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(false);
    expect(calls.filter((c) => c.method === "DELETE")).toHaveLength(2);
  });

  it("finds the hold again on the server after a reload of the confirmation, or sends the patient back", async () => {
    const live = open("?referral=ref_1&doctor=doc_1&date=2026-11-27&step=confirm", {
      "GET /api/v1/holds/current": json(
        200,
        hold(slot("10:15"), new Date(Date.now() + 120_000).toISOString()),
      ),
    });
    await flushPromises();
    expect(live.wrapper.find('[data-testid="confirm"]').exists()).toBe(true);
    expect(live.wrapper.get('[data-testid="hold-countdown"]').text()).toMatch(/ещё [12]:\d\d/);
    unmountAll();

    const lapsed = open("?referral=ref_1&doctor=doc_1&date=2026-11-27&step=confirm", {
      "GET /api/v1/holds/current": apiError(404, "not_found", "Нет"),
    });
    await flushPromises();
    expect(lapsed.wrapper.find('[data-testid="confirm"]').exists()).toBe(false);
    expect(lapsed.wrapper.get('[data-testid="booking-notice"]').text()).toContain("не закреплено");
    expect(lapsed.navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1&doctor=doc_1&date=2026-11-27");
  });

  it("goes back to the day and says so when the hold lapses", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const { wrapper, navigate } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27", {
      "POST /api/v1/holds": json(201, hold(slot("10:15"), new Date(Date.now() + 2_000).toISOString())),
    });
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="booking-notice"]').text()).toContain("Время брони истекло");
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1&doctor=doc_1&date=2026-11-27");
    expect(wrapper.findAll('[data-testid="day-slot"]').length).toBeGreaterThan(0);
  });

  it("shows the ticket after booking and leads to «Мои записи»", async () => {
    const { wrapper, navigate } = open("?referral=ref_1&doctor=doc_1&date=2026-11-27", {
      "POST /api/v1/holds": json(201, hold(slot("10:15"), new Date(Date.now() + 300_000).toISOString())),
      "POST /api/v1/appointments": json(201, appointment()),
    });
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/calendar?appointment=apt_1");
    const ticket = wrapper.get('[data-testid="ticket"]');
    expect(ticket.get('[data-testid="ticket-number"]').text()).toBe("К-000123");
    expect(ticket.text()).toContain("пятница, 27 ноября 2026, 10:15 (Калининград, UTC+2)");
    expect(ticket.text()).toContain("Иванов Пётр Сергеевич");
    expect(ticket.text()).toContain("г. Калининград, ул. Барнаульская, д. 6");
    await ticket.get('a[href="/appointments"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/appointments");
  });

  it("reads the ticket from the API when opened by its link", async () => {
    const { wrapper, calls } = open("?appointment=apt_1", {
      "GET /api/v1/appointments/apt_1": json(200, appointment()),
    });
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/appointments/apt_1"]);
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe("К-000123");
  });

  it("asks for a referral before holding on a public link", async () => {
    const { wrapper, calls } = open("?doctor=doc_1&date=2026-11-27");
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    expect(wrapper.get('[data-testid="booking-notice"]').text()).toContain("«Мои направления»");
    expect(wrapper.get('[data-slot-id="slt_1015"]').attributes("aria-label")).toBe("10:15, 27 ноября");
  });
});
