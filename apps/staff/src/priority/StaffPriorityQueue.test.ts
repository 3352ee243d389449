import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  buttonByText,
  dialog,
  fakeApi,
  fill,
  inputByLabel,
  json,
  priorityRequest,
  render,
  slot,
  unmountAll,
} from "../test-helpers.ts";
import StaffPriorityQueue from "./StaffPriorityQueue.vue";

afterEach(unmountAll);

/** The API's order: urgent first (even when newer), then the oldest. */
const queue = [
  priorityRequest({
    id: "prq_urgent",
    urgency: "urgent",
    patient: { name: "Сидорова Мария Ивановна", birthYear: 1950 },
    createdAt: "2026-03-13T07:00:00Z",
  }),
  priorityRequest({ id: "prq_old", createdAt: "2026-03-10T08:00:00Z" }),
  priorityRequest({
    id: "prq_new",
    patient: { name: "Кузнецов Олег Павлович", birthYear: 2001 },
    createdAt: "2026-03-12T08:00:00Z",
  }),
];

const candidates = [
  slot(),
  slot({ slotId: "slt_2", localTime: "11:00", startsAt: "2026-03-16T08:00:00Z" }),
  slot({
    slotId: "slt_3",
    localTime: "09:30",
    timeZone: "Asia/Yekaterinburg",
    startsAt: "2026-03-17T04:30:00Z",
    localDate: "2026-03-17",
    doctor: { id: "doc_9", name: "Смирнова Елена Олеговна", room: "5" },
    clinic: { id: "cln_9", shortName: "ГП № 9", address: "Екатеринбург, ул. Мира, 9" },
  }),
];

const approved = {
  ...queue[1],
  status: "approved",
  appointmentId: "apt_9",
  decidedAt: "2026-03-13T09:00:00Z",
};

function itemIds(): string[] {
  return Array.from(document.querySelectorAll('[data-testid="priority-request"]')).map(
    (el) => el.getAttribute("data-id") ?? "",
  );
}

async function openRequest(id: string) {
  document.getElementById(`priority-open-${id}`)?.click();
  await flushPromises();
}

