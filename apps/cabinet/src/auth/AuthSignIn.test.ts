import { SESSION_CHANGED_EVENT } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  apiError,
  buttonByText,
  fakeApi,
  inputByLabel,
  json,
  render,
  unmountAll,
  user,
} from "../test-helpers.ts";
import AuthSignIn from "./AuthSignIn.vue";

afterEach(unmountAll);

async function signIn(wrapper: ReturnType<typeof render>) {
  await inputByLabel(wrapper, "Телефон или электронная почта").setValue("+7 912 345-67-89");
  await inputByLabel(wrapper, "Пароль").setValue("Secret-123");
  await buttonByText(wrapper, "Войти").trigger("submit");
  await flushPromises();
}

describe("sign-in", () => {
  it("asks for the new-device SMS code and repeats the request with it; then announces the session", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/account/sign-in": [
        json(200, { status: "device_code_required", expiresInSeconds: 300 }),
        apiError(400, "invalid_code", "Неверный код"),
        json(200, { status: "signed_in", user }),
      ],
    });
    const events: unknown[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener(SESSION_CHANGED_EVENT, listener);
    const wrapper = render(AuthSignIn, api);
    await signIn(wrapper);
    expect(wrapper.text()).toContain("нового устройства");
    const code = inputByLabel(wrapper, "Код из СМС");
    await code.setValue("111111");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(code.attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("Неверный код");
    await code.setValue("123456");
    await buttonByText(wrapper, "Подтвердить").trigger("submit");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { login: "+7 912 345-67-89", password: "Secret-123" },
      { login: "+7 912 345-67-89", password: "Secret-123", deviceCode: "111111" },
      { login: "+7 912 345-67-89", password: "Secret-123", deviceCode: "123456" },
    ]);
    expect(events).toEqual([user]);
    window.removeEventListener(SESSION_CHANGED_EVENT, listener);
  });

  it("goes on to the two-factor step and signs in with the TOTP code", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/account/sign-in": json(200, { status: "two_factor_required" }),
      "POST /api/v1/account/sign-in/two-factor": json(200, { status: "signed_in", user }),
    });
    const dispatch = vi.spyOn(window, "dispatchEvent");
    const wrapper = render(AuthSignIn, api);
    await signIn(wrapper);
    await inputByLabel(wrapper, "Код из приложения").setValue("654321");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST")[1]).toEqual({
      method: "POST",
      path: "/api/v1/account/sign-in/two-factor",
      body: { code: "654321" },
    });
    expect(dispatch.mock.calls.some(([e]) => e.type === SESSION_CHANGED_EVENT)).toBe(true);
    dispatch.mockRestore();
  });

  it("shows «Неверный логин или пароль» on a 401 and keeps what was typed", async () => {
    const { api } = fakeApi({
      "POST /api/v1/account/sign-in": apiError(401, "invalid_credentials", "Неверный логин или пароль"),
    });
    const wrapper = render(AuthSignIn, api);
    await signIn(wrapper);
    expect(wrapper.get('[role="alert"]').text()).toContain("Неверный логин или пароль");
    expect((inputByLabel(wrapper, "Телефон или электронная почта").element as HTMLInputElement).value).toBe(
      "+7 912 345-67-89",
    );
    expect(wrapper.text()).not.toContain("Восстановить пароль");
  });

  it("shows the lock message with a link to recovery on a 423", async () => {
    const { api } = fakeApi({
      "POST /api/v1/account/sign-in": apiError(
        423,
        "account_locked",
        "Учётная запись временно заблокирована",
      ),
    });
    const wrapper = render(AuthSignIn, api);
    await signIn(wrapper);
    expect(wrapper.get('[role="alert"]').text()).toContain("Учётная запись временно заблокирована");
    await buttonByText(wrapper, "Восстановить пароль").trigger("click");
    expect(wrapper.emitted("recover")).toEqual([["+7 912 345-67-89"]]);
  });

  it("signs in at once with a prefilled login and password (after sign-up)", async () => {
    const { api, calls } = fakeApi({
      "POST /api/v1/account/sign-in": json(200, { status: "signed_in", user }),
    });
    render(AuthSignIn, api, { prefill: { login: "+79123456789", password: "Secret-123", submit: true } });
    await flushPromises();
    expect(calls.find((c) => c.path === "/api/v1/account/sign-in")?.body).toEqual({
      login: "+79123456789",
      password: "Secret-123",
    });
  });
});
