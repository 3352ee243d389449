import { flushPromises, mount } from "@vue/test-utils";
import { createPriyomI18n } from "@priyom/ui";
import { describe, expect, it } from "vitest";
import CalendarSelectedReferral from "./CalendarSelectedReferral.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

const referral = {
  id: "ref_abc123",
  number: "100200300",
  status: "active",
  patient: { kind: "self", childId: null, name: "Иванов Иван Иванович" },
  specialty: { code: "cardiologist", nameRu: "Кардиолог" },
  issuingClinic: {
    id: "cln_msk0002",
    fullName: "ГБУЗ",
    shortName: "ГП № 2",
    ogrn: "1027700132195",
    address: "Москва",
  },
  allowedClinics: [
    {
      id: "cln_msk0002",
      shortName: "ГП № 2",
      fullName: "ГБУЗ",
      address: "Москва",
      timeZone: "Europe/Moscow",
    },
  ],
  urgency: "planned",
  kind: "regular",
  diagnosisCode: "I10",
  issuingDoctor: "Смирнова Елена Викторовна",
  issuedOn: "2026-11-21",
  lastValidDay: "2026-12-21",
  timeZone: "Europe/Moscow",
  daysLeft: 25,
  expiringSoon: false,
  bookable: true,
  notBookableReason: null,
  history: [],
};

function mountWith(fetchImpl: typeof fetch) {
  globalThis.fetch = fetchImpl;
  return mount(CalendarSelectedReferral, {
    props: { referralId: "ref_abc123" },
    global: {
      plugins: [createPriyomI18n("ru")],
      provide: {
        [REMOTE_PROPS_KEY as symbol]: {
          apiBase: "",
          basePath: "/calendar",
          locale: "ru",
          navigate: () => undefined,
        },
      },
    },
  });
}

describe("CalendarSelectedReferral", () => {
  it("shows the referral the patient chose: number, specialty, whose, last day, where", async () => {
    const asked: string[] = [];
    const wrapper = mountWith((input) => {
      asked.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(
        new Response(JSON.stringify(referral), {
          status: 200,
          headers: { "Content-Type": "application/json" },
        }),
      );
    });
    await flushPromises();
    expect(asked[0]).toContain("/api/v1/referrals/ref_abc123");
    const text = wrapper.text();
    expect(text).toContain("№ 100200300");
    expect(text).toContain("Кардиолог");
    expect(text).toContain("Иванов Иван Иванович");
    expect(text).toContain("21.12.2026");
    expect(text).toContain("ГП № 2");
  });

  it("says so when the referral is not the patient's (404)", async () => {
    const wrapper = mountWith(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({ error: { code: "not_found", message: "Не найдено", requestId: "r1" } }),
          {
            status: 404,
            headers: { "Content-Type": "application/json" },
          },
        ),
      ),
    );
    await flushPromises();
    expect(wrapper.text()).toContain("не найдено среди ваших");
  });
});
