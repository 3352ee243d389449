import { flushPromises, type VueWrapper } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CalendarBooking from "./CalendarBooking.vue";
import {
  FakeEventSource,
  apiError,
  doctor,
  fakeApi,
  json,
  referralDetail,
  render,
  unmountAll,
  waitlistEntry,
} from "./test-helpers.ts";

const clinic2 = {
  id: "cln_2",
  shortName: "ГП № 2",
  fullName: "ГБУЗ «Городская поликлиника № 2»",
  address: "г. Калининград, ул. Летняя, д. 2",
  timeZone: "Europe/Kaliningrad",
};
const referral = referralDetail();
const smirnova = doctor({
  id: "doc_2",
  lastName: "Смирнова",
  firstName: "Елена",
  middleName: "Викторовна",
  qualification: "Врач первой категории",
  clinic: { ...doctor().clinic, id: "cln_2", shortName: "ГП № 2" },
});

const routes = {
  "GET /api/v1/referrals/ref_1": json(
    200,
    referralDetail({ allowedClinics: [...referral.allowedClinics, clinic2] }),
  ),
  "GET /api/v1/referrals/ref_1/doctors": json(200, {
    items: [doctor(), smirnova],
    guaranteedWaitUntil: "2026-12-14",
    freeWithinGuaranteedWait: false,
  }),
};

