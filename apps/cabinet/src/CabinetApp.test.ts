import { SESSION_CHANGED_EVENT } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import CabinetApp from "./CabinetApp.vue";
import { apiError, buttonByText, fakeApi, json, render, unmountAll, user } from "./test-helpers.ts";

afterEach(() => {
  unmountAll();
  history.replaceState(null, "", "/");
});

describe("CabinetApp", () => {
  it("shows sign-in when nobody is signed in, and the sign-up screen on a /cabinet/sign-up deep link", async () => {
    const { api } = fakeApi({ "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите") });
    const wrapper = render(CabinetApp, api);
    await flushPromises();
    expect(wrapper.get("h2").text()).toBe("Личный кабинет");
    expect(wrapper.get("h3").text()).toBe("Вход");

    history.replaceState(null, "", "/cabinet/sign-up");
    const deep = render(CabinetApp, api);
    await flushPromises();
    expect(deep.get("h3").text()).toBe("Регистрация");
  });

  it("shows the tabs when signed in, and the sign-in screen after «Выйти» (telling the shell)", async () => {
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user }),
      "GET /api/v1/profile": apiError(404, "not_found", "Нет профиля"),
      "POST /api/v1/account/sign-out": json(200, { status: "ok" }),
    });
    const events: unknown[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener(SESSION_CHANGED_EVENT, listener);
    const wrapper = render(CabinetApp, api);
    await flushPromises();
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual([
      "Личные данные",
      "Дети",
      "Безопасность",
      "Мои данные",
    ]);
    expect(wrapper.get('[data-testid="cabinet-user"]').text()).toBe("Анна Иванова");
    await buttonByText(wrapper, "Выйти").trigger("click");
    await flushPromises();
    expect(events).toEqual([null]);
    expect(wrapper.get("h3").text()).toBe("Вход");
    window.removeEventListener(SESSION_CHANGED_EVENT, listener);
  });

  it("follows a sign-out announced by the shell", async () => {
    const { api } = fakeApi({ "GET /api/v1/account/me": json(200, { user }) });
    const wrapper = render(CabinetApp, api);
    await flushPromises();
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: null }));
    await flushPromises();
    expect(wrapper.get("h3").text()).toBe("Вход");
  });
});
