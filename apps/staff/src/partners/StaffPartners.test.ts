import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import StaffApp from "../StaffApp.vue";
import {
  apiError,
  buttonByText,
  dialog,
  fakeApi,
  fill,
  inputByLabel,
  json,
  render,
  sessionUser,
  unmountAll,
} from "../test-helpers.ts";
import StaffPartners from "./StaffPartners.vue";

afterEach(() => {
  unmountAll();
  history.replaceState(null, "", "/");
});

const demo = {
  id: "prt_1",
  name: "Портал городской поликлиники (демо)",
  origin: "http://localhost:3001",
  createdAt: "2026-03-10T08:00:00Z",
  revokedAt: null,
};
const old = {
  id: "prt_0",
  name: "Старый портал",
  origin: "https://old.example.ru",
  createdAt: "2026-01-10T08:00:00Z",
  revokedAt: "2026-02-01T09:30:00Z",
};
const added = {
  id: "prt_2",
  name: "Портал района",
  origin: "https://portal.example.ru",
  createdAt: "2026-03-13T09:00:00Z",
  revokedAt: null,
};

const rows = () =>
  Array.from(document.querySelectorAll<HTMLElement>('[data-testid="partner-row"]')).map((r) => ({
    id: r.dataset.id,
    state: r.dataset.state,
    text: r.querySelector('[data-testid="partner-state"]')?.textContent?.trim(),
    canRevoke: r.querySelector('[data-testid="partner-revoke"]') !== null,
  }));

describe("StaffPartners", () => {
  it("lists live and withdrawn partners; only live ones can be withdrawn", async () => {
    const { api } = fakeApi({ "GET /api/v1/admin/partners": json(200, { items: [demo, old] }) });
    const wrapper = render(StaffPartners, api);
    await flushPromises();
    expect(wrapper.get('[data-testid="partners-summary"]').text()).toBe("Подключено 1 сайт, отозвано: 1");
    expect(rows()).toEqual([
      { id: "prt_1", state: "live", text: "Работает", canRevoke: true },
      {
        id: "prt_0",
        state: "revoked",
        text: expect.stringMatching(/^Отозван \d/) as unknown,
        canRevoke: false,
      },
    ]);
    expect(wrapper.get('[data-testid="partner-row"] th').text()).toBe(demo.name);
    expect(wrapper.get('[data-testid="partner-revoke"]').attributes("aria-label")).toBe(
      `Отозвать доступ сайта «${demo.name}»`,
    );
  });

  it("checks the form, puts the API's field errors under their fields, and adds a partner", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/admin/partners": [json(200, { items: [demo] }), json(200, { items: [added, demo] })],
      "POST /api/v1/admin/partners": [
        apiError(400, "validation_failed", "Проверьте поля", {
          fields: { origin: "Укажите адрес сайта без пути, например https://portal.example.ru" },
        }),
        apiError(409, "conflict", "Этот сайт уже подключён"),
        json(201, added),
      ],
    });
    const wrapper = render(StaffPartners, api);
    await flushPromises();
    const form = wrapper.get('[data-testid="partner-form"]');

    await form.trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Укажите название сайта");
    expect(document.activeElement).toBe(inputByLabel("Название"));
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);

    fill(inputByLabel("Название"), "Портал района");
    fill(inputByLabel("Адрес сайта"), "https://portal.example.ru/zapis");
    await form.trigger("submit");
    await flushPromises();
    const origin = inputByLabel("Адрес сайта");
    expect(origin.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(`${origin.id}-error`)?.textContent).toContain("без пути");
    expect(document.activeElement).toBe(origin);

    fill(origin, "https://portal.example.ru");
    await form.trigger("submit");
    await flushPromises();
    expect(document.getElementById(`${origin.id}-error`)?.textContent).toContain("уже подключён");

    fill(origin, "https://portal.example.ru ");
    await form.trigger("submit");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { name: "Портал района", origin: "https://portal.example.ru/zapis" },
      { name: "Портал района", origin: "https://portal.example.ru" },
      { name: "Портал района", origin: "https://portal.example.ru" },
    ]);
    expect(wrapper.get('[data-testid="partners-announcement"]').text()).toBe(
      "Сайт «Портал района» (https://portal.example.ru) подключён",
    );
    expect(rows().map((r) => r.id)).toEqual(["prt_2", "prt_1"]);
    expect(inputByLabel("Название").value).toBe("");
  });

  it("asks before withdrawing, and withdraws on confirmation", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/admin/partners": [
        json(200, { items: [demo] }),
        json(200, { items: [{ ...demo, revokedAt: "2026-03-13T09:05:00Z" }] }),
      ],
      "POST /api/v1/admin/partners/prt_1/revoke": json(200, { ...demo, revokedAt: "2026-03-13T09:05:00Z" }),
    });
    const wrapper = render(StaffPartners, api);
    await flushPromises();

    await wrapper.get('[data-testid="partner-revoke"]').trigger("click");
    await flushPromises();
    expect(dialog().textContent).toContain(`Отозвать доступ сайта «${demo.name}»?`);
    expect(dialog().textContent).toContain("http://localhost:3001 сразу перестанут работать");
    // The safe choice has focus, so Enter does not withdraw by accident.
    expect(document.activeElement?.textContent?.trim()).toBe("Не отзывать");
    buttonByText("Не отзывать", dialog()).click();
    await flushPromises();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);

    await wrapper.get('[data-testid="partner-revoke"]').trigger("click");
    await flushPromises();
    buttonByText("Отозвать", dialog()).click();
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/api/v1/admin/partners/prt_1/revoke",
    ]);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(rows()).toEqual([
      { id: "prt_1", state: "revoked", text: expect.stringMatching(/^Отозван/) as unknown, canRevoke: false },
    ]);
    expect(wrapper.get('[data-testid="partners-announcement"]').text()).toBe(
      `Доступ сайта «${demo.name}» отозван`,
    );
  });

  it("shows «Ошибка: повторите попытку позже» with the request id when the list cannot be read", async () => {
    const { api } = fakeApi({ "GET /api/v1/admin/partners": apiError(500, "internal_error", "") });
    const wrapper = render(StaffPartners, api);
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_500");
  });
});

describe("the «Партнёры» tab", () => {
  it("is an administrator's tab", async () => {
    history.replaceState(null, "", "/staff?tab=partners");
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("admin") }),
      "GET /api/v1/admin/partners": json(200, { items: [demo] }),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.get('[role="tab"][aria-selected="true"]').text()).toBe("Партнёры");
    expect(wrapper.get('[role="tabpanel"]').attributes("data-tab")).toBe("partners");
    expect(rows()).toHaveLength(1);
  });

  it("is neither shown to clinic staff nor opened for them from the URL", async () => {
    history.replaceState(null, "", "/staff?tab=partners");
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("clinic_staff") }),
    });
    const wrapper = render(StaffApp, api);
    await flushPromises();
    expect(wrapper.text()).not.toContain("Партнёры");
    expect(wrapper.find('[data-testid="staff-tab-forbidden"]').exists()).toBe(true);
    expect(calls.some((c) => c.path.startsWith("/api/v1/admin/"))).toBe(false);
  });
});
