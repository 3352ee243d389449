import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import AppointmentsApp from "./AppointmentsApp.vue";
import { PATIENT, appointment, fakeApi, json, render, ticket, unmountAll } from "./test-helpers.ts";

/**
 * Issue 8, hostile input: "HTML shown as text in the UI". Names a clinic's system or a person typed
 * reach the page as the API stores them; markup among them must show as its characters, never
 * become elements (no `v-html` anywhere: the lint rule `vue/no-v-html` forbids it).
 */
const MARKUP = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>window.__pwned = 1</script>";

describe("text from the API with markup in it", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T00:00:00.000Z"));
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
    history.replaceState(null, "", "/");
  });

  it("shows a clinic's, a doctor's and a patient's name with markup as text: no <img> or <script> element exists", async () => {
    const hostile = appointment({
      patient: { kind: "self", name: `Иванов ${SCRIPT}` },
      doctor: {
        id: "doc_1",
        name: `Петрова ${MARKUP}`,
        specialty: { code: "cardiologist", nameRu: "Кардиолог" },
        room: "214",
      },
      clinic: {
        id: "cln_vvo",
        shortName: `ВГКП ${MARKUP}`,
        fullName: `Поликлиника ${MARKUP}`,
        address: `ул. Светланская, д. 10 ${SCRIPT}`,
        phone: "+7 423 200-00-00",
      },
    });
    history.replaceState(null, "", "/appointments");
    const fake = fakeApi({
      "GET /api/v1/account/me": json(200, { user: PATIENT }),
      "GET /api/v1/notifications/unread-count": json(200, { unread: 0 }),
      "GET /api/v1/appointments?scope=upcoming": json(200, { items: [hostile] }),
      "GET /api/v1/appointments?scope=past": json(200, { items: [] }),
      "GET /api/v1/appointments/apt_1/ticket": json(200, ticket({ appointment: hostile })),
    });
    const wrapper = render(AppointmentsApp, fake.api, { remote: { navigate: vi.fn() } });
    await flushPromises();
    const card = wrapper.get('[data-testid="appointment-card"]');
    // The markup is there as characters the patient can read…
    expect(wrapper.text()).toContain(MARKUP);
    expect(card.text()).toContain("Петрова");
    // …and not as elements.
    const root = wrapper.element as HTMLElement;
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("script")).toBeNull();
    expect(root.querySelector("[onerror]")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
