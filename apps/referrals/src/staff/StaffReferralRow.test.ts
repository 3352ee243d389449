import type { TClinicReferral } from "@priyom/api-client";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, buttonByText, fakeApi, inputByLabel, json, render, unmountAll } from "../test-helpers.ts";
import StaffReferralRow from "./StaffReferralRow.vue";

afterEach(unmountAll);

const row: TClinicReferral = {
  id: "ref_9",
  number: "9876543210",
  status: "active",
  issuedOn: "2025-01-31",
  lastValidDay: "2025-03-02",
  validityDays: 30,
  specialty: "cardiologist",
  allowedClinicIds: ["cln_1"],
  urgency: "planned",
  kind: "long_term",
  matched: true,
};

describe("StaffReferralRow", () => {
  it("extends with the domain's checks and the server's field errors, then reports the change", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/staff/referrals/9876543210/extend": [
        apiError(400, "validation_failed", "Проверьте данные", { validityDays: "Нет свободных мест" }),
        json(200, { ...row, validityDays: 60 }),
      ],
    });
    const wrapper = render(StaffReferralRow, api, { props: { referral: row, specialtyName: "Кардиолог" } });
    expect(wrapper.text()).toContain("найден в сервисе");
    await buttonByText(wrapper, "Продлить").trigger("click");
    await inputByLabel(wrapper, "Новый срок действия, дней всего").setValue("120");
    await inputByLabel(wrapper, "Обоснование").setValue("коротко");
    await buttonByText(wrapper, "Продлить направление").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Направление нельзя продлить больше чем на 90 дней в общей сложности");
    expect(wrapper.text()).toContain("не менее 10 символов");
    expect(calls).toHaveLength(0);

    await inputByLabel(wrapper, "Новый срок действия, дней всего").setValue("60");
    await inputByLabel(wrapper, "Обоснование").setValue("Курс лечения продолжается");
    await buttonByText(wrapper, "Продлить направление").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Нет свободных мест");
    await buttonByText(wrapper, "Продлить направление").trigger("submit");
    await flushPromises();
    expect(calls.at(-1)?.body).toEqual({ validityDays: 60, reason: "Курс лечения продолжается" });
    expect(wrapper.emitted("changed")?.[0]).toEqual(["Направление № 9876543210 продлено"]);
  });

  it("withdraws only with a reason", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/staff/referrals/9876543210/withdraw": json(200, { ...row, status: "withdrawn" }),
    });
    const wrapper = render(StaffReferralRow, api, { props: { referral: row, specialtyName: "Кардиолог" } });
    await buttonByText(wrapper, "Отозвать").trigger("click");
    await buttonByText(wrapper, "Отозвать направление").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Укажите причину отзыва");
    await inputByLabel(wrapper, "Причина").setValue("Выдано по ошибке");
    await buttonByText(wrapper, "Отозвать направление").trigger("submit");
    await flushPromises();
    expect(calls[0]?.body).toEqual({ reason: "Выдано по ошибке" });
    expect(wrapper.emitted("changed")?.[0]).toEqual(["Направление № 9876543210 отозвано"]);
  });
});
