import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, json, render, unmountAll } from "../test-helpers.ts";
import StaffFailedMessages from "./StaffFailedMessages.vue";

afterEach(unmountAll);

const messages = [
  {
    id: "msg_1",
    channel: "sms",
    kind: "appointment.cancelled",
    recipientMasked: "+7 912 ***-**-89",
    attempts: 8,
    lastError: "gateway answered 502",
    createdAt: "2026-03-12T07:15:00Z",
  },
  {
    id: "msg_2",
    channel: "email",
    kind: "referral.expiring",
    recipientMasked: "i***@example.ru",
    attempts: 8,
    lastError: null,
    createdAt: "2026-03-11T07:15:00Z",
  },
];

describe("StaffFailedMessages", () => {
  it("lists failed messages with channel, kind, masked recipient, attempts and last error", async () => {
    const { api } = fakeApi({ "GET /api/v1/staff/notifications/failed": json(200, { items: messages }) });
    const wrapper = render(StaffFailedMessages, api);
    await flushPromises();
    expect(wrapper.get('[data-testid="failed-summary"]').text()).toBe("Не доставлено 2 уведомления");
    expect(wrapper.get("caption").text()).toContain("не удалось доставить");
    const cells = wrapper
      .findAll('[data-testid="failed-row"]')
      .map((r) => r.findAll("td, th").map((c) => c.text()));
    expect(cells[0]?.slice(1)).toEqual([
      "SMS",
      "appointment.cancelled",
      "+7 912 ***-**-89",
      "8",
      "gateway answered 502",
    ]);
    expect(cells[1]?.slice(1)).toEqual([
      "Электронная почта",
      "referral.expiring",
      "i***@example.ru",
      "8",
      "—",
    ]);
    expect(wrapper.findAll('[data-testid="failed-row"] time')[0]?.attributes("datetime")).toBe(
      "2026-03-12T07:15:00Z",
    );
  });

  it("says so when nothing failed, and re-reads on «Обновить»", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/notifications/failed": [json(200, { items: [] }), json(200, { items: messages })],
    });
    const wrapper = render(StaffFailedMessages, api);
    await flushPromises();
    expect(wrapper.get('[data-testid="failed-summary"]').text()).toBe("Недоставленных уведомлений нет");
    expect(wrapper.find("table").exists()).toBe(false);
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Обновить")
      ?.trigger("click");
    await flushPromises();
    expect(calls).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="failed-row"]')).toHaveLength(2);
  });

  it("shows the staff refusal on 403", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/notifications/failed": apiError(403, "forbidden", "Нет прав"),
    });
    const wrapper = render(StaffFailedMessages, api);
    await flushPromises();
    expect(wrapper.find('[data-testid="staff-forbidden"]').exists()).toBe(true);
  });
});
