import { SESSION_CHANGED_EVENT } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createShellRouter } from "./router.ts";
import ShellApp from "./ShellApp.vue";

vi.mock("@module-federation/runtime", () => ({ registerRemotes: vi.fn(), loadRemote: vi.fn() }));

const user = {
  id: "usr_1",
  role: "patient",
  displayName: "Анна Иванова",
  phoneMasked: "+7 912 ***-**-89",
  email: "anna@example.ru",
  twoFactorEnabled: false,
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const unauthorized = () => json(401, { error: { code: "unauthorized", message: "Войдите", requestId: "r" } });

async function renderShell(path = "/") {
  const router = createShellRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(ShellApp, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router, createPriyomI18n("ru")] },
  });
  await flushPromises();
  return wrapper;
}

describe("shell session display", () => {
  let me: () => Response;
  const calls: { url: string; method: string }[] = [];

  beforeEach(() => {
    calls.length = 0;
    me = unauthorized;
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string, init?: RequestInit) => {
        calls.push({ url, method: init?.method ?? "GET" });
        if (url === "/api/v1/account/sign-out") return Promise.resolve(json(200, { status: "ok" }));
        return Promise.resolve(url === "/api/v1/account/me" ? me() : json(404, {}));
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("shows only the brand on the widget sign-in pop-up: no menu, search or «Войти» leading away", async () => {
    const wrapper = await renderShell("/widget/connect?origin=http%3A%2F%2Flocalhost%3A3001");
    expect(wrapper.find('[data-testid="shell-session"]').exists()).toBe(false);
    expect(wrapper.find("nav.shell-nav").exists()).toBe(false);
    expect(wrapper.find(".shell-header__search").exists()).toBe(false);
    expect(wrapper.get(".shell-header__brand").text()).toContain("Приём");
    wrapper.unmount();
    const home = await renderShell("/");
    expect(home.find("nav.shell-nav").exists()).toBe(true);
    home.unmount();
  });

  it("offers «Войти» when signed out, and shows the name after priyom:session-changed", async () => {
    const wrapper = await renderShell();
    expect(wrapper.get('[data-testid="shell-session"]').text()).toBe("Войти");

    me = () => json(200, { user });
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: user }));
    await flushPromises();
    expect(wrapper.get('[data-testid="shell-user"]').text()).toBe("Анна Иванова");
    expect(wrapper.get('[data-testid="shell-session"]').text()).toContain("Выйти");
    expect(calls.filter((c) => c.url === "/api/v1/account/me")).toHaveLength(2);
    wrapper.unmount();
  });

  it("signs out from the header and tells the remotes", async () => {
    me = () => json(200, { user });
    const wrapper = await renderShell();
    expect(wrapper.get('[data-testid="shell-user"]').text()).toBe("Анна Иванова");
    const events: unknown[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener(SESSION_CHANGED_EVENT, listener);
    me = unauthorized;
    await wrapper.get("header button").trigger("click");
    await flushPromises();
    expect(calls).toContainEqual({ url: "/api/v1/account/sign-out", method: "POST" });
    expect(events).toEqual([null]);
    expect(wrapper.find('[data-testid="shell-user"]').exists()).toBe(false);
    window.removeEventListener(SESSION_CHANGED_EVENT, listener);
    wrapper.unmount();
  });
});
