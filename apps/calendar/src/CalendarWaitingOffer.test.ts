import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CalendarBooking from "./CalendarBooking.vue";
import {
  FakeEventSource,
  alternative,
  apiError,
  doctor,
  fakeApi,
  json,
  referralDetail,
  render,
  unmountAll,
} from "./test-helpers.ts";

const doctors = (freeWithinGuaranteedWait: boolean) =>
  json(200, { items: [doctor()], guaranteedWaitUntil: "2026-12-14", freeWithinGuaranteedWait });

function open(search: string, extra: Parameters<typeof fakeApi>[0] = {}) {
  history.replaceState(null, "", `/calendar${search}`);
  const fake = fakeApi({
    "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
    "GET /api/v1/referrals/ref_1/doctors": doctors(true),
    "GET /api/v1/doctors/doc_1/free-dates": json(200, { timeZone: "Europe/Kaliningrad", dates: [] }),
    ...extra,
  });
  const navigate = vi.fn((path: string) => history.pushState(null, "", path));
  const wrapper = render(CalendarBooking, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

describe("«Когда нет подходящего времени» in the booking", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it("ends the doctors list with both ways, and opens the waitlist form in the URL", async () => {
    const { wrapper, navigate } = open("?referral=ref_1");
    await flushPromises();
    const offer = wrapper.get('[data-testid="waiting-offer"]');
    expect(offer.get("h4").text()).toBe("Когда нет подходящего времени");
    expect(offer.get('[data-testid="want-waitlist"]').attributes("href")).toBe(
      "/calendar?referral=ref_1&want=waitlist",
    );
    expect(offer.get('[data-testid="want-priority"]').attributes("href")).toBe(
      "/calendar?referral=ref_1&want=priority",
    );
    // After the doctors: nothing urgent, the list comes first.
    const list = wrapper.get(".calendar-doctors__list").element;
    expect(list.compareDocumentPosition(offer.element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await offer.get('[data-testid="want-waitlist"]').trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1&want=waitlist");
    expect(wrapper.find("#calendar-waitlist-fromDate").exists()).toBe(true);
    expect(document.activeElement?.textContent?.trim()).toBe("Встать в очередь на освободившееся время");

    await wrapper.get('[data-testid="waiting-other"]').trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1&want=priority");
    expect(wrapper.find("#calendar-priority-reason").exists()).toBe(true);

    await wrapper
      .findAll("button")
      .find((b) => b.text() === "← К выбору времени")
      ?.trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/calendar?referral=ref_1");
    expect(wrapper.findAll('[data-testid="doctor-card"]')).toHaveLength(1);
  });

  it("puts both ways first when nothing is free within the guaranteed waiting time", async () => {
    const { wrapper } = open("?referral=ref_1", { "GET /api/v1/referrals/ref_1/doctors": doctors(false) });
    await flushPromises();
    expect(wrapper.get('[data-testid="no-free-within-guarantee"]').text()).not.toContain("скоро появится");
    const offers = wrapper.findAll('[data-testid="waiting-offer"]');
    expect(offers).toHaveLength(1);
    const filters = wrapper.get(".calendar-doctors__filters").element;
    expect(
      filters.compareDocumentPosition(offers[0]?.element as Node) & Node.DOCUMENT_POSITION_PRECEDING,
    ).toBeTruthy();
  });

  it("offers both ways beside the alternatives, and where a doctor has no free time in the period", async () => {
    const list = open("?referral=ref_1", {
      "POST /api/v1/holds": apiError(409, "slot_taken", "Это время только что заняли", {
        alternatives: [alternative("11:00")],
      }),
    });
    await flushPromises();
    await list.wrapper.get('[data-testid="nearest-slot"]').trigger("click");
    await flushPromises();
    const alternatives = list.wrapper.get(".calendar-alternatives");
    expect(alternatives.get('[data-testid="waiting-offer"]').text()).toContain(
      "Не нашли подходящего времени?",
    );
    unmountAll();

    const month = open("?referral=ref_1&doctor=doc_1");
    await flushPromises();
    expect(month.wrapper.text()).toContain("В выбранный период свободного времени нет");
    expect(month.wrapper.find('[data-testid="want-priority"]').exists()).toBe(true);
  });

  it("offers nothing on a public link without a referral", async () => {
    const { wrapper } = open("?doctor=doc_1");
    await flushPromises();
    expect(wrapper.text()).toContain("В выбранный период свободного времени нет");
    expect(wrapper.find('[data-testid="waiting-offer"]').exists()).toBe(false);
  });
});
