import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import ReferralSpecialtyList from "./ReferralSpecialtyList.vue";
import { apiError, fakeApi, json, render, specialties, unmountAll } from "./test-helpers.ts";

afterEach(unmountAll);

describe("ReferralSpecialtyList", () => {
  it("lists the specialties from the API with related ones", async () => {
    const { api, calls } = fakeApi({ "GET /api/v1/specialties": json(200, specialties) });
    const wrapper = render(ReferralSpecialtyList, api);
    expect(wrapper.text()).toContain("Загружаем список специальностей");
    await flushPromises();
    expect(calls[0]?.path).toBe("/api/v1/specialties");
    const items = wrapper.findAll("li");
    expect(items).toHaveLength(3);
    expect(items[1]?.text()).toContain("подойдут также: Терапевт");
    expect(wrapper.text()).toContain("3 специальности");
  });

  it("shows an empty state", async () => {
    const { api } = fakeApi({ "GET /api/v1/specialties": json(200, { items: [] }) });
    const wrapper = render(ReferralSpecialtyList, api);
    await flushPromises();
    expect(wrapper.text()).toContain("Список специальностей пока пуст");
  });

  it("shows the error state with the request id on a 500 and retries", async () => {
    const { api } = fakeApi({
      "GET /api/v1/specialties": [
        apiError(500, "internal_error", "Внутренняя ошибка"),
        json(200, specialties),
      ],
    });
    const wrapper = render(ReferralSpecialtyList, api);
    await flushPromises();
    const alert = wrapper.get("[role=alert]");
    expect(alert.text()).toContain("Ошибка: повторите попытку позже");
    expect(alert.text()).toContain("req_500");
    await wrapper.get(".ui-error-state button").trigger("click");
    await flushPromises();
    expect(wrapper.findAll("li")).toHaveLength(3);
  });
});