describe("StaffPriorityQueue", () => {
  it("shows the queue in the API's order with everything an administrator weighs", async () => {
    const { api, calls } = fakeApi({ "GET /api/v1/staff/priority-requests": json(200, { items: queue }) });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    expect(calls[0]?.query).toEqual({ status: "pending" });
    expect(itemIds()).toEqual(["prq_urgent", "prq_old", "prq_new"]);
    expect(wrapper.get('[data-testid="priority-summary"]').text()).toBe("В очереди 3 запроса");
    const first = wrapper.get('[data-testid="priority-request"]');
    expect(first.get("h4").text()).toBe("Сидорова Мария Ивановна, 1950 г. р.");
    expect(first.text()).toContain("Срочно");
    const old = wrapper.get('[data-id="prq_old"]');
    expect(old.text()).toContain("№ 1234567890");
    expect(old.text()).toContain("Кардиолог");
    expect(old.text()).toContain("2 апреля 2026 включительно");
    expect(old.text()).toContain("Боли в груди");
    expect(old.text()).toContain("Обычная");
    expect(old.text()).toContain("(3 дня)");
    expect(old.get("time").attributes("datetime")).toBe("2026-03-10T08:00:00Z");
  });

  it("filters by status through the URL and asks the API for that status", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/priority-requests": (_body, query) =>
        json(200, {
          items:
            query.status === "declined"
              ? [
                  priorityRequest({
                    status: "declined",
                    decisionReason: "Нет показаний",
                    decidedAt: "2026-03-11T08:00:00Z",
                  }),
                ]
              : queue,
        }),
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    fill(inputByLabel("Показать запросы"), "declined");
    expect(wrapper.emitted("update:status")?.[0]).toEqual(["declined"]);
    await wrapper.setProps({ status: "declined" });
    await flushPromises();
    expect(calls.map((c) => c.query.status)).toEqual(["pending", "declined"]);
    expect(wrapper.text()).toContain("отклонён");
    expect(wrapper.text()).toContain("Нет показаний");
    expect(wrapper.find("#priority-open-prq_1").exists()).toBe(false);
  });

  it("opens a request, groups its slots by clinic and doctor, and books one after confirmation", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/priority-requests": [
        json(200, { items: queue }),
        json(200, { items: [queue[0], queue[2]] }),
      ],
      "GET /api/v1/staff/priority-requests/prq_old/slots": json(200, { items: candidates }),
      "POST /api/v1/staff/priority-requests/prq_old/approve": json(200, approved),
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    await openRequest("prq_old");
    const detail = wrapper.get('[data-testid="priority-detail"]');
    expect(document.activeElement?.id).toBe("priority-request-prq_old");
    const clinics = detail.findAll('[data-testid="slot-clinic"]');
    expect(clinics.map((c) => c.get("h5").text())).toEqual(["ГП № 2", "ГП № 9"]);
    expect(clinics[0]?.findAll('[data-testid="slot"]')).toHaveLength(2);
    expect(clinics[1]?.text()).toContain("17 марта 2026, 09:30 (Екатеринбург, UTC+5)");

    const book = detail.get('[data-slot-id="slt_2"]');
    expect(book.text()).toBe("Записать на это время");
    expect(book.attributes("aria-label")).toBe(
      "Записать на это время: 16 марта 2026, 11:00 (Москва, UTC+3), врач Петров П. П.",
    );
    await book.trigger("click");
    await flushPromises();
    expect(dialog().getAttribute("aria-modal")).toBe("true");
    expect(dialog().textContent).toContain("Иванова Анна Петровна, 1985 г. р.");
    buttonByText("Записать", dialog()).click();
    await flushPromises();
    expect(calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/api/v1/staff/priority-requests/prq_old/approve",
      body: { slotId: "slt_2" },
    });
    expect(wrapper.get('[data-testid="priority-outcome"]').text()).toBe(
      "Запрос одобрен: пациент Иванова А. П. — запись на 16 марта 2026, 11:00 (Москва, UTC+3).",
    );
    expect(wrapper.find('[data-testid="priority-detail"]').exists()).toBe(false);
    expect(itemIds()).toEqual(["prq_urgent", "prq_new"]);
  });

  it("keeps the request open after a 409 and shows the API's message and alternatives", async () => {
    const alternative = slot({ slotId: "slt_alt", localTime: "15:45", startsAt: "2026-03-16T12:45:00Z" });
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/priority-requests": json(200, { items: queue }),
      "GET /api/v1/staff/priority-requests/prq_old/slots": json(200, { items: candidates }),
      "POST /api/v1/staff/priority-requests/prq_old/approve": [
        apiError(409, "slot_taken", "Это время уже занято", { alternatives: [alternative] }),
        apiError(422, "booking_not_allowed", "Записать нельзя", {
          failures: [
            { code: "referral_expired", message: "Срок действия направления истёк", field: "referralId" },
          ],
        }),
      ],
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    await openRequest("prq_old");
    await wrapper.get('[data-slot-id="slt_1"]').trigger("click");
    buttonByText("Записать", dialog()).click();
    await flushPromises();
    const refusal = wrapper.get('[data-testid="approve-refusal"]');
    expect(refusal.attributes("role")).toBe("alert");
    expect(refusal.text()).toContain("Это время уже занято");
    expect(refusal.text()).toContain("Запрос остаётся в очереди");
    expect(wrapper.find('[data-testid="priority-detail"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="priority-outcome"]').text()).toBe("");
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    // The alternatives are offered to book at once, and the candidate list was read again.
    expect(wrapper.find('[data-slot-id="slt_alt"]').exists()).toBe(true);
    expect(calls.filter((c) => c.path.endsWith("/slots"))).toHaveLength(2);

    await wrapper.get('[data-slot-id="slt_alt"]').trigger("click");
    buttonByText("Записать", dialog()).click();
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { slotId: "slt_1" },
      { slotId: "slt_alt" },
    ]);
    expect(wrapper.get('[data-testid="approve-refusal"]').text()).toContain(
      "Срок действия направления истёк",
    );
    expect(wrapper.find('[data-testid="priority-detail"]').exists()).toBe(true);
  });

  it("shows «Ошибка: повторите попытку позже» with the request id when approval fails on the server", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/priority-requests": json(200, { items: queue }),
      "GET /api/v1/staff/priority-requests/prq_old/slots": json(200, { items: candidates }),
      "POST /api/v1/staff/priority-requests/prq_old/approve": apiError(500, "internal_error", "Ошибка"),
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    await openRequest("prq_old");
    await wrapper.get('[data-slot-id="slt_1"]').trigger("click");
    buttonByText("Записать", dialog()).click();
    await flushPromises();
    const detail = wrapper.get('[data-testid="priority-detail"]');
    expect(detail.text()).toContain("Ошибка: повторите попытку позже");
    expect(detail.text()).toContain("Код запроса: req_500");
  });

  it("declines only with a reason of at least 5 characters, shown under the field", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/priority-requests": json(200, { items: queue }),
      "GET /api/v1/staff/priority-requests/prq_old/slots": json(200, { items: [] }),
      "POST /api/v1/staff/priority-requests/prq_old/decline": json(200, {
        ...queue[1],
        status: "declined",
        decisionReason: "Нет медицинских показаний",
      }),
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    await openRequest("prq_old");
    expect(wrapper.text()).toContain("До последнего дня направления свободного времени нет");
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Отклонить")
      ?.trigger("click");
    await flushPromises();
    expect(dialog().querySelector("h2")?.textContent?.trim()).toBe("Отклонить запрос");
    const field = inputByLabel("Причина отказа");
    expect(document.activeElement).toBe(field);

    buttonByText("Отклонить запрос", dialog()).click();
    await flushPromises();
    expect(dialog().textContent).toContain("Укажите причину отказа");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toContain(`${field.id}-error`);

    fill(field, " нет ");
    buttonByText("Отклонить запрос", dialog()).click();
    await flushPromises();
    expect(document.getElementById(`${field.id}-error`)?.textContent).toContain("не менее 5 символов");
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);

    fill(field, "  Нет медицинских показаний ");
    buttonByText("Отклонить запрос", dialog()).click();
    await flushPromises();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ reason: "Нет медицинских показаний" });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(wrapper.get('[data-testid="priority-outcome"]').text()).toContain("Запрос отклонён");
  });

  it("puts the API's field message under the reason when it refuses the decline", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/priority-requests": json(200, { items: queue }),
      "GET /api/v1/staff/priority-requests/prq_old/slots": json(200, { items: [] }),
      "POST /api/v1/staff/priority-requests/prq_old/decline": apiError(
        400,
        "validation_failed",
        "Проверьте",
        {
          fields: { reason: "Причина слишком длинная" },
        },
      ),
    });
    const wrapper = render(StaffPriorityQueue, api, { props: { status: "pending" } });
    await flushPromises();
    await openRequest("prq_old");
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Отклонить")
      ?.trigger("click");
    await flushPromises();
    fill(inputByLabel("Причина отказа"), "Нет медицинских показаний");
    buttonByText("Отклонить запрос", dialog()).click();
    await flushPromises();
    expect(dialog().textContent).toContain("Причина слишком длинная");
    expect(wrapper.find('[data-testid="priority-detail"]').exists()).toBe(true);
  });
});
