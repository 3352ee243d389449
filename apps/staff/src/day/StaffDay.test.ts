import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  appointment,
  buttonByText,
  dialog,
  fakeApi,
  fill,
  inputByLabel,
  json,
  render,
  slot,
  staffAppointment,
  unmountAll,
} from "../test-helpers.ts";
import StaffDay from "./StaffDay.vue";

afterEach(unmountAll);

const clinic = { id: "cln_1", shortName: "ГП № 2", timeZone: "Europe/Moscow" };
const visits = [
  staffAppointment({
    id: "apt_late",
    ticketNumber: "Т-0001003",
    localTime: "11:30",
    startsAt: "2026-03-13T08:30:00Z",
  }),
  staffAppointment({ id: "apt_1" }),
  staffAppointment({
    id: "apt_done",
    ticketNumber: "Т-0001002",
    status: "done",
    localTime: "10:00",
    startsAt: "2026-03-13T07:00:00Z",
    patientName: "Сидорова Мария Ивановна",
  }),
];
const dayAnswer = { clinic, date: "2026-03-13", items: visits };

function rowIds(): string[] {
  return Array.from(document.querySelectorAll('[data-testid="day-row"]')).map(
    (r) => r.getAttribute("data-id") ?? "",
  );
}

function action(id: string, name: "done" | "missed" | "cancel"): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>(`[data-id="${id}"] [data-action="${name}"]`);
  if (!button) throw new Error(`no ${name} button in ${id}`);
  return button;
}