function open(extra: Parameters<typeof fakeApi>[0] = {}) {
  history.replaceState(null, "", "/calendar?referral=ref_1&want=waitlist");
  const fake = fakeApi({ ...routes, ...extra });
  const navigate = vi.fn((path: string) => history.pushState(null, "", path));
  const wrapper = render(CalendarBooking, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

const input = (wrapper: VueWrapper, id: string) => wrapper.get<HTMLInputElement>(`#calendar-waitlist-${id}`);
const checkbox = (wrapper: VueWrapper, testId: string, value: string) =>
  wrapper.get<HTMLInputElement>(`[data-testid="${testId}"][value="${value}"]`);
const posts = (calls: ReturnType<typeof open>["calls"]) => calls.filter((c) => c.method === "POST");

describe("«Встать в очередь на освободившееся время» (want=waitlist)", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    // 26 November 2026, 12:00 in Kaliningrad.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("explains the line, starts from today … the referral's last day, and sends what was chosen", async () => {
    const { wrapper, calls, navigate } = open({ "POST /api/v1/waitlist": json(201, waitlistEntry()) });
    await flushPromises();
    expect(wrapper.get("[data-step-heading]").text()).toBe("Встать в очередь на освободившееся время");
    expect(wrapper.get('[data-testid="waitlist-how"]').text()).toContain(
      "оно на 15 минут закрепится за вами и придёт уведомление",
    );
    expect(input(wrapper, "fromDate").element.value).toBe("2026-11-26");
    expect(input(wrapper, "fromDate").attributes("type")).toBe("date");
    expect(wrapper.get("label[for=calendar-waitlist-fromDate]").text()).toContain("С даты");
    expect(input(wrapper, "toDate").element.value).toBe("2026-12-21");
    expect(wrapper.get("label[for=calendar-waitlist-toDate]").text()).toContain("По дату");
    expect(wrapper.findAll('[data-testid="waitlist-clinic"]')).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="waitlist-doctor"]')).toHaveLength(2);

    // Ticking a clinic leaves only its doctors to choose from.
    await checkbox(wrapper, "waitlist-clinic", "cln_2").setValue(true);
    expect(wrapper.findAll('[data-testid="waitlist-doctor"]').map((c) => c.attributes("value"))).toEqual([
      "doc_2",
    ]);
    await checkbox(wrapper, "waitlist-doctor", "doc_2").setValue(true);
    await input(wrapper, "toDate").setValue("2026-12-10");
    await wrapper.get("form").trigger("submit");
    await flushPromises();

    expect(posts(calls)).toHaveLength(1);
    expect(posts(calls)[0]).toMatchObject({
      path: "/api/v1/waitlist",
      body: {
        referralId: "ref_1",
        fromDate: "2026-11-26",
        toDate: "2026-12-10",
        clinicIds: ["cln_2"],
        doctorIds: ["doc_2"],
      },
    });
    const result = wrapper.get('[data-testid="waitlist-result"]');
    expect(result.text()).toContain("Вы в очереди: 3-й.");
    expect(result.element.parentElement?.getAttribute("aria-live")).toBe("polite");
    expect(document.activeElement).toBe(result.element);
    expect(wrapper.find("form").exists()).toBe(false);
    await result.get('a[href="/appointments?tab=waiting"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/appointments?tab=waiting");
  });

  it("checks the range before sending: order, today, the referral's last day", async () => {
    const { wrapper, calls } = open();
    await flushPromises();
    await input(wrapper, "fromDate").setValue("2026-12-05");
    await input(wrapper, "toDate").setValue("2026-12-01");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#calendar-waitlist-toDate-error").text()).toBe("Конец периода раньше начала");
    expect(input(wrapper, "toDate").attributes("aria-invalid")).toBe("true");
    expect(document.activeElement?.id).toBe("calendar-waitlist-toDate");

    await input(wrapper, "toDate").setValue("2026-12-22");
    expect(wrapper.get("#calendar-waitlist-toDate-error").text()).toBe(
      "Направление действует до 21.12.2026: выберите дату не позднее",
    );
    await input(wrapper, "fromDate").setValue("2026-11-25");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#calendar-waitlist-fromDate-error").text()).toBe(
      "Дата начала не может быть раньше сегодняшней",
    );
    expect(document.activeElement?.id).toBe("calendar-waitlist-fromDate");
    expect(posts(calls)).toHaveLength(0);
  });

  it("shows the API's field errors at their fields, keeps what was typed, and clears one when it is edited", async () => {
    const { wrapper } = open({
      "POST /api/v1/waitlist": apiError(400, "validation_failed", "Проверьте поля", {
        fields: {
          toDate: "Период ожидания — не длиннее 30 дней",
          "clinicIds.0": "Эта организация не принимает по направлению",
        },
      }),
    });
    await flushPromises();
    await checkbox(wrapper, "waitlist-clinic", "cln_1").setValue(true);
    await input(wrapper, "toDate").setValue("2026-12-20");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#calendar-waitlist-toDate-error").text()).toBe(
      "Период ожидания — не длиннее 30 дней",
    );
    expect(wrapper.get("#calendar-waitlist-clinicIds-error").text()).toBe(
      "Эта организация не принимает по направлению",
    );
    expect(input(wrapper, "toDate").element.value).toBe("2026-12-20");
    expect(checkbox(wrapper, "waitlist-clinic", "cln_1").element.checked).toBe(true);
    expect(document.activeElement?.id).toBe("calendar-waitlist-toDate");

    await input(wrapper, "toDate").setValue("2026-12-15");
    expect(wrapper.get("#calendar-waitlist-toDate-error").text()).toBe("");
    expect(wrapper.get("#calendar-waitlist-clinicIds-error").text()).toBe(
      "Эта организация не принимает по направлению",
    );
  });

  it("shows a refusal in the API's words, and a server fault with its request id, keeping the form", async () => {
    const { wrapper, calls } = open({
      "POST /api/v1/waitlist": [
        apiError(409, "conflict", "Вы уже в очереди по этому направлению"),
        apiError(500, "internal_error", "Сбой", { requestId: "req_wl_500" }),
      ],
    });
    await flushPromises();
    await input(wrapper, "fromDate").setValue("2026-11-30");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="waitlist-refusal"]').text()).toBe(
      "Вы уже в очереди по этому направлению",
    );

    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.find('[data-testid="waitlist-refusal"]').exists()).toBe(false);
    const alert = wrapper.get(".ui-error-state [role=alert]");
    expect(alert.text()).toContain("Ошибка: повторите попытку позже");
    expect(alert.text()).toContain("req_wl_500");
    expect(input(wrapper, "fromDate").element.value).toBe("2026-11-30");
    expect(posts(calls)).toHaveLength(2);
    expect(wrapper.find('[data-testid="waitlist-result"]').exists()).toBe(false);
  });
});
