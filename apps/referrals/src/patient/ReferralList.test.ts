import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browserTimeZone, zoneNote } from "../referral-format.ts";
import {
  apiError,
  buttonByText,
  fakeApi,
  json,
  referral,
  render,
  specialties,
  unmountAll,
} from "../test-helpers.ts";
import ReferralList from "./ReferralList.vue";

afterEach(unmountAll);

const list = [
  referral({ id: "used", number: "1000000001", status: "used", lastValidDay: "2025-02-01", bookable: false }),
  referral({
    id: "expired",
    number: "1000000002",
    status: "expired",
    lastValidDay: "2025-01-20",
    daysLeft: -10,
    bookable: false,
    notBookableReason: { code: "referral_expired", message: "Срок действия направления истёк" },
  }),
  referral({ id: "late", number: "1000000003", lastValidDay: "2025-04-01", daysLeft: 35 }),
  referral({
    id: "soon",
    number: "1000000004",
    status: "booked",
    lastValidDay: "2025-02-28",
    daysLeft: 2,
    expiringSoon: true,
    bookable: false,
    notBookableReason: { code: "referral_already_booked", message: "По направлению уже есть запись" },
    patient: { kind: "child", childId: "chd_1", name: "Иванова Мария Ивановна" },
  }),
];

function cardIds(wrapper: ReturnType<typeof render>, selector = "") {
  return wrapper
    .findAll(`${selector} [data-testid="referral-card"]`)
    .map((c) => c.attributes("data-referral-id"));
}

describe("ReferralList", () => {
  it("orders live referrals by last day, then used ones, with expired apart under «Недействительные»", async () => {
    const { api } = fakeApi({
      "GET /api/v1/referrals": json(200, { items: list }),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralList, api);
    await flushPromises();
    expect(cardIds(wrapper)).toEqual(["soon", "late", "used", "expired"]);
    expect(cardIds(wrapper, '[data-testid="invalid-referrals"]')).toEqual(["expired"]);
    expect(wrapper.text()).toContain("Недействительные");

    const soon = wrapper.get('[data-referral-id="soon"]');
    expect(soon.attributes("data-number")).toBe("1000000004");
    expect(soon.text()).toContain("Иванова Мария Ивановна (ребёнок)");
    expect(soon.text()).toContain("ГП № 2");
    expect(soon.text()).toContain("записан");
    expect(soon.get('[data-testid="days-left"]').text()).toBe("Действует до 28.02.2025 (ещё 2 дня)");
    expect(soon.get('[data-testid="expiring-soon"]').text()).toBe("Истекает через 2 дня");
    expect(soon.text()).toContain("По направлению уже есть запись");
    const zone = zoneNote("Asia/Yekaterinburg", browserTimeZone());
    if (zone) expect(soon.text()).toContain(zone);

    const expired = wrapper.get('[data-referral-id="expired"]');
    expect(expired.get('[data-testid="days-left"]').text()).toBe("Действовало до 20.01.2025");
    expect(expired.text()).toContain("истекло");
    expect(expired.find("button").exists()).toBe(false);
  });

  it("«Записаться» sends the shell to the calendar with the referral id", async () => {
    const navigate = vi.fn();
    const { api } = fakeApi({ "GET /api/v1/referrals": json(200, { items: [referral({ id: "ref_7" })] }) });
    const wrapper = render(ReferralList, api, { remote: { navigate } });
    await flushPromises();
    expect(wrapper.get('[data-testid="days-left"]').text()).toBe("Действует до 02.03.2025 (ещё 5 дней)");
    await buttonByText(wrapper, "Записаться").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/calendar?referral=ref_7");
    expect(wrapper.emitted("open")).toBeUndefined();
  });

  it("says so when there are no referrals and shows which specialties qualify", async () => {
    const { api } = fakeApi({
      "GET /api/v1/referrals": json(200, { items: [] }),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralList, api);
    await flushPromises();
    expect(wrapper.text()).toContain("Направлений пока нет");
    expect(wrapper.find("details").exists()).toBe(false);
    expect(wrapper.text()).toContain("Кардиолог");
  });

  it("refreshes: shows progress, the count of changes and re-reads the list", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/referrals": [json(200, { items: [] }), json(200, { items: [referral()] })],
      "POST /api/v1/referrals/refresh": json(200, { status: "refreshed", changed: 1 }),
    });
    const wrapper = render(ReferralList, api);
    await flushPromises();
    await buttonByText(wrapper, "Обновить сведения").trigger("click");
    expect(wrapper.get('[data-testid="refresh-outcome"]').text()).toBe(
      "Запрашиваем сведения в поликлиниках…",
    );
    await flushPromises();
    expect(wrapper.get('[data-testid="refresh-outcome"]').text()).toBe(
      "Сведения обновлены: новых или изменённых направлений — 1",
    );
    expect(calls.filter((c) => c.path === "/api/v1/referrals")).toHaveLength(2);
    expect(cardIds(wrapper)).toEqual(["ref_1"]);
  });

  it("keeps the list when the clinics' source is unavailable (503)", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/referrals": json(200, { items: [referral()] }),
      "POST /api/v1/referrals/refresh": apiError(503, "service_unavailable", "Источник недоступен"),
    });
    const wrapper = render(ReferralList, api);
    await flushPromises();
    await buttonByText(wrapper, "Обновить сведения").trigger("click");
    await flushPromises();
    expect(wrapper.get('[data-testid="refresh-outcome"]').text()).toBe(
      "Не удалось получить сведения из поликлиники, данные не изменились. Повторите позже",
    );
    expect(cardIds(wrapper)).toEqual(["ref_1"]);
    expect(calls.filter((c) => c.path === "/api/v1/referrals")).toHaveLength(1);
  });
});
