import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, historyEntry, json, render, text, unmountAll } from "../test-helpers.ts";
import { instantText } from "../appointment-format.ts";
import HistoryList from "./HistoryList.vue";

describe("HistoryList", () => {
  afterEach(unmountAll);

  it("shows the journal newest first and loads older pages with «Показать ещё»", async () => {
    const fake = fakeApi({
      "GET /api/v1/history": json(200, { items: [historyEntry(25), historyEntry(24)], nextBefore: "jr_24" }),
      "GET /api/v1/history?before=jr_24": json(200, {
        items: [
          historyEntry(23, {
            actor: "clinic",
            title: "Запись отменена",
            result: "failure",
            detail: "Врач на больничном",
            ticketNumber: null,
          }),
        ],
        nextBefore: null,
      }),
    });
    const wrapper = render(HistoryList, fake.api);
    await flushPromises();
    expect(fake.calls.map((c) => c.url)).toEqual(["/api/v1/history"]);
    let entries = wrapper.findAll('[data-testid="history-entry"]');
    expect(entries.map((e) => e.attributes("data-entry-id"))).toEqual(["jr_25", "jr_24"]);
    expect(text(entries[0] ?? wrapper)).toContain("Запись к врачу 25");
    // On the patient's own clock («25 ноября 2026, 15:00» in Moscow).
    expect(text(entries[0] ?? wrapper)).toContain(instantText("2026-11-25T12:00:00.000Z"));
    expect(entries[0]?.get("time").attributes("datetime")).toBe("2026-11-25T12:00:00.000Z");
    expect(text(entries[0] ?? wrapper)).toContain("Вы · талон № Т-00010025 · направление № 100200300");
    expect(text(entries[0]?.get('[data-testid="status"]') ?? wrapper)).toBe("✓ Выполнено");

    await wrapper.get('[data-testid="history-more"]').trigger("click");
    await flushPromises();
    expect(fake.calls.map((c) => c.url)).toEqual(["/api/v1/history", "/api/v1/history?before=jr_24"]);
    entries = wrapper.findAll('[data-testid="history-entry"]');
    expect(entries.map((e) => e.attributes("data-entry-id"))).toEqual(["jr_25", "jr_24", "jr_23"]);
    const added = entries[2];
    expect(text(added?.get('[data-testid="status"]') ?? wrapper)).toBe("✕ Не выполнено");
    expect(added?.text()).toContain("Поликлиника");
    expect(added?.text()).toContain("Врач на больничном");
    // Focus moves to the first entry the page added; nothing older is left.
    expect(document.activeElement).toBe(added?.element);
    expect(wrapper.find('[data-testid="history-more"]').exists()).toBe(false);
  });

  it("keeps what is shown when a further page fails, and retries the same page", async () => {
    const fake = fakeApi({
      "GET /api/v1/history": json(200, { items: [historyEntry(25)], nextBefore: "jr_25" }),
      "GET /api/v1/history?before=jr_25": [
        apiError(503, "internal_error", "x"),
        json(200, { items: [historyEntry(24)], nextBefore: null }),
      ],
    });
    const wrapper = render(HistoryList, fake.api);
    await flushPromises();
    await wrapper.get('[data-testid="history-more"]').trigger("click");
    await flushPromises();
    expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(1);
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_503");
    const retry = wrapper.get('[data-testid="history-more"]');
    expect(retry.text()).toBe("Повторить");
    await retry.trigger("click");
    await flushPromises();
    expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(2);
    expect(fake.calls.filter((c) => c.url === "/api/v1/history?before=jr_25")).toHaveLength(2);
  });

  it("says when the history is empty", async () => {
    const fake = fakeApi({ "GET /api/v1/history": json(200, { items: [], nextBefore: null }) });
    const wrapper = render(HistoryList, fake.api);
    await flushPromises();
    expect(wrapper.get('[data-testid="history-empty"]').text()).toBe("В истории пока ничего нет.");
    expect(wrapper.find('[data-testid="history-more"]').exists()).toBe(false);
  });
});
