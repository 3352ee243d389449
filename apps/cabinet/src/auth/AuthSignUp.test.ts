import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, inputByLabel, json, render, unmountAll } from "../test-helpers.ts";
import AuthSignUp from "./AuthSignUp.vue";

afterEach(unmountAll);

const LABELS = ["Телефон", "Электронная почта", "Пароль", "Фамилия", "Имя", "Дата рождения"] as const;

function errorOf(wrapper: ReturnType<typeof render>, label: string): string {
  const input = inputByLabel(wrapper, label);
  const ids = (input.attributes("aria-describedby") ?? "").split(" ").filter((id) => id.endsWith("-error"));
  return ids.map((id) => wrapper.get(`[id="${id}"]`).text()).join(" ");
}

describe("sign-up", () => {
  it("judges a field from its first blur on, then on every input", async () => {
    const { api } = fakeApi({});
    const wrapper = render(AuthSignUp, api);
    const phone = inputByLabel(wrapper, "Телефон");
    await phone.setValue("8 (495) 123-45-67");
    expect(phone.attributes("aria-invalid")).toBe("false");
    await phone.trigger("blur");
    expect(phone.attributes("aria-invalid")).toBe("true");
    expect(errorOf(wrapper, "Телефон")).not.toBe("");
    await phone.setValue("8 912 345-67-89");
    expect(phone.attributes("aria-invalid")).toBe("false");
  });

  it("shows every field's error on submit, focuses the first and sends nothing", async () => {
    const { api, calls } = fakeApi({});
    const wrapper = render(AuthSignUp, api);
    await inputByLabel(wrapper, "Пароль").setValue("short");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    for (const label of LABELS) expect(errorOf(wrapper, label), label).not.toBe("");
    expect(errorOf(wrapper, "Отчество")).toBe("");
    expect(document.activeElement).toBe(inputByLabel(wrapper, "Телефон").element);
    expect(calls).toHaveLength(0);
    // The policy checklist is live.
    const rules = wrapper.findAll("[data-met]").map((li) => li.attributes("data-met"));
    expect(rules).toEqual(["false", "true", "false", "false", "false"]);
  });

  it("puts the server's 400 field errors under the fields, and they win until edited", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/account/sign-up": apiError(400, "validation_failed", "Проверьте данные", {
        email: "Этот адрес не принимает почту",
        birthDate: "Регистрация — с 18 лет",
      }),
    });
    const wrapper = render(AuthSignUp, api);
    const values: Record<string, string> = {
      Телефон: "+7 912 345-67-89",
      "Электронная почта": "anna@example.ru",
      Пароль: "Secret-123",
      Фамилия: "Иванова",
      Имя: "Анна",
      "Дата рождения": "01.05.2010",
    };
    for (const [label, value] of Object.entries(values)) await inputByLabel(wrapper, label).setValue(value);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls[0]?.body).toMatchObject({ phone: "+7 912 345-67-89", birthDate: "01.05.2010" });
    expect(errorOf(wrapper, "Электронная почта")).toBe("Этот адрес не принимает почту");
    expect(errorOf(wrapper, "Дата рождения")).toBe("Регистрация — с 18 лет");
    expect(document.activeElement).toBe(inputByLabel(wrapper, "Электронная почта").element);
    // Nothing typed is lost.
    expect((inputByLabel(wrapper, "Фамилия").element as HTMLInputElement).value).toBe("Иванова");
    await inputByLabel(wrapper, "Электронная почта").setValue("anna@example.com");
    expect(errorOf(wrapper, "Электронная почта")).toBe("");
  });

  it("shows the generic error with the request id on a 500 and emits nothing", async () => {
    const { api } = fakeApi({
      "POST /api/v1/account/sign-up": json(500, {
        error: { code: "internal_error", message: "x", requestId: "req_500" },
      }),
    });
    const wrapper = render(AuthSignUp, api);
    const values = ["+79123456789", "a@b.ru", "Secret-123", "Иванова", "Анна", "01.05.1990"];
    for (const [i, label] of LABELS.entries()) await inputByLabel(wrapper, label).setValue(values[i] ?? "");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
    expect(wrapper.emitted("codes-sent")).toBeUndefined();
  });
});
