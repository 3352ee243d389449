import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, json, noContent, notification, render, unmountAll } from "../test-helpers.ts";
import NotificationList from "./NotificationList.vue";
import { NOTIFICATIONS_CHANGED_EVENT as NOTIFICATIONS_CHANGED } from "@priyom/federation";

const ITEMS = [
  notification({
    id: "n_old",
    title: "Напоминание о приёме",
    createdAt: "2026-11-18T12:00:00.000Z",
    readAt: "2026-11-18T13:00:00.000Z",
  }),
  notification({ id: "n_new", title: "Запись перенесена", createdAt: "2026-11-25T12:00:00.000Z" }),
  notification({
    id: "n_mid",
    title: "Вы записаны к кардиологу",
    createdAt: "2026-11-20T12:00:00.000Z",
    appointmentId: null,
  }),
];

function renderList(routes: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    "GET /api/v1/notifications": json(200, { items: ITEMS, unread: 2 }),
    ...routes,
  });
  const wrapper = render(NotificationList, fake.api);
  return { wrapper, calls: fake.calls };
}

const row = (wrapper: ReturnType<typeof renderList>["wrapper"], id: string) =>
  wrapper.get(`[data-testid="notification"][data-notification-id="${id}"]`);

describe("NotificationList", () => {
  let changed: ReturnType<typeof vi.fn<(event: Event) => void>>;
  beforeEach(() => {
    changed = vi.fn<(event: Event) => void>();
    window.addEventListener(NOTIFICATIONS_CHANGED, changed);
  });
  afterEach(() => {
    window.removeEventListener(NOTIFICATIONS_CHANGED, changed);
    unmountAll();
  });

  it("lists newest first, unread ones marked «Новое» (not by colour alone), and reports the unread count", async () => {
    const { wrapper } = renderList();
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="notification"]');
    expect(rows.map((r) => r.attributes("data-notification-id"))).toEqual(["n_new", "n_mid", "n_old"]);
    expect(row(wrapper, "n_new").get('[data-testid="notification-new"]').text()).toContain("Новое");
    expect(row(wrapper, "n_new").get("button").text()).toMatch(/^● Новое: ?Запись перенесена/);
    expect(row(wrapper, "n_old").find('[data-testid="notification-new"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="unread-summary"]').text()).toBe("(непрочитанных: 2)");
    expect(wrapper.emitted("unread")?.at(-1)).toEqual([2]);
    // Bodies are closed until opened.
    expect(row(wrapper, "n_new").get("button").attributes("aria-expanded")).toBe("false");
    expect(changed).not.toHaveBeenCalled();
  });

  it("opening an unread one shows it, marks it read and tells the shell", async () => {
    const { wrapper, calls } = renderList({ "POST /api/v1/notifications/n_new/read": noContent() });
    await flushPromises();
    const toggle = row(wrapper, "n_new").get("button");
    await toggle.trigger("click");
    await flushPromises();
    expect(toggle.attributes("aria-expanded")).toBe("true");
    const body = wrapper.get(`#${toggle.attributes("aria-controls") ?? ""}`);
    expect(body.isVisible()).toBe(true);
    expect(body.text()).toContain("Талон № Т-0001001");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/api/v1/notifications/n_new/read",
    ]);
    expect(row(wrapper, "n_new").attributes("data-unread")).toBe("false");
    expect(row(wrapper, "n_new").find('[data-testid="notification-new"]').exists()).toBe(false);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0]?.[0]).toBeInstanceOf(Event);
    expect(wrapper.emitted("unread")?.at(-1)).toEqual([1]);
    // Its link opens the ticket in this section.
    await body.get("a").trigger("click");
    expect(wrapper.emitted("ticket")).toEqual([["apt_1"]]);

    // Opening a read one again asks nothing more.
    await toggle.trigger("click");
    await toggle.trigger("click");
    await row(wrapper, "n_old").get("button").trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("«Отметить все прочитанными» marks them all, says so and tells the shell", async () => {
    const { wrapper, calls } = renderList({ "POST /api/v1/notifications/read-all": noContent() });
    await flushPromises();
    const button = wrapper.get('[data-testid="mark-all-read"]');
    await button.trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/api/v1/notifications/read-all",
    ]);
    expect(wrapper.findAll('[data-unread="true"]')).toHaveLength(0);
    expect(wrapper.get('[data-testid="unread-summary"]').text()).toBe("(все прочитаны)");
    expect(button.attributes("disabled")).toBeDefined();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(wrapper.emitted("unread")?.at(-1)).toEqual([0]);
    expect(wrapper.get('[data-testid="live-message"]').text()).toBe("Все уведомления отмечены прочитанными.");
  });

  it("on a failure keeps them unread, shows the request id and tells nobody", async () => {
    const { wrapper } = renderList({
      "POST /api/v1/notifications/read-all": apiError(500, "internal_error", "x"),
    });
    await flushPromises();
    await wrapper.get('[data-testid="mark-all-read"]').trigger("click");
    await flushPromises();
    expect(wrapper.findAll('[data-unread="true"]')).toHaveLength(2);
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
    expect(changed).not.toHaveBeenCalled();
  });

  it("says when there is nothing yet", async () => {
    const { wrapper } = renderList({ "GET /api/v1/notifications": json(200, { items: [], unread: 0 }) });
    await flushPromises();
    expect(wrapper.get('[data-testid="notifications-empty"]').text()).toContain("Уведомлений пока нет");
    expect(wrapper.find('[data-testid="mark-all-read"]').exists()).toBe(false);
  });
});
