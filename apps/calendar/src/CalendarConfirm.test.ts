import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import CalendarConfirm from "./CalendarConfirm.vue";
import {
  alternative,
  apiError,
  appointment,
  fakeApi,
  hold,
  json,
  preview,
  render,
  slot,
  unmountAll,
} from "./test-helpers.ts";

const soon = () => new Date(Date.now() + 5 * 60_000).toISOString();

function renderConfirm(routes: Parameters<typeof fakeApi>[0], visitMode?: "video") {
  const fake = fakeApi({ "GET /api/v1/booking/preview": json(200, preview()), ...routes });
  const wrapper = render(CalendarConfirm, fake.api, {
    props: { referralId: "ref_1", hold: hold(slot("10:15"), soon()), ...(visitMode ? { visitMode } : {}) },
  });
  return { wrapper, calls: fake.calls };
}

const fact = (wrapper: ReturnType<typeof renderConfirm>["wrapper"], term: string) =>
  wrapper
    .findAll("dt")
    .find((dt) => dt.text() === term)
    ?.element.nextElementSibling?.textContent?.replace(/\s+/g, " ")
    .trim();

describe("CalendarConfirm", () => {
  afterEach(unmountAll);

  it("shows everything to check, documents masked, the zone named, the phone editable", async () => {
    const { wrapper, calls } = renderConfirm({});
    await flushPromises();
    expect(calls[0]?.url).toBe("/api/v1/booking/preview?referralId=ref_1&slotId=slt_1015");
    expect(wrapper.get("h3").text()).toBe("Проверка введенных данных");
    expect(fact(wrapper, "ФИО")).toBe("Иванов Иван Иванович");
    expect(fact(wrapper, "Дата рождения")).toBe("12.04.1985");
    expect(fact(wrapper, "Полис ОМС")).toBe("************0001");
    expect(fact(wrapper, "СНИЛС")).toBe("***-***-445 95");
    expect(fact(wrapper, "Направление")).toBe("№ 100200300, кардиолог");
    expect(fact(wrapper, "Врач")).toContain("Иванов Пётр Сергеевич");
    expect(fact(wrapper, "Организация и адрес")).toBe(
      "КОДЦг. Калининград, ул. Барнаульская, д. 6, кабинет 101",
    );
    expect(fact(wrapper, "Дата и время")).toBe("пятница, 27 ноября 2026, 10:15 (Калининград, UTC+2)");
    const phone = wrapper.get<HTMLInputElement>("#calendar-contact-phone");
    expect(phone.element.value).toBe("+7 999 000-00-01");
    expect(wrapper.get("label[for=calendar-contact-phone]").text()).toContain("Телефон для связи");
    expect(wrapper.find('[data-testid="hold-countdown"]').exists()).toBe(true);
    // Nothing unmasked leaks into the page.
    expect(wrapper.text()).not.toMatch(/\d{3}-\d{3}-\d{3} \d{2}/);
  });

  it("asks for a video visit when the patient chose video, and says so among the facts", async () => {
    const { wrapper, calls } = renderConfirm(
      { "POST /api/v1/appointments": json(201, appointment()) },
      "video",
    );
    await flushPromises();
    expect(fact(wrapper, "Формат приёма")).toBe("Видеоприём: ссылка для подключения будет в талоне");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      referralId: "ref_1",
      slotId: "slt_1015",
      contactPhone: "+79990000001",
      visitMode: "video",
    });
  });

  it("posts with an Idempotency-Key and sends the same key again after a network failure", async () => {
    const { wrapper, calls } = renderConfirm({
      "POST /api/v1/appointments": [new TypeError("Failed to fetch"), json(201, appointment())],
    });
    await flushPromises();
    await wrapper.get('[data-testid="confirm-booking"]').trigger("submit");
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.get('[data-testid="confirm-booking"]').text()).toBe("Повторить запись");
    expect(wrapper.emitted("booked")).toBeUndefined();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(2);
    const first = posts[0]?.headers["Idempotency-Key"];
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(posts[1]?.headers["Idempotency-Key"]).toBe(first);
    expect(posts[0]?.body).toEqual({ referralId: "ref_1", slotId: "slt_1015", contactPhone: "+79990000001" });
    expect(wrapper.emitted("booked")?.[0]?.[0]).toMatchObject({ id: "apt_1", ticketNumber: "К-000123" });
  });

  it("starts a new key when the data changed or the server answered", async () => {
    const { wrapper, calls } = renderConfirm({
      "POST /api/v1/appointments": [
        apiError(422, "booking_not_allowed", "Записаться нельзя", {
          failures: [{ code: "referral_expired", message: "Срок действия направления истёк" }],
        }),
        new TypeError("Failed to fetch"),
      ],
    });
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await wrapper.get("#calendar-contact-phone").setValue("8 912 345-67-89");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const keys = calls.filter((c) => c.method === "POST").map((c) => c.headers["Idempotency-Key"]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(calls.at(-1)?.body).toMatchObject({ contactPhone: "+79123456789" });
  });

  it("shows the alternatives in place on a 409 and holds the one chosen", async () => {
    const { wrapper } = renderConfirm({
      "POST /api/v1/appointments": apiError(409, "slot_taken", "Это время уже заняли", {
        alternatives: [alternative("10:30"), alternative("11:00", "same_clinic")],
      }),
    });
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Это время уже заняли");
    const offered = wrapper.findAll('[data-testid="alternative-slot"]');
    expect(offered.map((b) => b.attributes("data-slot-id"))).toEqual(["slt_1030", "slt_1100"]);
    expect(offered[0]?.text()).toBe(
      "10:30, 27 ноября, врач Иванов П. С. кабинет 101, КОДЦ время местное: Калининград, UTC+2",
    );
    expect(wrapper.text()).toContain("У того же врача");
    expect(wrapper.text()).toContain("В той же организации");
    expect(wrapper.find('[data-testid="confirm-booking"]').exists()).toBe(false);
    expect(document.activeElement?.textContent).toContain("Это время уже заняли");
    await offered[1]?.trigger("click");
    expect(wrapper.emitted("choose-alternative")?.[0]?.[0]).toMatchObject({ slotId: "slt_1100" });
  });

  it("shows each failure of a 422, the phone's under the phone field", async () => {
    const { wrapper } = renderConfirm({
      "POST /api/v1/appointments": apiError(422, "booking_not_allowed", "Записаться нельзя", {
        failures: [
          {
            code: "phone_landline",
            message: "Нужен мобильный номер: на городской не придёт SMS",
            field: "contactPhone",
          },
          { code: "profile_incomplete", message: "Заполните паспорт в профиле" },
          { code: "referral_expired", message: "Срок действия направления истёк" },
        ],
      }),
    });
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const phone = wrapper.get("#calendar-contact-phone");
    expect(phone.attributes("aria-invalid")).toBe("true");
    expect(wrapper.get("#calendar-contact-phone-error").text()).toBe(
      "Нужен мобильный номер: на городской не придёт SMS",
    );
    const list = wrapper.get('[data-testid="booking-failures"]');
    expect(list.findAll("li").map((li) => li.text())).toEqual([
      "Заполните паспорт в профиле",
      "Срок действия направления истёк",
    ]);
    expect(document.activeElement?.id).toBe("calendar-contact-phone");
  });

  it("checks the phone before sending", async () => {
    const { wrapper, calls } = renderConfirm({});
    await flushPromises();
    await wrapper.get("#calendar-contact-phone").setValue("+7 495 123-45-67");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(wrapper.get("#calendar-contact-phone").attributes("aria-invalid")).toBe("true");
  });
});
