import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  appointment,
  apiError,
  fakeApi,
  json,
  render,
  unmountAll,
  type RecordedCall,
} from "../test-helpers.ts";
import AppointmentList from "./AppointmentList.vue";

const NOW = new Date("2026-11-20T00:00:00.000Z");
const CANCEL = "POST /api/v1/appointments/apt_1/cancel";
const cancelled = () =>
  appointment({
    status: "cancelled",
    cancelledBy: "patient",
    cancelReason: "Уезжаю в командировку",
    changeableUntil: null,
  });

async function openDialog(cancelAnswers: Parameters<typeof fakeApi>[0][string]) {
  const fake = fakeApi({
    "GET /api/v1/appointments?scope=upcoming": json(200, { items: [appointment()] }),
    [CANCEL]: cancelAnswers,
  });
  const wrapper = render(AppointmentList, fake.api, { props: { scope: "upcoming" } });
  await flushPromises();
  const opener = wrapper.get('[data-testid="cancel"]');
  (opener.element as HTMLElement).focus();
  await opener.trigger("click");
  await flushPromises();
  return { wrapper, calls: fake.calls, opener };
}

const posts = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === "POST" && c.path === "/api/v1/appointments/apt_1/cancel");

describe("AppointmentCancelDialog", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it("is a real modal dialog: labelled, focus moved in, Escape closes and focus returns to «Отменить»", async () => {
    const { wrapper, opener } = await openDialog(json(200, cancelled()));
    const dialog = wrapper.get("[role=dialog]");
    expect(dialog.attributes("aria-modal")).toBe("true");
    expect(wrapper.get(`#${dialog.attributes("aria-labelledby") ?? ""}`).text()).toBe("Отменить запись?");
    expect(dialog.text()).toContain("Кардиолог, Петрова Анна Сергеевна");
    const reason = wrapper.get("#appointment-cancel-reason");
    expect(document.activeElement).toBe(reason.element);
    expect(wrapper.get("label[for=appointment-cancel-reason]").text()).toContain("Причина отмены");

    await dialog.trigger("keydown", { key: "Escape" });
    await flushPromises();
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(document.activeElement).toBe(opener.element);
  });

  it("«Не отменять» closes without a request", async () => {
    const { wrapper, calls, opener } = await openDialog(json(200, cancelled()));
    await wrapper.get('[data-testid="cancel-keep"]').trigger("click");
    await flushPromises();
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(posts(calls)).toHaveLength(0);
    expect(document.activeElement).toBe(opener.element);
  });

  it("asks for a reason of at least 3 characters, under the field, before sending anything", async () => {
    const { wrapper, calls } = await openDialog(json(200, cancelled()));
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const reason = wrapper.get("#appointment-cancel-reason");
    expect(reason.attributes("aria-invalid")).toBe("true");
    expect(wrapper.get("#appointment-cancel-reason-error").text()).toBe("Укажите причину отмены");
    await reason.setValue("  аб ");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#appointment-cancel-reason-error").text()).toBe("Причина — не короче 3 символов");
    expect(reason.attributes("aria-describedby")).toContain("appointment-cancel-reason-error");
    expect(document.activeElement).toBe(reason.element);
    expect(posts(calls)).toHaveLength(0);
  });

  it("sends one Idempotency-Key per opening and the same key again on retry, keeping the reason", async () => {
    const { wrapper, calls } = await openDialog([
      new TypeError("Failed to fetch"),
      apiError(503, "internal_error", "x"),
      json(200, cancelled()),
    ]);
    await wrapper.get("#appointment-cancel-reason").setValue("Уезжаю в командировку");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const dialog = wrapper.get("[role=dialog]");
    expect(dialog.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.get<HTMLInputElement>("#appointment-cancel-reason").element.value).toBe(
      "Уезжаю в командировку",
    );

    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("[role=dialog]").text()).toContain("Код запроса: req_503");
    expect(wrapper.get<HTMLInputElement>("#appointment-cancel-reason").element.value).toBe(
      "Уезжаю в командировку",
    );

    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const sent = posts(calls);
    expect(sent).toHaveLength(3);
    const key = sent[0]?.headers["Idempotency-Key"];
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(sent.map((c) => c.headers["Idempotency-Key"])).toEqual([key, key, key]);
    expect(sent[0]?.body).toEqual({ reason: "Уезжаю в командировку" });
  });

  it("on success shows «Отменена» on the card and says the referral can be booked again, focus on the message", async () => {
    const navigate = vi.fn();
    const fake = fakeApi({
      "GET /api/v1/appointments?scope=upcoming": json(200, { items: [appointment()] }),
      [CANCEL]: json(200, cancelled()),
    });
    const wrapper = render(AppointmentList, fake.api, { props: { scope: "upcoming" }, remote: { navigate } });
    await flushPromises();
    await wrapper.get('[data-testid="cancel"]').trigger("click");
    await flushPromises();
    await wrapper.get("#appointment-cancel-reason").setValue("Уезжаю в командировку");
    await wrapper.get("form").trigger("submit");
    await flushPromises();

    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    const card = wrapper.get('[data-testid="appointment-card"]');
    expect(card.attributes("data-status")).toBe("cancelled");
    expect(card.get('[data-testid="status"]').text()).toContain("Отменена");
    expect(card.get('[data-testid="appointment-cancel-reason"]').text()).toBe("Уезжаю в командировку");
    expect(card.find('[data-testid="cancel"]').exists()).toBe(false);
    const live = wrapper.get('[data-testid="live-message"]');
    expect(live.attributes("role")).toBe("status");
    expect(live.attributes("aria-live")).toBe("polite");
    expect(live.text()).toContain("Запись отменена. Направление № 100200300 снова можно использовать");
    expect(document.activeElement).toBe(live.element);
    await live.get("a").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/calendar?referral=ref_1");
  });

  it("shows the API's message when the change window has closed, and the card stops offering the change", async () => {
    const { wrapper } = await openDialog(
      apiError(
        422,
        "change_window_closed",
        "Перенести или отменить запись можно не позднее чем за 24 часа до приёма",
      ),
    );
    await wrapper.get("#appointment-cancel-reason").setValue("Заболел");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="cancel-window-closed"]').text()).toBe(
      "Перенести или отменить запись можно не позднее чем за 24 часа до приёма",
    );
    expect(wrapper.get('[data-testid="cancel-confirm"]').attributes("disabled")).toBeDefined();
    expect(wrapper.get<HTMLInputElement>("#appointment-cancel-reason").element.value).toBe("Заболел");

    await wrapper.get('[data-testid="cancel-keep"]').trigger("click");
    await flushPromises();
    // The device's clock said there was time; the server's answer wins.
    expect(wrapper.get('[data-testid="cancel"]').attributes("disabled")).toBeDefined();
    expect(wrapper.get('[data-testid="reschedule"]').attributes("disabled")).toBeDefined();
    expect(document.activeElement).toBe(wrapper.get('[data-testid="change-locked"]').element);
  });

  it("gives the next opening of the dialog a new key", async () => {
    const { wrapper, calls } = await openDialog(new TypeError("Failed to fetch"));
    await wrapper.get("#appointment-cancel-reason").setValue("Заболел");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await wrapper.get('[data-testid="cancel-keep"]').trigger("click");
    await flushPromises();
    await wrapper.get('[data-testid="cancel"]').trigger("click");
    await flushPromises();
    // A new opening starts empty.
    expect(wrapper.get<HTMLInputElement>("#appointment-cancel-reason").element.value).toBe("");
    await wrapper.get("#appointment-cancel-reason").setValue("Заболел");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const keys = posts(calls).map((c) => c.headers["Idempotency-Key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("puts the server's field message under the reason", async () => {
    const { wrapper } = await openDialog(
      apiError(400, "validation_failed", "Проверьте поля", { fields: { reason: "Причина слишком длинная" } }),
    );
    await wrapper.get("#appointment-cancel-reason").setValue("Причина");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#appointment-cancel-reason-error").text()).toBe("Причина слишком длинная");
  });
});