describe("StaffDay", () => {
  it("lists clinic staff's visits of today by time, with buttons only on booked ones", async () => {
    const { api, calls } = fakeApi({ "GET /api/v1/staff/appointments": json(200, dayAnswer) });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    expect(calls.map((c) => [c.path, c.query])).toEqual([
      ["/api/v1/staff/appointments", { date: "2026-03-13" }],
    ]);
    expect((inputByLabel("Дата") as HTMLInputElement).value).toBe("2026-03-13");
    expect(wrapper.find("#day-clinic").exists()).toBe(false);
    expect(rowIds()).toEqual(["apt_1", "apt_done", "apt_late"]);
    expect(wrapper.get("caption").text()).toBe(
      "Приёмы на 13 марта 2026 — ГП № 2, время местное (Москва, UTC+3)",
    );
    const first = wrapper.get('[data-id="apt_1"]');
    expect(first.get("th").attributes("scope")).toBe("row");
    expect(first.text()).toContain("Т-0001001");
    expect(first.text()).toContain("Иванов Иван Иванович");
    expect(first.text()).toContain("Петров Пётр Петрович");
    expect(first.text()).toContain("214");
    expect(first.text()).toContain("1234567890");
    expect(first.text()).toContain("Записан");
    expect(first.findAll("[data-action]").map((b) => b.text())).toEqual([
      "Приём состоялся",
      "Неявка",
      "Отменить",
    ]);
    expect(first.get('[data-action="missed"]').attributes("aria-label")).toBe(
      "Неявка: талон Т-0001001, Иванов Иван Иванович",
    );
    expect(wrapper.get('[data-id="apt_done"]').findAll("[data-action]")).toHaveLength(0);
    expect(wrapper.get('[data-id="apt_done"]').text()).toContain("Приём состоялся");
    expect(wrapper.text()).toContain("2 записи ждут приёма");
  });

  it("marks a visit done or missed, updates its status and announces it", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
      "POST /api/v1/staff/appointments/apt_1/done": json(200, appointment("apt_1", "done")),
      "POST /api/v1/staff/appointments/apt_late/missed": json(200, appointment("apt_late", "missed")),
    });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    action("apt_1", "done").click();
    await flushPromises();
    expect(calls.at(-1)).toMatchObject({ method: "POST", path: "/api/v1/staff/appointments/apt_1/done" });
    expect(wrapper.get('[data-id="apt_1"]').attributes("data-status")).toBe("done");
    expect(wrapper.get('[data-id="apt_1"]').findAll("[data-action]")).toHaveLength(0);
    expect(wrapper.get('[data-testid="day-outcome"]').attributes("role")).toBe("status");
    expect(wrapper.get('[data-testid="day-outcome"]').text()).toBe(
      "Талон Т-0001001: приём отмечен как состоявшийся.",
    );
    expect(document.activeElement?.id).toBe("day-status-apt_1");

    action("apt_late", "missed").click();
    await flushPromises();
    expect(wrapper.get('[data-id="apt_late"]').text()).toContain("Неявка");
    expect(wrapper.get('[data-testid="day-outcome"]').text()).toBe("Талон Т-0001003: отмечена неявка.");
  });

  it("shows the API's refusal of a mark and keeps the buttons", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
      "POST /api/v1/staff/appointments/apt_1/done": apiError(409, "conflict", "Приём ещё не начался"),
    });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    action("apt_1", "done").click();
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain("Приём ещё не начался");
    expect(wrapper.get('[data-id="apt_1"]').findAll("[data-action]")).toHaveLength(3);
  });

  it("cancels only with a reason, in a modal dialog, and tells how many alternatives the patient got", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
      "POST /api/v1/staff/appointments/apt_1/cancel": json(200, {
        appointment: appointment("apt_1", "cancelled"),
        alternatives: [slot(), slot({ slotId: "slt_2" }), slot({ slotId: "slt_3" })],
      }),
    });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    action("apt_1", "cancel").click();
    await flushPromises();
    expect(dialog().getAttribute("aria-modal")).toBe("true");
    expect(dialog().querySelector("h2")?.textContent?.trim()).toBe("Отменить запись Т-0001001");
    const reason = inputByLabel("Причина отмены");
    expect(document.activeElement).toBe(reason);

    buttonByText("Отменить запись", dialog()).click();
    await flushPromises();
    expect(dialog().textContent).toContain("Укажите причину отмены");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);

    fill(reason, "Врач заболел, приём переносится");
    buttonByText("Отменить запись", dialog()).click();
    await flushPromises();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      reason: "Врач заболел, приём переносится",
    });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(wrapper.get('[data-id="apt_1"]').text()).toContain("Отменена");
    expect(wrapper.get('[data-testid="day-outcome"]').text()).toBe(
      "Запись Т-0001001 отменена. Пациенту предложены варианты другого времени: 3.",
    );
  });

  it("«Не отменять» closes the dialog without a request", async () => {
    const { api, calls } = fakeApi({ "GET /api/v1/staff/appointments": json(200, dayAnswer) });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    action("apt_1", "cancel").click();
    await flushPromises();
    buttonByText("Не отменять", dialog()).click();
    await flushPromises();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(calls).toHaveLength(1);
    expect(wrapper.get('[data-id="apt_1"]').attributes("data-status")).toBe("booked");
  });

  it("has an administrator choose the clinic first, then reads that clinic's day", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/clinics": json(200, {
        items: [
          {
            id: "cln_1",
            shortName: "ГП № 2",
            fullName: "Городская поликлиника № 2",
            ogrn: "1027700000001",
            address: "Москва, ул. Ленина, 1",
            region: "Москва",
            timeZone: "Europe/Moscow",
            registryPhone: "+7 495 000-00-00",
            placeType: "polyclinic",
            latitude: 55.75,
            longitude: 37.61,
          },
        ],
      }),
      "GET /api/v1/staff/appointments": json(200, dayAnswer),
    });
    const wrapper = render(StaffDay, api, { props: { role: "admin" } });
    await flushPromises();
    expect(wrapper.text()).toContain("Выберите медицинскую организацию");
    expect(calls.some((c) => c.path === "/api/v1/staff/appointments")).toBe(false);
    fill(inputByLabel("Медицинская организация"), "cln_1");
    expect(wrapper.emitted("update")?.[0]).toEqual([{ clinic: "cln_1" }]);

    await wrapper.setProps({ clinicId: "cln_1", date: "2026-03-16" });
    await flushPromises();
    expect(calls.find((c) => c.path === "/api/v1/staff/appointments")?.query).toEqual({
      date: "2026-03-16",
      clinicId: "cln_1",
    });
    expect(rowIds()).toHaveLength(3);
  });

  it("moves to another day through the URL", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/appointments": json(200, { clinic, date: "2026-03-13", items: [] }),
    });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    expect(wrapper.get('[data-testid="day-empty"]').text()).toBe("ГП № 2: на 13 марта 2026 записей нет.");
    fill(inputByLabel("Дата"), "2026-03-20");
    buttonByText("Следующий день").click();
    expect(wrapper.emitted("update")).toEqual([[{ date: "2026-03-20" }], [{ date: "2026-03-14" }]]);
  });

  it("shows the staff refusal on 403 and «Ошибка…» with the request id on a fault", async () => {
    const { api } = fakeApi({
      "GET /api/v1/staff/appointments": [
        apiError(403, "forbidden", "Нет прав"),
        apiError(500, "internal_error", "Ошибка"),
      ],
    });
    const wrapper = render(StaffDay, api, { props: { role: "clinic_staff" } });
    await flushPromises();
    expect(wrapper.find('[data-testid="staff-forbidden"]').exists()).toBe(true);
    await wrapper.setProps({ date: "2026-03-14" });
    await flushPromises();
    expect(wrapper.text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("Код запроса: req_500");
  });
});
