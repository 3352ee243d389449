import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  appointment,
  apiError,
  fakeApi,
  json,
  noContent,
  offer,
  priorityRequest,
  profile,
  referral,
  render,
  text,
  unmountAll,
  waitlistEntry,
} from "../test-helpers.ts";
import WaitingPanel from "./WaitingPanel.vue";

function renderPanel(routes: Parameters<typeof fakeApi>[0] = {}, navigate = vi.fn()) {
  const fake = fakeApi({
    "GET /api/v1/waitlist": json(200, { items: [] }),
    "GET /api/v1/priority-requests": json(200, { items: [] }),
    "GET /api/v1/referrals": json(200, { items: [] }),
    "GET /api/v1/profile": json(200, profile()),
    ...routes,
  });
  const wrapper = render(WaitingPanel, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

const entryCard = (wrapper: ReturnType<typeof renderPanel>["wrapper"], id = "wl_1") =>
  wrapper.get(`[data-testid="waitlist-entry"][data-entry-id="${id}"]`);

describe("WaitingPanel", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T13:00:00.000Z"));
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it("lists the places in line: referral, specialty, dates, «Вы N-й в очереди», status", async () => {
    const { wrapper } = renderPanel({
      "GET /api/v1/waitlist": json(200, {
        items: [waitlistEntry(), waitlistEntry({ id: "wl_2", status: "expired", position: null })],
      }),
    });
    await flushPromises();
    const card = entryCard(wrapper);
    expect(card.get("h4").text()).toBe("Невролог");
    expect(text(card)).toContain("Направление № 200300400 · с 1 по 14 декабря 2026");
    expect(card.get('[data-testid="waitlist-position"]').text()).toBe("Вы 3-й в очереди");
    expect(text(card.get('[data-testid="status"]'))).toBe("… В очереди");
    expect(card.find('[data-testid="waitlist-leave"]').exists()).toBe(true);
    const ended = entryCard(wrapper, "wl_2");
    expect(text(ended.get('[data-testid="status"]'))).toBe("– Ожидание завершено");
    expect(ended.find('[data-testid="waitlist-position"]').exists()).toBe(false);
    expect(ended.find('[data-testid="waitlist-leave"]').exists()).toBe(false);
    expect(ended.get('[data-testid="waitlist-again"]').attributes("href")).toBe(
      "/calendar?referral=ref_2&want=waitlist",
    );
  });

  it("shows an offer with its slot and a countdown from secondsLeft", async () => {
    const { wrapper } = renderPanel({
      "GET /api/v1/waitlist": json(200, {
        items: [waitlistEntry({ status: "offered", position: 1, offer: offer(754) })],
      }),
    });
    await flushPromises();
    const o = entryCard(wrapper).get('[data-testid="waitlist-offer"]');
    expect(text(o.get('[data-testid="offer-when"]'))).toBe(
      "среда, 2 декабря 2026, 09:30 по времени Владивостока (UTC+10)",
    );
    expect(text(o)).toContain("Сидоров Олег Петрович, кабинет 305");
    expect(o.get("[role=timer]").text()).toBe("Место закреплено за вами ещё 12:34");
  });

  it("«Записаться» books the offer with the profile's phone and an Idempotency-Key, the same key on retry", async () => {
    const booked = appointment({ id: "apt_9", ticketNumber: "Т-0001009" });
    const { wrapper, calls } = renderPanel({
      "GET /api/v1/waitlist": json(200, {
        items: [waitlistEntry({ status: "offered", position: 1, offer: offer() })],
      }),
      "POST /api/v1/waitlist/wl_1/accept": [new TypeError("Failed to fetch"), json(201, booked)],
    });
    await flushPromises();
    await wrapper.get('[data-testid="offer-accept"]').trigger("click");
    await flushPromises();
    expect(entryCard(wrapper).get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.get('[data-testid="offer-accept"]').text()).toBe("Повторить запись");
    expect(wrapper.emitted("booked")).toBeUndefined();

    await wrapper.get('[data-testid="offer-accept"]').trigger("click");
    await flushPromises();
    const accepts = calls.filter((c) => c.path === "/api/v1/waitlist/wl_1/accept");
    expect(accepts).toHaveLength(2);
    expect(accepts[0]?.body).toEqual({ contactPhone: "+79990000001" });
    const key = accepts[0]?.headers["Idempotency-Key"];
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(accepts[1]?.headers["Idempotency-Key"]).toBe(key);
    // The profile is asked once.
    expect(calls.filter((c) => c.path === "/api/v1/profile")).toHaveLength(1);

    expect(wrapper.emitted("booked")).toHaveLength(1);
    const card = entryCard(wrapper);
    expect(card.attributes("data-status")).toBe("booked");
    expect(card.find('[data-testid="waitlist-offer"]').exists()).toBe(false);
    const live = wrapper.get('[data-testid="live-message"]');
    expect(live.text()).toContain("Вы записаны: Кардиолог");
    expect(live.text()).toContain("Талон № Т-0001009");
    expect(document.activeElement).toBe(live.element);
    await live.get("a").trigger("click");
    expect(wrapper.emitted("ticket")).toEqual([["apt_9"]]);
  });

  it("shows the API's refusal of a lapsed offer and reloads the line", async () => {
    const { wrapper, calls } = renderPanel({
      "GET /api/v1/waitlist": [
        json(200, { items: [waitlistEntry({ status: "offered", position: 1, offer: offer() })] }),
        json(200, { items: [waitlistEntry({ status: "waiting", position: 2 })] }),
      ],
      "POST /api/v1/waitlist/wl_1/accept": apiError(409, "offer_expired", "Время на ответ истекло"),
    });
    await flushPromises();
    await wrapper.get('[data-testid="offer-accept"]').trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.path === "/api/v1/waitlist")).toHaveLength(2);
    const card = entryCard(wrapper);
    expect(card.get('[data-testid="failure-refusal"]').text()).toBe("Время на ответ истекло");
    expect(card.get('[data-testid="waitlist-position"]').text()).toBe("Вы 2-й в очереди");
  });

  it("«Отказаться» passes the offer on and says so", async () => {
    const { wrapper, calls } = renderPanel({
      "GET /api/v1/waitlist": json(200, {
        items: [waitlistEntry({ status: "offered", position: 1, offer: offer() })],
      }),
      "POST /api/v1/waitlist/wl_1/decline": json(200, waitlistEntry({ status: "waiting", position: 1 })),
    });
    await flushPromises();
    await wrapper.get('[data-testid="offer-decline"]').trigger("click");
    await flushPromises();
    expect(calls.some((c) => c.method === "POST" && c.path === "/api/v1/waitlist/wl_1/decline")).toBe(true);
    expect(entryCard(wrapper).find('[data-testid="waitlist-offer"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="live-message"]').text()).toBe(
      "Вы отказались от предложенного времени и остаётесь в очереди.",
    );
  });

  it("«Выйти из очереди» leaves at one click and confirms it", async () => {
    const { wrapper, calls } = renderPanel({
      "GET /api/v1/waitlist": json(200, { items: [waitlistEntry()] }),
      "DELETE /api/v1/waitlist/wl_1": noContent(),
    });
    await flushPromises();
    await wrapper.get('[data-testid="waitlist-leave"]').trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/waitlist/wl_1"]);
    const card = entryCard(wrapper);
    expect(card.attributes("data-status")).toBe("left");
    expect(card.find('[data-testid="waitlist-leave"]').exists()).toBe(false);
    expect(card.find('[data-testid="waitlist-position"]').exists()).toBe(false);
    const live = wrapper.get('[data-testid="live-message"]');
    expect(live.text()).toBe("Вы вышли из очереди по направлению № 200300400.");
    expect(document.activeElement).toBe(live.element);
  });

  it("shows each priority request's status, the booked visit, the reason of a refusal", async () => {
    const { wrapper } = renderPanel({
      "GET /api/v1/priority-requests": json(200, {
        items: [
          priorityRequest(),
          priorityRequest({
            id: "pr_2",
            status: "approved",
            appointmentId: "apt_5",
            decidedAt: "2026-11-25T15:00:00Z",
          }),
          priorityRequest({
            id: "pr_3",
            status: "declined",
            decisionReason: "Есть свободное время через 5 дней",
          }),
          priorityRequest({ id: "pr_4", status: "withdrawn" }),
        ],
      }),
    });
    await flushPromises();
    const req = (id: string) => wrapper.get(`[data-testid="priority-request"][data-request-id="${id}"]`);
    expect(text(req("pr_1").get('[data-testid="status"]'))).toBe("… На рассмотрении");
    expect(req("pr_1").text()).toContain("Резко ухудшилось зрение за неделю");
    expect(req("pr_1").text()).toContain("срочная");
    expect(req("pr_1").find('[data-testid="priority-withdraw"]').exists()).toBe(true);
    expect(text(req("pr_2").get('[data-testid="status"]'))).toBe("✓ Одобрен");
    const link = req("pr_2").get('[data-testid="priority-appointment"]');
    expect(link.attributes("href")).toBe("/appointments?tab=waiting&ticket=apt_5");
    await link.trigger("click");
    expect(wrapper.emitted("ticket")).toEqual([["apt_5"]]);
    expect(text(req("pr_3").get('[data-testid="status"]'))).toBe("✕ Отклонён");
    expect(text(req("pr_3").get('[data-testid="priority-declined"]'))).toBe(
      "Причина отказа: Есть свободное время через 5 дней",
    );
    expect(text(req("pr_4").get('[data-testid="status"]'))).toBe("– Отозван");
    for (const id of ["pr_2", "pr_3", "pr_4"]) {
      expect(req(id).find('[data-testid="priority-withdraw"]').exists()).toBe(false);
    }
  });

  it("«Отозвать запрос» withdraws a pending request", async () => {
    const { wrapper, calls } = renderPanel({
      "GET /api/v1/priority-requests": json(200, { items: [priorityRequest()] }),
      "POST /api/v1/priority-requests/pr_1/withdraw": json(200, priorityRequest({ status: "withdrawn" })),
    });
    await flushPromises();
    await wrapper.get('[data-testid="priority-withdraw"]').trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/api/v1/priority-requests/pr_1/withdraw",
    ]);
    const card = wrapper.get('[data-testid="priority-request"]');
    expect(text(card.get('[data-testid="status"]'))).toBe("– Отозван");
    expect(card.find('[data-testid="priority-withdraw"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="live-message"]').text()).toBe(
      "Запрос на приоритетную запись по направлению № 300400500 отозван.",
    );
  });

  it("keeps a failed withdrawal's request id beside the request", async () => {
    const { wrapper } = renderPanel({
      "GET /api/v1/priority-requests": json(200, { items: [priorityRequest()] }),
      "POST /api/v1/priority-requests/pr_1/withdraw": apiError(500, "internal_error", "x"),
    });
    await flushPromises();
    await wrapper.get('[data-testid="priority-withdraw"]').trigger("click");
    await flushPromises();
    const card = wrapper.get('[data-testid="priority-request"]');
    expect(card.text()).toContain("Ошибка: повторите попытку позже");
    expect(card.text()).toContain("req_500");
    expect(card.find('[data-testid="priority-withdraw"]').exists()).toBe(true);
  });

  it("links each active referral to the calendar's waitlist and priority forms", async () => {
    const navigate = vi.fn();
    const { wrapper } = renderPanel(
      {
        "GET /api/v1/referrals": json(200, {
          items: [referral(), referral({ id: "ref_8", status: "booked", number: "800900100" })],
        }),
      },
      navigate,
    );
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="nothing-free-referral"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text()).toContain("Невролог, направление № 700800900");
    const waitlist = wrapper.get('[data-testid="want-waitlist"]');
    expect(waitlist.attributes("href")).toBe("/calendar?referral=ref_7&want=waitlist");
    await waitlist.trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_7&want=waitlist");
    await wrapper.get('[data-testid="want-priority"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_7&want=priority");
  });
});
