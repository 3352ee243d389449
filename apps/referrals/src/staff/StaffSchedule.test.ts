import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, buttonByText, fakeApi, json, render, specialties, unmountAll } from "../test-helpers.ts";
import StaffArea from "./StaffArea.vue";
import StaffSchedule from "./StaffSchedule.vue";

afterEach(unmountAll);

const doctors = {
  items: [
    {
      id: "doc_1",
      externalId: "card-1",
      name: "Кузнецов Андрей Сергеевич",
      specialty: "cardiologist",
      room: "214",
    },
    { id: "doc_2", externalId: "ther-1", name: "Орлова Мария Павловна", specialty: "therapist", room: "101" },
  ],
};
const schedule = {
  timeZone: "Europe/Kaliningrad",
  rules: [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    from: "09:00",
    to: "15:00",
    breaks: [],
    visitMinutes: 30,
  })),
  exceptions: [],
};
const PUT = "PUT /api/v1/staff/doctors/card-1/schedule";

async function mountSchedule(routes: Parameters<typeof fakeApi>[0] = {}) {
  const { api, calls } = fakeApi({
    "GET /api/v1/specialties": json(200, specialties),
    "GET /api/v1/staff/doctors": json(200, doctors),
    "GET /api/v1/staff/doctors/card-1/schedule": json(200, schedule),
    ...routes,
  });
  const wrapper = render(StaffSchedule, api);
  await flushPromises();
  await wrapper.get("#staff-schedule-doctor").setValue("card-1");
  await flushPromises();
  return { wrapper, calls };
}

const save = async (wrapper: Awaited<ReturnType<typeof mountSchedule>>["wrapper"]) => {
  await buttonByText(wrapper, "Сохранить").trigger("submit");
  await flushPromises();
};

