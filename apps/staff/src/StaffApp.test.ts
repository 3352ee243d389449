import { SESSION_CHANGED_EVENT } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import StaffApp from "./StaffApp.vue";
import { apiError, fakeApi, json, priorityRequest, render, sessionUser, unmountAll } from "./test-helpers.ts";

afterEach(() => {
  unmountAll();
  history.replaceState(null, "", "/");
});

const dayAnswer = {
  clinic: { id: "cln_1", shortName: "ГП № 2", timeZone: "Europe/Moscow" },
  date: "2026-03-13",
  items: [],
};

const staffCalls = (calls: { path: string }[]) =>
  calls.filter((c) => c.path.startsWith("/api/v1/staff/")).map((c) => c.path);

describe("StaffApp role gating", () => {
  it("tells a signed-out visitor the section is for staff and offers to sign in through the shell", async () => {
    const navigate = vi.fn();
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите"),
    });
    const wrapper = render(StaffApp, api, { remote: { navigate } });
    await flushPromises();
    expect(wrapper.get("h2").text()).toBe("Работа с записями");
    const notice = wrapper.get('[data-testid="staff-sign-in"]');
    expect(notice.text()).toContain("для сотрудников поликлиник и администраторов");
    await notice.get("a").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
    expect(staffCalls(calls)).toEqual([]);
    expect(wrapper.find('[role="tablist"]').exists()).toBe(false);
  });

  it("refuses a patient clearly and asks the API for nothing", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("patient") }),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    const refusal = wrapper.get('[data-testid="staff-forbidden"]');
    expect(refusal.attributes("role")).toBe("status");
    expect(refusal.text()).toContain("Нет доступа");
    expect(refusal.text()).toContain("только сотрудникам поликлиник и администраторам");
    expect(staffCalls(calls)).toEqual([]);
  });

  it("shows clinic staff «Приёмы дня» only, without tabs, for their own clinic", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("clinic_staff") }),
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.find('[role="tablist"]').exists()).toBe(false);
    expect(wrapper.get("h3").text()).toBe("Приёмы дня");
    expect(staffCalls(calls)).toEqual(["/api/v1/staff/appointments"]);
    expect(calls.find((c) => c.path === "/api/v1/staff/appointments")?.query).toEqual({
      date: "2026-03-13",
    });
    expect(calls.some((c) => c.path === "/api/v1/clinics")).toBe(false);
  });

  it("refuses clinic staff an administrator's tab named in the URL", async () => {
    history.replaceState(null, "", "/staff?tab=journal");
    const navigate = vi.fn();
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("clinic_staff") }),
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
    });
    const wrapper = render(StaffApp, api, { remote: { navigate } });
    await flushPromises();
    expect(wrapper.get('[data-testid="staff-tab-forbidden"]').text()).toContain("Нет доступа");
    expect(staffCalls(calls)).toEqual([]);
    await wrapper.get('[data-testid="staff-tab-forbidden"] button').trigger("click");
    expect(navigate).toHaveBeenCalledWith("/staff?tab=day");
    await flushPromises();
    expect(staffCalls(calls)).toEqual(["/api/v1/staff/appointments"]);
  });

  it("gives an administrator five tabs, the queue first, and keeps the tab in the shell's URL", async () => {
    const navigate = vi.fn();
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("admin") }),
      "GET /api/v1/staff/priority-requests": json(200, { items: [priorityRequest()] }),
      "GET /api/v1/staff/journal": json(200, { items: [], nextBefore: null }),
      "GET /api/v1/staff/notifications/failed": json(200, { items: [] }),
    });
    const wrapper = render(StaffApp, api, { remote: { navigate } });
    await flushPromises();
    const tabs = wrapper.findAll('[role="tab"]');
    expect(tabs.map((t) => t.text())).toEqual([
      "Приоритетные запросы",
      "Журнал",
      "Недоставленные уведомления",
      "Приёмы дня",
      "Партнёры",
    ]);
    expect(tabs[0]?.attributes("aria-selected")).toBe("true");
    expect(tabs[1]?.attributes("tabindex")).toBe("-1");
    const panel = wrapper.get('[role="tabpanel"]');
    expect(panel.attributes("aria-labelledby")).toBe(tabs[0]?.attributes("id"));
    expect(panel.findAll('[data-testid="priority-request"]')).toHaveLength(1);
    expect(calls.find((c) => c.path === "/api/v1/staff/priority-requests")?.query).toEqual({
      status: "pending",
    });

    await tabs[1]?.trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/staff?tab=journal");
    expect(wrapper.get('[role="tabpanel"]').attributes("data-tab")).toBe("journal");
    expect(calls.some((c) => c.path === "/api/v1/staff/journal")).toBe(true);

    await wrapper.get('[role="tab"][aria-selected="true"]').trigger("keydown", { key: "ArrowRight" });
    await flushPromises();
    expect(navigate).toHaveBeenLastCalledWith("/staff?tab=failed");
    expect(document.activeElement?.id).toBe("staff-tab-failed");
  });

  it("opens the tab the URL names and follows «Назад» (popstate)", async () => {
    history.replaceState(null, "", "/staff?tab=failed");
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("admin") }),
      "GET /api/v1/staff/notifications/failed": json(200, { items: [] }),
      "GET /api/v1/staff/journal": json(200, { items: [], nextBefore: null }),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.get('[role="tabpanel"]').attributes("data-tab")).toBe("failed");
    history.pushState(null, "", "/staff?tab=journal");
    window.dispatchEvent(new PopStateEvent("popstate"));
    await flushPromises();
    expect(wrapper.get('[role="tabpanel"]').attributes("data-tab")).toBe("journal");
  });

  it("shows the same refusal when the API answers 403", async () => {
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("admin") }),
      "GET /api/v1/staff/priority-requests": apiError(403, "forbidden", "Недостаточно прав"),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.get('[role="tabpanel"] [data-testid="staff-forbidden"]').text()).toContain("Нет доступа");
    expect(wrapper.text()).not.toContain("Ошибка: повторите попытку позже");
  });

  it("follows a sign-out announced by another part of the page", async () => {
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("admin") }),
      "GET /api/v1/staff/priority-requests": json(200, { items: [] }),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.find('[role="tablist"]').exists()).toBe(true);
    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: null }));
    await flushPromises();
    expect(wrapper.find('[role="tablist"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="staff-sign-in"]').exists()).toBe(true);
  });

  it("shows «Ошибка: повторите попытку позже» with the request id when the session cannot be read", async () => {
    const { api } = fakeApi({
      "GET /api/v1/account/me": apiError(500, "internal_error", "Ошибка: повторите попытку позже"),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("Код запроса: req_500");
  });
});
