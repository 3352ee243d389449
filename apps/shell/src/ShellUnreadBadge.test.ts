import { NOTIFICATIONS_CHANGED_EVENT, SESSION_CHANGED_EVENT } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createShellRouter } from "./router.ts";
import ShellApp from "./ShellApp.vue";

vi.mock("@module-federation/runtime", () => ({ registerRemotes: vi.fn(), loadRemote: vi.fn() }));

const user = (role: "patient" | "admin") => ({
  id: `usr_${role}`,
  role,
  displayName: role === "patient" ? "Анна Иванова" : "Ольга Петрова",
  phoneMasked: "+7 912 ***-**-89",
  email: "anna@example.ru",
  twoFactorEnabled: false,
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const unauthorized = () => json(401, { error: { code: "unauthorized", message: "Войдите", requestId: "r" } });

async function renderShell() {
  const router = createShellRouter(createMemoryHistory());
  await router.push("/");
  const wrapper = mount(ShellApp, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router, createPriyomI18n("ru")] },
  });
  await flushPromises();
  return { wrapper, router };
}

function setVisibility(state: "visible" | "hidden"): void {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

describe("the unread-notifications badge", () => {
  let me: () => Response;
  let unread: () => Response;
  let countCalls = 0;

  beforeEach(() => {
    countCalls = 0;
    me = () => json(200, { user: user("patient") });
    unread = () => json(200, { unread: 3 });
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) => {
        if (url === "/api/v1/account/me") return Promise.resolve(me());
        if (url === "/api/v1/notifications/unread-count") {
          countCalls += 1;
          return Promise.resolve(unread());
        }
        return Promise.resolve(json(404, {}));
      }),
    );
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    setVisibility("visible");
    document.body.innerHTML = "";
  });

  it("shows a signed-in patient's count beside «Мои записи», named in Russian, leading to the notifications", async () => {
    const { wrapper, router } = await renderShell();
    const badge = wrapper.get('[data-testid="shell-unread"]');
    expect(badge.text()).toBe("3");
    expect(badge.attributes("aria-label")).toBe("3 непрочитанных уведомления");
    expect(badge.attributes("href")).toBe("/appointments?tab=notifications");
    // It sits in the same list item as the «Мои записи» link.
    expect(badge.element.parentElement?.querySelector("a")?.textContent?.trim()).toBe("Мои записи");
    // The section behind it is not what this test is about: its remotes.json is missing here.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const quieter = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await badge.trigger("click");
    await flushPromises();
    quiet.mockRestore();
    quieter.mockRestore();
    expect(router.currentRoute.value.fullPath).toBe("/appointments?tab=notifications");
    wrapper.unmount();
  });

  it("reads the count again on priyom:notifications-changed", async () => {
    const { wrapper } = await renderShell();
    expect(countCalls).toBe(1);
    unread = () => json(200, { unread: 1 });
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
    await flushPromises();
    expect(countCalls).toBe(2);
    expect(wrapper.get('[data-testid="shell-unread"]').attributes("aria-label")).toBe(
      "1 непрочитанное уведомление",
    );
    unread = () => json(200, { unread: 21 });
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
    await flushPromises();
    expect(wrapper.get('[data-testid="shell-unread"]').attributes("aria-label")).toBe(
      "21 непрочитанное уведомление",
    );
    unread = () => json(200, { unread: 0 });
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
    await flushPromises();
    expect(wrapper.find('[data-testid="shell-unread"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("polls every minute while the tab is visible, and at once when it comes back", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { wrapper } = await renderShell();
    expect(countCalls).toBe(1);
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(countCalls).toBe(2);

    setVisibility("hidden");
    vi.advanceTimersByTime(120_000);
    await flushPromises();
    expect(countCalls).toBe(2);

    unread = () => json(200, { unread: 5 });
    setVisibility("visible");
    await flushPromises();
    expect(countCalls).toBe(3);
    expect(wrapper.get('[data-testid="shell-unread"]').attributes("aria-label")).toBe(
      "5 непрочитанных уведомлений",
    );
    wrapper.unmount();
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(countCalls).toBe(3);
  });

  it("appears on sign-in and goes away on sign-out", async () => {
    me = unauthorized;
    const { wrapper } = await renderShell();
    expect(wrapper.find('[data-testid="shell-unread"]').exists()).toBe(false);
    expect(countCalls).toBe(0);

    me = () => json(200, { user: user("patient") });
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: user("patient") }));
    await flushPromises();
    expect(wrapper.get('[data-testid="shell-unread"]').text()).toBe("3");

    me = unauthorized;
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: null }));
    await flushPromises();
    expect(wrapper.find('[data-testid="shell-unread"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("is not shown to staff, who instead get «Работа с записями» in the navigation", async () => {
    me = () => json(200, { user: user("admin") });
    const { wrapper } = await renderShell();
    expect(countCalls).toBe(0);
    expect(wrapper.find('[data-testid="shell-unread"]').exists()).toBe(false);
    const links = wrapper
      .get("nav")
      .findAll("a")
      .map((a) => [a.text(), a.attributes("href")]);
    expect(links.at(-1)).toEqual(["Работа с записями", "/staff"]);
    expect(wrapper.findAll("main .shell-home__card")).toHaveLength(5);
    wrapper.unmount();
  });
});
