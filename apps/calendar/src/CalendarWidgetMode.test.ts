import { WIDGET_TOKEN_MESSAGE } from "@priyom/contracts";
import { createMemoryLocation } from "@priyom/federation";
import { WIDGET_HOST_TOKEN_MESSAGE } from "@priyom/federation/widget";
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CalendarBooking from "./CalendarBooking.vue";
import CalendarReferralChooser from "./CalendarReferralChooser.vue";
import {
  FakeEventSource,
  apiError,
  appointment,
  doctor,
  fakeApi,
  hold,
  json,
  preview,
  referralDetail,
  render,
  slot,
  unmountAll,
} from "./test-helpers.ts";

// The calendar as a partner widget mounts it: a memory location, a sign-in request, reports.

const routes = {
  "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
  "GET /api/v1/referrals/ref_1/doctors": json(200, {
    items: [doctor()],
    guaranteedWaitUntil: "2026-12-14",
    freeWithinGuaranteedWait: true,
  }),
  "GET /api/v1/doctors/doc_1/free-dates": json(200, {
    timeZone: "Europe/Kaliningrad",
    dates: [{ date: "2026-11-27", free: 3 }],
  }),
  "GET /api/v1/doctors/doc_1/slots": json(200, {
    timeZone: "Europe/Kaliningrad",
    date: "2026-11-27",
    slots: [slot("10:15"), slot("10:30")],
  }),
  "GET /api/v1/booking/preview": json(200, preview()),
};

describe("the calendar in a partner widget", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    history.replaceState(null, "", "/partner/page?theirs=1");
  });
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it("books within its memory location, never touching the page's URL, and reports the booking", async () => {
    const memory = createMemoryLocation("/?referral=ref_1&doctor=doc_1&date=2026-11-27");
    const report = vi.fn();
    const fake = fakeApi({
      ...routes,
      "POST /api/v1/holds": json(201, hold(slot("10:15"), new Date(Date.now() + 300_000).toISOString())),
      "POST /api/v1/appointments": json(201, appointment()),
    });
    const wrapper = render(CalendarBooking, fake.api, {
      remote: { basePath: "/", location: memory, navigate: memory.navigate, report },
    });
    await flushPromises();
    await wrapper.get('[data-slot-id="slt_1015"]').trigger("click");
    await flushPromises();
    expect(memory.current()).toEqual({
      pathname: "/",
      search: "?referral=ref_1&doctor=doc_1&date=2026-11-27&step=confirm",
    });
    await wrapper.get("form").trigger("submit");
    await flushPromises();

    expect(memory.current().search).toBe("?appointment=apt_1");
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe("К-000123");
    const booked = appointment();
    expect(report).toHaveBeenCalledWith({
      kind: "booked",
      appointmentId: "apt_1",
      ticketNumber: booked.ticketNumber,
      startsAt: booked.startsAt,
    });
    expect(`${window.location.pathname}${window.location.search}`).toBe("/partner/page?theirs=1");
  });

  it("follows its memory location when the host moves it", async () => {
    const memory = createMemoryLocation("/?referral=ref_1");
    const wrapper = render(CalendarBooking, fakeApi(routes).api, {
      remote: { basePath: "/", location: memory, navigate: memory.navigate },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="day-slot"]').exists()).toBe(false);
    memory.navigate("/?referral=ref_1&doctor=doc_1&date=2026-11-27");
    await flushPromises();
    expect(wrapper.find('[data-testid="day-slot"]').exists()).toBe(true);
  });

  it("signed out: «войти» is a button that asks the host to sign in, not a link away", async () => {
    const requestSignIn = vi.fn();
    const navigate = vi.fn();
    const api = fakeApi({ "GET /api/v1/referrals": apiError(401, "unauthorized", "Войдите") }).api;
    const wrapper = render(CalendarReferralChooser, api, { remote: { requestSignIn, navigate } });
    await flushPromises();
    expect(wrapper.find('a[href="/cabinet/sign-in"]').exists()).toBe(false);
    const button = wrapper.get("button.calendar-chooser__link");
    expect(button.text()).toBe("войти");
    await button.trigger("click");
    expect(requestSignIn).toHaveBeenCalledTimes(1);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("in the shell (no requestSignIn) «войти» stays the cabinet's link", async () => {
    const navigate = vi.fn();
    const api = fakeApi({ "GET /api/v1/referrals": apiError(401, "unauthorized", "Войдите") }).api;
    const wrapper = render(CalendarReferralChooser, api, { remote: { navigate } });
    await flushPromises();
    await wrapper.get('a[href="/cabinet/sign-in"]').trigger("click");
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
  });

  it("the widget host listens for the very message type the sign-in pop-up posts", () => {
    expect(WIDGET_HOST_TOKEN_MESSAGE).toBe(WIDGET_TOKEN_MESSAGE);
  });
});
