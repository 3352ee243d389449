import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, describe, expect, it, vi } from "vitest";
import CabinetApp from "./CabinetApp.vue";
import { returnPathFromSearch } from "./navigation.ts";
import { apiError, fakeApi, inputByLabel, json, user } from "./test-helpers.ts";
import { API_KEY } from "./use-api.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

const POPUP = "/widget/connect?origin=http%3A%2F%2Flocalhost%3A3001";
const search = (next: string) => `?next=${encodeURIComponent(next)}`;

describe("returnPathFromSearch", () => {
  it("keeps a path of this site with its query", () => {
    expect(returnPathFromSearch(search(POPUP))).toBe(POPUP);
    expect(returnPathFromSearch(search("/appointments"))).toBe("/appointments");
  });

  it.each([
    ["no next", ""],
    ["another site", search("https://evil.example/widget/connect")],
    ["a protocol-relative address", search("//evil.example/x")],
    ["a backslash browsers read as a slash", search("/\\evil.example")],
    ["a relative path", search("widget/connect")],
    ["a script", search("javascript:alert(1)")],
    ["a control character", search("/\t/evil.example")],
  ])("drops %s", (_, value) => {
    expect(returnPathFromSearch(value)).toBeUndefined();
  });
});

describe("signing in with ?next=", () => {
  afterEach(() => {
    document.body.innerHTML = "";
    history.replaceState(null, "", "/");
  });

  function renderCabinet(api: ReturnType<typeof fakeApi>["api"]) {
    const navigate = vi.fn();
    const remote: RemoteMountProps = { apiBase: "", basePath: "/cabinet", locale: "ru", navigate };
    const wrapper = mount(CabinetApp, {
      attachTo: document.body,
      global: {
        plugins: [createPinia(), createPriyomI18n("ru")],
        provide: { [API_KEY]: api, [REMOTE_PROPS_KEY]: remote },
      },
    });
    return { wrapper, navigate };
  }

  it("returns to the widget pop-up once signed in", async () => {
    history.replaceState(null, "", `/cabinet/sign-in${search(POPUP)}`);
    const { api } = fakeApi({
      "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите"),
      "POST /api/v1/account/sign-in": json(200, { status: "signed_in", user }),
      "GET /api/v1/profile": apiError(404, "not_found", "Нет профиля"),
    });
    const { wrapper, navigate } = renderCabinet(api);
    await flushPromises();
    expect(navigate).not.toHaveBeenCalled();

    await inputByLabel(wrapper, "Телефон или электронная почта").setValue("+7 912 345-67-89");
    await inputByLabel(wrapper, "Пароль").setValue("Secret-123");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(POPUP);
    wrapper.unmount();
  });

  it("stays in the cabinet when next points at another site", async () => {
    history.replaceState(null, "", `/cabinet/sign-in${search("//evil.example/steal")}`);
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user }),
      "GET /api/v1/profile": apiError(404, "not_found", "Нет профиля"),
    });
    const { wrapper, navigate } = renderCabinet(api);
    await flushPromises();
    expect(wrapper.get('[data-testid="cabinet-user"]').text()).toBe("Анна Иванова");
    expect(navigate).not.toHaveBeenCalled();
    wrapper.unmount();
  });
});
