import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CalendarBooking from "./CalendarBooking.vue";
import {
  FakeEventSource,
  apiError,
  doctor,
  fakeApi,
  json,
  priorityRequest,
  referralDetail,
  render,
  unmountAll,
} from "./test-helpers.ts";

const routes = {
  "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
  "GET /api/v1/referrals/ref_1/doctors": json(200, {
    items: [doctor()],
    guaranteedWaitUntil: "2026-12-14",
    freeWithinGuaranteedWait: false,
  }),
};

function open(extra: Parameters<typeof fakeApi>[0] = {}) {
  history.replaceState(null, "", "/calendar?referral=ref_1&want=priority");
  const fake = fakeApi({ ...routes, ...extra });
  const navigate = vi.fn((path: string) => history.pushState(null, "", path));
  const wrapper = render(CalendarBooking, fake.api, { remote: { navigate } });
  return { wrapper, calls: fake.calls, navigate };
}

const REASON = "Боли в груди при нагрузке, кардиолог просил не откладывать";
const posts = (calls: ReturnType<typeof open>["calls"]) => calls.filter((c) => c.method === "POST");

describe("«Запросить приоритетную запись» (want=priority)", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it("counts the reason, refuses a short one before sending, and sends it with the urgency chosen", async () => {
    const { wrapper, calls, navigate } = open({
      "POST /api/v1/priority-requests": json(201, priorityRequest({ urgency: "urgent" })),
    });
    await flushPromises();
    expect(wrapper.get("[data-step-heading]").text()).toBe("Запросить приоритетную запись");
    const reason = wrapper.get<HTMLTextAreaElement>("#calendar-priority-reason");
    expect(wrapper.get("label[for=calendar-priority-reason]").text()).toContain(
      "Почему нужна приоритетная запись",
    );
    expect(wrapper.get('[data-testid="priority-counter"]').text()).toBe("0 из 1000");
    expect(reason.attributes("aria-describedby")).toContain("calendar-priority-reason-counter");

    await reason.setValue("Болит");
    expect(wrapper.get('[data-testid="priority-counter"]').text()).toBe("5 из 1000");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(posts(calls)).toHaveLength(0);
    expect(wrapper.get("#calendar-priority-reason-error").text()).toBe(
      "Опишите причину подробнее: не меньше 10 символов (сейчас 5)",
    );
    expect(reason.attributes("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(reason.element);

    // The urgency is a radio group with its legend and hint.
    const group = wrapper.get("fieldset[aria-describedby=calendar-priority-urgency-hint]");
    expect(group.get("legend").text()).toBe("Срочность");
    expect(wrapper.get("#calendar-priority-urgency-hint").text()).toContain("рассматривают первыми");
    expect(wrapper.get<HTMLInputElement>('[data-testid="priority-urgency-normal"]').element.checked).toBe(
      true,
    );
    await wrapper.get('[data-testid="priority-urgency-urgent"]').setValue(true);

    await reason.setValue(`  ${REASON}  `);
    expect(wrapper.get("#calendar-priority-reason-error").text()).toBe("");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(posts(calls)).toHaveLength(1);
    expect(posts(calls)[0]).toMatchObject({
      path: "/api/v1/priority-requests",
      body: { referralId: "ref_1", reason: REASON, urgency: "urgent" },
    });
    const result = wrapper.get('[data-testid="priority-result"]');
    expect(result.get('[data-testid="priority-status"]').text()).toBe("На рассмотрении");
    expect(result.element.parentElement?.getAttribute("aria-live")).toBe("polite");
    await result.get('a[href="/appointments?tab=waiting"]').trigger("click");
    expect(navigate).toHaveBeenLastCalledWith("/appointments?tab=waiting");
  });

  it("refuses a reason over 1000 characters and says by how much", async () => {
    const { wrapper, calls } = open();
    await flushPromises();
    await wrapper.get("#calendar-priority-reason").setValue("а".repeat(1001));
    expect(wrapper.get('[data-testid="priority-counter"]').text()).toBe("1001 из 1000");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#calendar-priority-reason-error").text()).toBe(
      "Не больше 1000 символов: сократите на 1",
    );
    expect(posts(calls)).toHaveLength(0);
  });

  it("shows the 409 of a request already pending, and keeps what was typed and chosen", async () => {
    const { wrapper } = open({
      "POST /api/v1/priority-requests": apiError(
        409,
        "conflict",
        "По этому направлению уже есть запрос на рассмотрении",
      ),
    });
    await flushPromises();
    await wrapper.get("#calendar-priority-reason").setValue(REASON);
    await wrapper.get('[data-testid="priority-urgency-urgent"]').setValue(true);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="priority-refusal"]').text()).toBe(
      "По этому направлению уже есть запрос на рассмотрении",
    );
    expect(wrapper.get<HTMLTextAreaElement>("#calendar-priority-reason").element.value).toBe(REASON);
    expect(wrapper.get<HTMLInputElement>('[data-testid="priority-urgency-urgent"]').element.checked).toBe(
      true,
    );
    expect(wrapper.find('[data-testid="priority-result"]').exists()).toBe(false);
  });

  it("puts the API's field message under the reason, and a server fault shows its request id", async () => {
    const { wrapper } = open({
      "POST /api/v1/priority-requests": [
        apiError(400, "validation_failed", "Проверьте поля", {
          fields: { reason: "Причина не должна состоять из одних повторов" },
        }),
        new TypeError("Failed to fetch"),
      ],
    });
    await flushPromises();
    await wrapper.get("#calendar-priority-reason").setValue("ааааааааааааааа");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#calendar-priority-reason-error").text()).toBe(
      "Причина не должна состоять из одних повторов",
    );
    expect(document.activeElement?.id).toBe("calendar-priority-reason");

    await wrapper.get("#calendar-priority-reason").setValue(REASON);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get(".ui-error-state [role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.get<HTMLTextAreaElement>("#calendar-priority-reason").element.value).toBe(REASON);
  });
});
