import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi, json, render, unmountAll } from "../test-helpers.ts";
import AuthDevMailbox from "./AuthDevMailbox.vue";

afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

const message = (id: string, body: string, createdAt: string) => ({
  id,
  channel: "sms",
  recipient: "+79123456789",
  subject: null,
  body,
  createdAt,
});

describe("development mailbox", () => {
  it("lists the messages in the API's order (codes first), with their codes, and refreshes", async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi({
      "GET /api/dev/outbox": [
        json(200, {
          items: [
            message("m1", "Приём: код для входа 123456. Действует 5 минут.", "2026-01-01T10:00:00Z"),
            message("m2", "Приём: завтра в 10:00 приём у врача", "2026-01-01T10:01:00Z"),
          ],
        }),
        json(200, { items: [message("m3", "Код подтверждения 654321", "2026-01-01T10:02:00Z")] }),
      ],
    });
    const wrapper = render(AuthDevMailbox, api);
    await flushPromises();
    expect(wrapper.get("h3").text()).toBe("Почтовый ящик разработчика");
    expect(wrapper.text()).toContain("Только для разработки");
    const items = wrapper.findAll('[data-testid="dev-message"]');
    expect(items.map((i) => i.attributes("data-recipient"))).toEqual(["+79123456789", "+79123456789"]);
    // The code stays on top although a newer message came after it.
    expect(items[0]?.get('[data-testid="dev-code"]').text()).toBe("123456");
    expect(items[1]?.find('[data-testid="dev-code"]').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    expect(wrapper.get('[data-testid="dev-code"]').text()).toBe("654321");
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(10000);
    expect(calls).toHaveLength(2);
  });

  it("hides itself and stops asking when the route answers 404 (production)", async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi({ "GET /api/dev/outbox": new Response("Not Found", { status: 404 }) });
    const wrapper = render(AuthDevMailbox, api);
    await flushPromises();
    expect(wrapper.find('[data-testid="dev-mailbox"]').exists()).toBe(false);
    expect(wrapper.text()).toBe("");
    await vi.advanceTimersByTimeAsync(10000);
    expect(calls).toHaveLength(1);
  });
});
