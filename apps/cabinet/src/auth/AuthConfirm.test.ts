import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, inputByLabel, json, render, unmountAll } from "../test-helpers.ts";
import AuthConfirm from "./AuthConfirm.vue";

afterEach(unmountAll);

describe("sign-up confirmation", () => {
  it("confirms the SMS and the e-mail code separately, resends on request, and reports when both are done", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/account/sign-up/confirm": [
        apiError(400, "invalid_code", "Неверный или просроченный код"),
        json(200, { status: "confirmed", accountActive: false }),
        json(200, { status: "confirmed", accountActive: true }),
      ],
      "POST /api/v1/account/sign-up/resend": new Response(null, { status: 202 }),
    });
    const wrapper = render(AuthConfirm, api, { phone: "+79123456789", email: "anna@example.ru" });
    expect(wrapper.get("h3").text()).toBe("Подтверждение");
    const sms = wrapper.get('[data-testid="confirm-sms"]');
    const email = wrapper.get('[data-testid="confirm-email"]');

    await inputByLabel(wrapper, "Код из СМС").setValue("000000");
    await sms.trigger("submit");
    await flushPromises();
    expect(sms.text()).toContain("Неверный или просроченный код");

    await sms
      .findAll("button")
      .find((b) => b.text() === "Отправить код ещё раз")
      ?.trigger("click");
    await flushPromises();
    expect(sms.text()).toContain("Новый код отправлен");

    await inputByLabel(wrapper, "Код из СМС").setValue("123456");
    await sms.trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="confirm-sms"]').text()).toContain("Телефон подтверждён");
    expect(wrapper.emitted("confirmed")).toBeUndefined();

    await inputByLabel(wrapper, "Код из письма").setValue("654321");
    await email.trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("confirmed")).toHaveLength(1);
    expect(calls.filter((c) => c.method === "POST").map((c) => [c.path, c.body])).toEqual([
      ["/api/v1/account/sign-up/confirm", { channel: "sms", phone: "+79123456789", code: "000000" }],
      ["/api/v1/account/sign-up/resend", { channel: "sms", phone: "+79123456789" }],
      ["/api/v1/account/sign-up/confirm", { channel: "sms", phone: "+79123456789", code: "123456" }],
      ["/api/v1/account/sign-up/confirm", { channel: "email", email: "anna@example.ru", code: "654321" }],
    ]);
  });
});
