import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  buttonByText,
  fakeApi,
  fill,
  inputByLabel,
  json,
  render,
  unmountAll,
} from "../test-helpers.ts";
import StaffJournal from "./StaffJournal.vue";

afterEach(unmountAll);

function entry(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    at: "2026-03-13T07:15:00Z",
    action: "appointment.cancel",
    result: "success",
    actorUserId: "usr_staff",
    subjectUserId: "usr_patient",
    details: { appointmentId: "apt_1", alternatives: 3 },
    requestId: `req_${id}`,
    ...overrides,
  };
}

describe("StaffJournal", () => {
  it("lists entries in a captioned table with ids and key=value details only", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/journal": json(200, {
        items: [entry("jr_1"), entry("jr_2", { result: "failure", actorUserId: null, details: {} })],
        nextBefore: null,
      }),
    });
    const wrapper = render(StaffJournal, api);
    await flushPromises();
    expect(calls[0]?.query).toEqual({});
    const table = wrapper.get('[data-testid="journal-table"]');
    expect(table.get("caption").text()).toBe("Записи журнала, новые сверху");
    expect(table.findAll("thead th").map((th) => [th.text(), th.attributes("scope")])).toEqual([
      ["Время", "col"],
      ["Действие", "col"],
      ["Результат", "col"],
      ["Кто (id)", "col"],
      ["Над кем (id)", "col"],
      ["Подробности", "col"],
      ["Код запроса", "col"],
    ]);
    const region = wrapper.get('[role="region"]');
    expect(region.attributes("aria-labelledby")).toBe("journal-caption");
    expect(region.attributes("tabindex")).toBe("0");
    const rows = wrapper.findAll('[data-testid="journal-row"]');
    expect(rows[0]?.findAll("code").map((c) => c.text())).toEqual(["appointmentId=apt_1", "alternatives=3"]);
    expect(rows[0]?.text()).toContain("usr_patient");
    expect(rows[0]?.text()).toContain("req_jr_1");
    expect(rows[1]?.text()).toContain("Ошибка");
    expect(wrapper.get('[data-testid="journal-status"]').text()).toBe("Показано 2 записи");
    expect(wrapper.text()).not.toContain("Показать ещё");
  });

  it("sends the filters as the client's arguments and pages on with the same filters", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/journal": (_body, query) =>
        json(
          200,
          query.before === undefined
            ? { items: [entry("jr_1"), entry("jr_2")], nextBefore: "jr_2" }
            : { items: [entry("jr_3")], nextBefore: null },
        ),
    });
    const wrapper = render(StaffJournal, api);
    await flushPromises();
    fill(inputByLabel("Действие"), "  appointment.cancel ");
    fill(inputByLabel("Результат"), "failure");
    fill(inputByLabel("С даты"), "2026-03-01");
    fill(inputByLabel("По дату"), "2026-03-13");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls[1]?.query).toEqual({
      action: "appointment.cancel",
      result: "failure",
      from: "2026-03-01",
      to: "2026-03-13",
    });
    expect(wrapper.findAll('[data-testid="journal-row"]')).toHaveLength(2);

    // Half-typed filters do not leak into the next page.
    fill(inputByLabel("Действие"), "account.locked");
    buttonByText("Показать ещё").click();
    await flushPromises();
    expect(calls[2]?.query).toEqual({
      action: "appointment.cancel",
      result: "failure",
      from: "2026-03-01",
      to: "2026-03-13",
      before: "jr_2",
    });
    const rows = wrapper.findAll('[data-testid="journal-row"]');
    expect(rows.map((r) => r.find("td.journal__id:last-child").text())).toEqual([
      "req_jr_1",
      "req_jr_2",
      "req_jr_3",
    ]);
    expect(document.activeElement).toBe(rows[2]?.element);
    expect(wrapper.get('[data-testid="journal-status"]').text()).toBe("Загружено ещё 1 запись");
    expect(wrapper.text()).not.toContain("Показать ещё");

    buttonByText("Сбросить").click();
    await flushPromises();
    expect(calls[3]?.query).toEqual({});
  });

  it("refuses a period that ends before it starts, without asking the API", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/journal": json(200, { items: [], nextBefore: null }),
    });
    const wrapper = render(StaffJournal, api);
    await flushPromises();
    expect(wrapper.text()).toContain("По этим условиям записей в журнале нет.");
    fill(inputByLabel("С даты"), "2026-03-13");
    fill(inputByLabel("По дату"), "2026-03-01");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Дата «по» не может быть раньше даты «с»");
    expect(inputByLabel("По дату").getAttribute("aria-invalid")).toBe("true");
    expect(calls).toHaveLength(1);
  });

  it("shows «Ошибка: повторите попытку позже» with the request id, and retries", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/journal": [
        apiError(503, "service_unavailable", "Недоступно"),
        json(200, { items: [entry("jr_1")], nextBefore: null }),
      ],
    });
    const wrapper = render(StaffJournal, api);
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("Код запроса: req_503");
    buttonByText("Повторить").click();
    await flushPromises();
    expect(calls).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="journal-row"]')).toHaveLength(1);
  });
});
