import { createMemoryLocation } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import AppointmentsApp from "./AppointmentsApp.vue";
import AppointmentList from "./appointments/AppointmentList.vue";
import { PATIENT, apiError, appointment, fakeApi, json, render, unmountAll } from "./test-helpers.ts";

// «Мои записи» as a partner widget mounts it: a memory location, a sign-in request, reports.

const NOW = new Date("2026-11-20T00:00:00.000Z");

describe("«Мои записи» in a partner widget", () => {
  beforeEach(() => {
    history.replaceState(null, "", "/partner/page");
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it("reports the cancellation to the host", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const report = vi.fn();
    const fake = fakeApi({
      "GET /api/v1/appointments?scope=upcoming": json(200, { items: [appointment()] }),
      "POST /api/v1/appointments/apt_1/cancel": json(
        200,
        appointment({
          status: "cancelled",
          cancelledBy: "patient",
          cancelReason: "Уезжаю",
          changeableUntil: null,
        }),
      ),
    });
    const wrapper = render(AppointmentList, fake.api, { props: { scope: "upcoming" }, remote: { report } });
    await flushPromises();
    await wrapper.get('[data-testid="cancel"]').trigger("click");
    await flushPromises();
    await wrapper.get("#appointment-cancel-reason").setValue("Уезжаю");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(report).toHaveBeenCalledWith({ kind: "cancelled", appointmentId: "apt_1" });
  });

  it("signed out: «Войти» is a button that asks the host to sign in", async () => {
    const requestSignIn = vi.fn();
    const navigate = vi.fn();
    const fake = fakeApi({ "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите") });
    const wrapper = render(AppointmentsApp, fake.api, { remote: { requestSignIn, navigate } });
    await flushPromises();
    const invitation = wrapper.get('[data-testid="sign-in-invitation"]');
    expect(invitation.find("a").exists()).toBe(false);
    await invitation.get("button").trigger("click");
    expect(requestSignIn).toHaveBeenCalledTimes(1);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("reads and moves its tab in the memory location, not in the page's URL", async () => {
    const memory = createMemoryLocation("/?tab=past");
    const fake = fakeApi({
      "GET /api/v1/account/me": json(200, { user: PATIENT }),
      "GET /api/v1/notifications/unread-count": json(200, { unread: 0 }),
      "GET /api/v1/appointments?scope=upcoming": json(200, { items: [] }),
      "GET /api/v1/appointments?scope=past": json(200, { items: [] }),
    });
    const wrapper = render(AppointmentsApp, fake.api, {
      remote: { basePath: "/", location: memory, navigate: memory.navigate },
    });
    await flushPromises();
    expect(wrapper.get('[role=tab][aria-selected="true"]').text()).toContain("Прошедшие");
    memory.navigate("/");
    await flushPromises();
    expect(wrapper.get('[role=tab][aria-selected="true"]').text()).toContain("Предстоящие");
    expect(window.location.pathname).toBe("/partner/page");
  });
});
