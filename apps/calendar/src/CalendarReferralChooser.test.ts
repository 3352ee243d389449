import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import CalendarReferralChooser from "./CalendarReferralChooser.vue";
import { apiError, fakeApi, json, referralDetail, render, unmountAll } from "./test-helpers.ts";

describe("CalendarReferralChooser", () => {
  afterEach(unmountAll);

  it("lists only the referrals that can be booked, and chooses one by its button", async () => {
    const active = referralDetail({ id: "ref_ok", number: "100200300" });
    const used = referralDetail({ id: "ref_used", number: "100200301", bookable: false, status: "used" });
    const child = referralDetail({
      id: "ref_kid",
      number: "100200305",
      patient: { kind: "child", childId: "chd_1", name: "Иванова Мария Ивановна" },
    });
    const { api } = fakeApi({ "GET /api/v1/referrals": json(200, { items: [active, used, child] }) });
    const wrapper = render(CalendarReferralChooser, api);
    await flushPromises();
    const items = wrapper.findAll('[data-testid="chooser-referral"]');
    expect(items.map((i) => i.text())).toEqual([
      expect.stringContaining("№ 100200300 · для вас"),
      expect.stringContaining("№ 100200305 · Иванова Мария Ивановна"),
    ]);
    const button = items[1]?.get("button");
    expect(button?.attributes("aria-label")).toContain("№ 100200305");
    await button?.trigger("click");
    expect(wrapper.emitted("choose")).toEqual([["ref_kid"]]);
  });

  it("signed out: asks to sign in; nothing bookable: points to «Мои направления»", async () => {
    const signedOut = render(
      CalendarReferralChooser,
      fakeApi({ "GET /api/v1/referrals": apiError(401, "unauthorized", "Войдите") }).api,
    );
    await flushPromises();
    expect(signedOut.text()).toContain("после входа");
    const none = render(
      CalendarReferralChooser,
      fakeApi({ "GET /api/v1/referrals": json(200, { items: [] }) }).api,
    );
    await flushPromises();
    expect(none.text()).toContain("Сейчас нет направлений, по которым можно записаться");
    expect(none.find('[data-testid="chooser-referral"]').exists()).toBe(false);
  });
});