describe("StaffSchedule", () => {
  it("lists the clinic's doctors, reads one's schedule and says which zone its times are in", async () => {
    const { wrapper } = await mountSchedule();
    const options = wrapper.findAll("#staff-schedule-doctor option").map((o) => o.text());
    expect(options).toEqual([
      "Выберите врача",
      "Кузнецов Андрей Сергеевич — Кардиолог, каб. 214",
      "Орлова Мария Павловна — Терапевт, каб. 101",
    ]);
    expect(wrapper.get('[data-testid="schedule-zone"]').text()).toContain(
      "время Калининграда (UTC+2), Europe/Kaliningrad",
    );
    const monday = wrapper.get('[data-weekday="1"]');
    expect(monday.get("legend").text()).toBe("Понедельник");
    expect((monday.get("#staff-schedule-day-1-working").element as HTMLInputElement).checked).toBe(true);
    expect((wrapper.get("#staff-schedule-day-1-from").element as HTMLSelectElement).value).toBe("09:00");
    expect((wrapper.get("#staff-schedule-day-6-working").element as HTMLInputElement).checked).toBe(false);
    // Every control has a label pointing at it.
    for (const control of wrapper.findAll("input, select")) {
      const id = control.attributes("id") ?? "";
      expect(wrapper.find(`label[for="${id}"]`).exists(), id).toBe(true);
    }
  });

  it("sends the edited week and a day off, and reports the free slots", async () => {
    const { wrapper, calls } = await mountSchedule({
      [PUT]: json(200, { slotsFree: 418, slotsBlocked: 12 }),
    });
    await wrapper.get("#staff-schedule-day-6-working").setValue(true);
    await wrapper.get("#staff-schedule-day-6-from").setValue("10:00");
    await wrapper.get("#staff-schedule-day-6-to").setValue("14:00");
    await wrapper.get("#staff-schedule-day-6-visit").setValue("45");
    await wrapper.get('[aria-label="Добавить перерыв, суббота"]').trigger("click");
    await wrapper.get("#staff-schedule-day-5-working").setValue(false);
    await buttonByText(wrapper, "Добавить исключение").trigger("click");
    await flushPromises();
    const date = wrapper.get('input[type="date"]');
    expect(document.activeElement).toBe(date.element);
    await date.setValue("2025-03-10");
    await save(wrapper);

    const body = calls.find((c) => c.method === "PUT")?.body as { rules: unknown[]; exceptions: unknown[] };
    expect(body.rules).toEqual([
      ...[1, 2, 3, 4].map((weekday) => ({
        weekday,
        from: "09:00",
        to: "15:00",
        breaks: [],
        visitMinutes: 30,
      })),
      { weekday: 6, from: "10:00", to: "14:00", breaks: [{ from: "13:00", to: "14:00" }], visitMinutes: 45 },
    ]);
    expect(body.exceptions).toEqual([{ date: "2025-03-10", kind: "day_off" }]);
    expect(wrapper.get('[data-testid="schedule-outcome"]').text()).toBe(
      "Расписание сохранено: свободных слотов 418",
    );
  });

  it("shows the API's field errors next to the fields and focuses the first", async () => {
    const { wrapper } = await mountSchedule({
      [PUT]: apiError(400, "validation_failed", "Проверьте введённые данные", {
        "rules[1].to": "Время начала должно быть раньше времени окончания",
        "exceptions[0].date": "Неверная дата",
      }),
    });
    await wrapper.get("#staff-schedule-day-2-to").setValue("08:00");
    await buttonByText(wrapper, "Добавить исключение").trigger("click");
    await save(wrapper);
    const tuesdayTo = wrapper.get("#staff-schedule-day-2-to");
    expect(tuesdayTo.attributes("aria-invalid")).toBe("true");
    expect(wrapper.get('[data-weekday="2"]').text()).toContain(
      "Время начала должно быть раньше времени окончания",
    );
    expect(wrapper.get('[data-weekday="1"]').text()).not.toContain("Время начала");
    expect(document.activeElement).toBe(tuesdayTo.element);
    expect(wrapper.get('input[type="date"]').attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("Неверная дата");
  });

  it("lists the booked visits a change would drop: cancel them first", async () => {
    const { wrapper } = await mountSchedule({
      [PUT]: json(409, {
        error: {
          code: "schedule_conflict",
          message: "Изменение расписания затрагивает записи пациентов: сначала отмените их",
          requestId: "req_1",
          appointments: [
            {
              id: "apt_1",
              ticketNumber: "Т-0001001",
              localDate: "2025-03-10",
              localTime: "10:30",
              timeZone: "Europe/Kaliningrad",
            },
          ],
        },
      }),
    });
    await wrapper.get("#staff-schedule-day-1-working").setValue(false);
    await save(wrapper);
    const conflict = wrapper.get('[data-testid="schedule-conflict"]');
    expect(conflict.text()).toContain("Сначала отмените эти записи");
    expect(conflict.findAll("li").map((li) => li.text())).toEqual(["Т-0001001 — 10.03.2025, 10:30"]);
    expect(document.activeElement).toBe(conflict.element);
    expect(wrapper.get('[data-testid="schedule-outcome"]').text()).toBe("");
  });

  it("is a tab of the staff screen, reached with the keyboard", async () => {
    const { api } = fakeApi({
      "GET /api/v1/specialties": json(200, specialties),
      "GET /api/v1/staff/referrals": json(200, []),
      "GET /api/v1/staff/doctors": json(200, doctors),
    });
    const wrapper = render(StaffArea, api);
    await flushPromises();
    const tabs = wrapper.findAll('[role="tab"]');
    expect(tabs.map((t) => [t.text(), t.attributes("aria-selected")])).toEqual([
      ["Направления", "true"],
      ["Расписание врачей", "false"],
    ]);
    await tabs[0]?.trigger("keydown", { key: "ArrowRight" });
    await flushPromises();
    expect(wrapper.get('[role="tabpanel"]').attributes("id")).toBe("staff-panel-schedules");
    expect(wrapper.find("#staff-schedule-doctor").exists()).toBe(true);
    expect(document.activeElement?.id).toBe("staff-tab-schedules");
  });
});
