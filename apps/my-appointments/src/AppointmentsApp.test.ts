import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import AppointmentsApp from "./AppointmentsApp.vue";
import { dispatchNotificationsChanged as announceNotificationsChanged } from "@priyom/federation";
import { PATIENT, apiError, appointment, fakeApi, json, render, ticket, unmountAll } from "./test-helpers.ts";

const SIGNED_IN = {
  "GET /api/v1/account/me": json(200, { user: PATIENT }),
  "GET /api/v1/notifications/unread-count": json(200, { unread: 3 }),
  "GET /api/v1/appointments?scope=upcoming": json(200, { items: [appointment()] }),
  "GET /api/v1/appointments?scope=past": json(200, { items: [] }),
  "GET /api/v1/history": json(200, { items: [], nextBefore: null }),
  "GET /api/v1/appointments/apt_1/ticket": json(200, ticket()),
};

function renderApp(url: string, routes: Parameters<typeof fakeApi>[0] = SIGNED_IN, navigate = vi.fn()) {
  history.replaceState(null, "", url);
  const fake = fakeApi(routes);
  const wrapper = render(AppointmentsApp, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

/** What the shell does on `navigate`: pushes the URL and, for the same section, sends popstate. */
function shellNavigate(path: string): void {
  history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** The text a screen reader gets: without what is aria-hidden. */
function spokenText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

const tab = (wrapper: ReturnType<typeof renderApp>["wrapper"], id: string) =>
  wrapper.get(`[role=tab][data-tab="${id}"]`);

describe("AppointmentsApp", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T00:00:00.000Z"));
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
    history.replaceState(null, "", "/");
  });

  it("shows the five tabs, the unread count in words for screen readers, «Предстоящие» first", async () => {
    const { wrapper, calls } = renderApp("/appointments");
    await flushPromises();
    const tabs = wrapper.findAll("[role=tab]");
    expect(tabs.map((t) => t.attributes("data-tab"))).toEqual([
      "upcoming",
      "past",
      "waiting",
      "notifications",
      "history",
    ]);
    expect(tabs.map((t) => spokenText(t.element))).toEqual([
      "Предстоящие",
      "Прошедшие",
      "Ожидание и запросы",
      "Уведомления непрочитанных: 3",
      "История",
    ]);
    expect(tab(wrapper, "notifications").get('[aria-hidden="true"]').text()).toBe("3");
    expect(tab(wrapper, "upcoming").attributes("aria-selected")).toBe("true");
    expect(wrapper.findAll('[data-testid="appointment-card"]')).toHaveLength(1);
    // Panels load when first shown, not all at once.
    expect(calls.some((c) => c.path === "/api/v1/history")).toBe(false);
    expect(calls.some((c) => c.url === "/api/v1/appointments?scope=past")).toBe(false);
  });

  it("keeps the tab in the URL: a link opens it, a click navigates, «Назад» comes back", async () => {
    const navigate = vi.fn(shellNavigate);
    const { wrapper, calls } = renderApp("/appointments?tab=history", SIGNED_IN, navigate);
    await flushPromises();
    expect(tab(wrapper, "history").attributes("aria-selected")).toBe("true");
    expect(calls.some((c) => c.path === "/api/v1/history")).toBe(true);

    await tab(wrapper, "past").trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/appointments?tab=past");
    expect(tab(wrapper, "past").attributes("aria-selected")).toBe("true");

    await tab(wrapper, "past").trigger("keydown", { key: "Home" });
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/appointments");
    expect(document.activeElement).toBe(tab(wrapper, "upcoming").element);

    // «Назад» in the browser: the shell's history moves, the section hears popstate.
    history.replaceState(null, "", "/appointments?tab=past");
    window.dispatchEvent(new PopStateEvent("popstate"));
    await flushPromises();
    expect(location.search).toBe("?tab=past");
    expect(tab(wrapper, "past").attributes("aria-selected")).toBe("true");
  });

  it("opens a ticket at ?ticket= and goes back to the card's link", async () => {
    const navigate = vi.fn(shellNavigate);
    const { wrapper } = renderApp("/appointments", SIGNED_IN, navigate);
    await flushPromises();
    await wrapper.get("[data-ticket-link]").trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/appointments?ticket=apt_1");
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe("№ Т-0001001");
    expect(wrapper.get("[role=tablist]").isVisible()).toBe(false);

    await wrapper.get('[data-testid="ticket-back"]').trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/appointments");
    expect(wrapper.find('[data-testid="ticket-view"]').exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.get("[data-ticket-link]").element);
  });

  it("opens the ticket straight from a link", async () => {
    const { wrapper } = renderApp("/appointments?tab=past&ticket=apt_1");
    await flushPromises();
    expect(wrapper.get('[data-testid="ticket-view"]').text()).toContain("Т-0001001");
    expect(wrapper.get('[data-testid="ticket-back"]').attributes("href")).toBe("/appointments?tab=past");
  });

  it("refreshes the unread count when the notifications change", async () => {
    const { wrapper, calls } = renderApp("/appointments", {
      ...SIGNED_IN,
      "GET /api/v1/notifications/unread-count": [json(200, { unread: 3 }), json(200, { unread: 0 })],
    });
    await flushPromises();
    expect(tab(wrapper, "notifications").find('[data-testid="tab-count"]').exists()).toBe(true);
    announceNotificationsChanged();
    await flushPromises();
    expect(calls.filter((c) => c.path === "/api/v1/notifications/unread-count")).toHaveLength(2);
    expect(tab(wrapper, "notifications").find('[data-testid="tab-count"]').exists()).toBe(false);
  });

  it("signed out: says why nothing is shown and links to sign-in through the shell", async () => {
    const { wrapper, navigate, calls } = renderApp("/appointments", {
      "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите"),
    });
    await flushPromises();
    const invitation = wrapper.get('[data-testid="sign-in-invitation"]');
    expect(invitation.text()).toContain("Войдите, чтобы увидеть свои записи");
    expect(wrapper.find("[role=tablist]").exists()).toBe(false);
    await invitation.get("a").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/account/me"]);
  });

  it("a session that ends meanwhile (401 from a list) shows the same invitation", async () => {
    const { wrapper } = renderApp("/appointments", {
      ...SIGNED_IN,
      "GET /api/v1/appointments?scope=upcoming": apiError(401, "unauthorized", "Войдите"),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="sign-in-invitation"]').exists()).toBe(true);
  });

  it("a failed session check shows the request id and retries", async () => {
    const { wrapper } = renderApp("/appointments", {
      ...SIGNED_IN,
      "GET /api/v1/account/me": [apiError(500, "internal_error", "x"), json(200, { user: PATIENT })],
    });
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
    await wrapper.get(".ui-error-state button").trigger("click");
    await flushPromises();
    expect(wrapper.find("[role=tablist]").exists()).toBe(true);
  });
});
