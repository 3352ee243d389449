import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  apiError,
  buttonByText,
  fakeApi,
  json,
  referralDetail,
  render,
  unmountAll,
} from "../test-helpers.ts";
import ReferralDetail from "./ReferralDetail.vue";

afterEach(unmountAll);

describe("ReferralDetail", () => {
  it("shows every field, the allowed clinics, the history and the number large", async () => {
    const navigate = vi.fn();
    const { api } = fakeApi({
      "GET /api/v1/referrals/ref_1": json(200, referralDetail({ kind: "long_term" })),
    });
    const wrapper = render(ReferralDetail, api, { props: { id: "ref_1" }, remote: { navigate } });
    await flushPromises();
    const text = wrapper.text();
    for (const part of [
      "плановое",
      "на длительное лечение",
      "I10",
      "Петров Пётр Петрович",
      "31.01.2025",
      "Екатеринбург, ул. Ленина, 1",
      "Продлено",
      "Причина: Курс лечения продолжается",
    ])
      expect(text).toContain(part);
    expect(wrapper.findAll('[data-testid="referral-history"] li')).toHaveLength(2);
    expect(wrapper.get('[data-testid="referral-number"]').text()).toBe("1234567890");
    expect(document.activeElement?.tagName).toBe("H3");
    await buttonByText(wrapper, "Записаться").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/calendar?referral=ref_1");
  });

  it("says a referral that is not the patient's is not found", async () => {
    const { api } = fakeApi({ "GET /api/v1/referrals/ref_x": apiError(404, "not_found", "Не найдено") });
    const wrapper = render(ReferralDetail, api, { props: { id: "ref_x" } });
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("не найдено");
  });
});
