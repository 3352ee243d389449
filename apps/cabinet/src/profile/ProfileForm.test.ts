import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, inputByLabel, json, render, unmountAll } from "../test-helpers.ts";
import ProfileForm from "./ProfileForm.vue";
import ProfilePanel from "./ProfilePanel.vue";

afterEach(unmountAll);

const check = { state: "not_checked", checkedAt: null };
const profile = {
  userId: "usr_1",
  lastName: "Иванова",
  firstName: "Анна",
  middleName: null,
  birthDate: "1990-05-01",
  sex: "female",
  phone: "+79123456789",
  email: "anna@example.ru",
  passport: {
    series: "4510",
    number: "123456",
    departmentCode: "770-001",
    issuedOn: "2010-05-10",
    expiresOn: "2035-07-30",
  },
  snils: "11223344595",
  enp: "1234567890123452",
  masked: false,
  notificationChannels: ["cabinet", "email"],
  complete: true,
  registryChecks: { snils: { state: "verified", checkedAt: "2026-01-01T00:00:00Z" }, enp: check },
};

function describedError(wrapper: ReturnType<typeof render>, label: string): string {
  const input = inputByLabel(wrapper, label);
  const id = (input.attributes("aria-describedby") ?? "").split(" ").find((i) => i.endsWith("-error"));
  return id ? wrapper.get(`[id="${id}"]`).text() : "";
}

describe("profile form", () => {
  it("shows each server field error under its field, tied by aria-describedby, and focuses the first", async () => {
    const { api, calls } = fakeApi({
      "PUT /api/v1/profile": apiError(400, "validation_failed", "Проверьте данные", {
        "passport.departmentCode": "Код подразделения — 6 цифр",
        snils: "Неверное контрольное число СНИЛС",
        "passport.series": "Серия не найдена",
      }),
    });
    const wrapper = render(ProfileForm, api, { profile });
    expect((inputByLabel(wrapper, "Дата выдачи паспорта").element as HTMLInputElement).value).toBe(
      "10.05.2010",
    );
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls[0]?.body).toMatchObject({
      passport: { series: "4510", number: "123456", departmentCode: "770-001", issuedOn: "10.05.2010" },
      snils: "11223344595",
      sex: "female",
      notificationChannels: ["cabinet", "email"],
    });
    expect(describedError(wrapper, "Серия паспорта")).toBe("Серия не найдена");
    expect(describedError(wrapper, "Код подразделения")).toBe("Код подразделения — 6 цифр");
    expect(describedError(wrapper, "СНИЛС")).toBe("Неверное контрольное число СНИЛС");
    expect(describedError(wrapper, "Номер паспорта")).toBe("");
    expect(document.activeElement).toBe(inputByLabel(wrapper, "Серия паспорта").element);
  });

  it("validates live with the domain rules and focuses the first wrong field without sending", async () => {
    const { api, calls } = fakeApi({});
    const wrapper = render(ProfileForm, api, { profile });
    await inputByLabel(wrapper, "Номер паспорта").setValue("12345");
    await inputByLabel(wrapper, "Полис ОМС").setValue("1234567890123456");
    await inputByLabel(wrapper, "Полис ОМС").trigger("blur");
    expect(describedError(wrapper, "Полис ОМС")).not.toBe("");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(describedError(wrapper, "Номер паспорта")).not.toBe("");
    expect(document.activeElement).toBe(inputByLabel(wrapper, "Номер паспорта").element);
  });

  it("keeps the form as typed and shows the request id on a 503", async () => {
    const { api } = fakeApi({
      "PUT /api/v1/profile": json(503, {
        error: { code: "service_unavailable", message: "x", requestId: "req_9" },
      }),
    });
    const wrapper = render(ProfileForm, api, { profile });
    await inputByLabel(wrapper, "Фамилия").setValue("Петрова");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_9");
    expect((inputByLabel(wrapper, "Фамилия").element as HTMLInputElement).value).toBe("Петрова");
  });
});

describe("profile panel", () => {
  it("shows the masked profile with registry states, and «Изменить» loads the documents into the form", async () => {
    const masked = { ...profile, masked: true, snils: "***-***-445 95", passport: null };
    const { api } = fakeApi({
      "GET /api/v1/profile": json(200, masked),
      "GET /api/v1/profile/documents": json(200, profile),
    });
    const wrapper = render(ProfilePanel, api);
    await flushPromises();
    expect(wrapper.text()).toContain("***-***-445 95");
    expect(wrapper.text()).toContain("Проверка в реестре: проверен");
    expect(wrapper.text()).toContain("Проверка в реестре: не проверен");
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Изменить")
      ?.trigger("click");
    await flushPromises();
    expect((inputByLabel(wrapper, "СНИЛС").element as HTMLInputElement).value).toBe("11223344595");
  });
});
