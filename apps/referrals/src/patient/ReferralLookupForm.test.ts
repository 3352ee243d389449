import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  buttonByText,
  fakeApi,
  inputByLabel,
  json,
  referralDetail,
  render,
  unmountAll,
} from "../test-helpers.ts";
import ReferralLookupForm from "./ReferralLookupForm.vue";

afterEach(unmountAll);

async function fill(wrapper: ReturnType<typeof render>, number: string, issuedOn: string) {
  await inputByLabel(wrapper, "Номер направления").setValue(number);
  await inputByLabel(wrapper, "Дата выдачи").setValue(issuedOn);
  await buttonByText(wrapper, "Найти").trigger("submit");
  await flushPromises();
}

describe("ReferralLookupForm", () => {
  it("judges the fields live with the domain rules and sends nothing while they are wrong", async () => {
    const { api, calls } = fakeApi({});
    const wrapper = render(ReferralLookupForm, api);
    await fill(wrapper, "1234", "31.02.2025");
    expect(inputByLabel(wrapper, "Номер направления").attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("Номер направления должен состоять из 8–12 цифр");
    expect(wrapper.text()).toContain("Неверная дата выдачи направления");
    expect(calls).toHaveLength(0);
  });

  it("sends the normalised number and ISO date, and emits the found referral", async () => {
    const { api, calls } = fakeApi({ "POST /api/v1/referrals/lookup": json(200, referralDetail()) });
    const wrapper = render(ReferralLookupForm, api);
    await fill(wrapper, "1234 567 890", "31.01.2025");
    expect(calls[0]?.body).toEqual({ number: "1234567890", issuedOn: "2025-01-31" });
    expect(wrapper.emitted("found")?.[0]?.[0]).toMatchObject({ id: "ref_1" });
  });

  it("puts the server's field errors under the fields", async () => {
    const { api } = fakeApi({
      "POST /api/v1/referrals/lookup": apiError(400, "validation_failed", "Проверьте данные", {
        number: "Номер не подходит",
        issuedOn: "Дата в будущем",
      }),
    });
    const wrapper = render(ReferralLookupForm, api);
    await fill(wrapper, "1234567890", "31.01.2025");
    expect(inputByLabel(wrapper, "Номер направления").attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("Номер не подходит");
    expect(wrapper.text()).toContain("Дата в будущем");
    expect(document.activeElement?.id).toBe(inputByLabel(wrapper, "Номер направления").attributes("id"));
  });

  it("answers the uniform 404 and the 429 in plain words", async () => {
    const { api } = fakeApi({
      "POST /api/v1/referrals/lookup": [
        apiError(404, "not_found", "Не найдено"),
        apiError(429, "rate_limited", "Too many"),
      ],
    });
    const wrapper = render(ReferralLookupForm, api);
    await fill(wrapper, "1234567890", "31.01.2025");
    const outcome = () => wrapper.get('[data-testid="lookup-outcome"]');
    expect(outcome().attributes("role")).toBe("alert");
    expect(outcome().text()).toBe("Направление с таким номером и датой не найдено среди ваших направлений");
    await buttonByText(wrapper, "Найти").trigger("submit");
    await flushPromises();
    expect(outcome().text()).toBe("Слишком много попыток, повторите через час");
  });
});
