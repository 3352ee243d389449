import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appointment, apiError, fakeApi, json, render, text, unmountAll } from "../test-helpers.ts";
import AppointmentList from "./AppointmentList.vue";

// The device's clock in these tests: 20 November 2026, a week before the visit.
const NOW = new Date("2026-11-20T00:00:00.000Z");

function renderList(
  items: ReturnType<typeof appointment>[],
  scope: "upcoming" | "past" = "upcoming",
  navigate = vi.fn(),
) {
  const fake = fakeApi({ [`GET /api/v1/appointments?scope=${scope}`]: json(200, { items }) });
  const wrapper = render(AppointmentList, fake.api, { props: { scope }, remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

const card = (wrapper: ReturnType<typeof renderList>["wrapper"], id: string) =>
  wrapper.get(`[data-testid="appointment-card"][data-appointment-id="${id}"]`);

describe("AppointmentList", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it("shows a card per visit: when in the clinic's time with the zone named, who, where, the referral", async () => {
    const { wrapper, calls } = renderList([appointment()]);
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/appointments?scope=upcoming"]);
    const c = card(wrapper, "apt_1");
    expect(c.get("h3").text()).toContain("Кардиолог");
    expect(text(c.get('[data-testid="appointment-when"]'))).toBe(
      "пятница, 27 ноября 2026, 10:15 по времени Владивостока (UTC+10)",
    );
    expect(c.get('[data-testid="appointment-doctor"]').text()).toBe("Петрова Анна Сергеевна");
    expect(text(c.get('[data-testid="appointment-where"]'))).toBe(
      "ВГКП № 1, г. Владивосток, ул. Светланская, д. 10, кабинет 214",
    );
    expect(c.get('[data-testid="appointment-patient"]').text()).toBe("Иванов Иван Иванович");
    expect(c.get('[data-testid="appointment-referral"]').text()).toBe("№ 100200300");
    expect(c.text()).toContain("Талон № Т-0001001");
  });

  it("says each status in Russian with a mark beside it, and who cancelled and why", async () => {
    const { wrapper } = renderList(
      [
        appointment({ id: "a_booked" }),
        appointment({
          id: "a_cancelled",
          status: "cancelled",
          cancelledBy: "clinic",
          cancelReason: "Врач на больничном",
          changeableUntil: null,
          patient: { kind: "child", name: "Иванова Мария Ивановна" },
        }),
        appointment({
          id: "a_rescheduled",
          status: "rescheduled",
          rescheduledToId: "a_new",
          changeableUntil: null,
        }),
        appointment({ id: "a_done", status: "done", changeableUntil: null }),
        appointment({ id: "a_missed", status: "missed", changeableUntil: null }),
      ],
      "past",
    );
    await flushPromises();
    const status = (id: string) => text(card(wrapper, id).get('[data-testid="status"]'));
    expect(status("a_booked")).toBe("● Записан");
    expect(status("a_cancelled")).toBe("✕ Отменена");
    expect(status("a_rescheduled")).toBe("↻ Перенесена");
    expect(status("a_done")).toBe("✓ Состоялся");
    expect(status("a_missed")).toBe("! Неявка");
    // The mark repeats the words for the eye; screen readers get the words once.
    expect(card(wrapper, "a_done").get('[data-testid="status"] [aria-hidden="true"]').text()).toBe("✓");

    const cancelled = card(wrapper, "a_cancelled");
    expect(cancelled.get('[data-testid="appointment-cancelled-by"]').text()).toBe(
      "Запись отменила поликлиника",
    );
    expect(cancelled.get('[data-testid="appointment-cancel-reason"]').text()).toBe("Врач на больничном");
    expect(cancelled.get('[data-testid="appointment-patient"]').text()).toBe(
      "Иванова Мария Ивановна (ребёнок)",
    );
    // Only a booked visit can be changed.
    expect(cancelled.find('[data-testid="cancel"]').exists()).toBe(false);
    expect(card(wrapper, "a_done").find('[data-testid="reschedule"]').exists()).toBe(false);
    expect(card(wrapper, "a_booked").find('[data-testid="reschedule"]').exists()).toBe(true);
    expect(card(wrapper, "a_rescheduled").get("a").attributes("href")).toBe(
      "/appointments?tab=past&ticket=a_new",
    );
  });

  it("turns «Перенести» and «Отменить» off once changeableUntil has passed, saying why and whom to call", async () => {
    const { wrapper } = renderList([
      appointment({ id: "open", changeableUntil: "2026-11-26T00:15:00.000Z" }),
      // Tomorrow morning in Vladivostok: the window closed 24 hours before that.
      appointment({
        id: "closed",
        localDate: "2026-11-21",
        localTime: "09:00",
        startsAt: "2026-11-20T23:00:00.000Z",
        changeableUntil: "2026-11-19T23:00:00.000Z",
      }),
    ]);
    await flushPromises();
    const open = card(wrapper, "open");
    expect(open.get('[data-testid="reschedule"]').attributes("disabled")).toBeUndefined();
    expect(open.get('[data-testid="cancel"]').attributes("disabled")).toBeUndefined();
    expect(open.find('[data-testid="change-locked"]').exists()).toBe(false);

    const closed = card(wrapper, "closed");
    expect(closed.get('[data-testid="reschedule"]').attributes("disabled")).toBeDefined();
    expect(closed.get('[data-testid="cancel"]').attributes("disabled")).toBeDefined();
    const why = closed.get('[data-testid="change-locked"]');
    expect(text(why)).toBe(
      "Перенести или отменить запись можно не позднее чем за 24 часа до приёма. Позвоните в регистратуру: +7 423 200-00-00",
    );
    expect(why.get("a").attributes("href")).toBe("tel:+74232000000");
    expect(closed.get('[data-testid="cancel"]').attributes("aria-describedby")).toBe(why.attributes("id"));
    // The ticket stays at hand.
    expect(closed.get("[data-ticket-link]").attributes("href")).toBe("/appointments?ticket=closed");
  });

  it("turns the change buttons off when the deadline passes while the page is open", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(new Date("2026-11-26T00:14:00.000Z"));
    const { wrapper } = renderList([appointment()]);
    await flushPromises();
    expect(wrapper.get('[data-testid="cancel"]').attributes("disabled")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(90_000);
    expect(wrapper.get('[data-testid="cancel"]').attributes("disabled")).toBeDefined();
    expect(wrapper.find('[data-testid="change-locked"]').exists()).toBe(true);
  });

  it("«Перенести» opens the calendar in reschedule mode; «Талон» opens the ticket", async () => {
    const { wrapper, navigate } = renderList([appointment()]);
    await flushPromises();
    await wrapper.get('[data-testid="reschedule"]').trigger("click");
    expect(navigate).toHaveBeenCalledWith("/calendar?reschedule=apt_1&referral=ref_1");
    await wrapper.get("[data-ticket-link]").trigger("click");
    expect(wrapper.emitted("ticket")).toEqual([["apt_1"]]);
  });

  it("shows an honest empty state, and a server fault with its request id and «Повторить»", async () => {
    const empty = renderList([]);
    await flushPromises();
    expect(empty.wrapper.get('[data-testid="empty-state"]').text()).toContain("У вас пока нет записей");
    unmountAll();

    const fake = fakeApi({
      "GET /api/v1/appointments?scope=past": [
        apiError(500, "internal_error", "x"),
        json(200, { items: [appointment({ status: "done", changeableUntil: null })] }),
      ],
    });
    const wrapper = render(AppointmentList, fake.api, { props: { scope: "past" } });
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
    await wrapper.get(".ui-error-state button").trigger("click");
    await flushPromises();
    expect(wrapper.findAll('[data-testid="appointment-card"]')).toHaveLength(1);
  });
});
