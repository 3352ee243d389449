import { flushPromises, mount } from "@vue/test-utils";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { createPinia } from "pinia";
import { afterEach, describe, expect, it, vi } from "vitest";
import CalendarApp from "./CalendarApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

const clinic = {
  id: "cln_1",
  shortName: "ГП № 3",
  fullName: "ГАУЗ СО «Городская поликлиника № 3»",
  ogrn: "1026605227923",
  address: "Екатеринбург, ул. Ленина, 1",
  region: "66",
  timeZone: "Asia/Yekaterinburg",
  registryPhone: "+73432000000",
  placeType: "polyclinic",
  latitude: 56.8,
  longitude: 60.6,
};

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }),
    ),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function render(navigate: (path: string) => void = () => undefined) {
  const props: RemoteMountProps = {
    apiBase: "https://api.test",
    basePath: "/calendar",
    locale: "ru",
    navigate,
  };
  history.replaceState(null, "", "/calendar");
  return mount(CalendarApp, {
    global: { plugins: [createPinia(), createPriyomI18n("ru")], provide: { [REMOTE_PROPS_KEY]: props } },
  });
}

describe("CalendarApp", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the clinics with place type, phone and local time zone", async () => {
    const fetchMock = stubFetch(200, { items: [clinic] });
    const wrapper = render();
    await flushPromises();
    expect(fetchMock.mock.calls.map((call) => call[0])).toContain("https://api.test/api/v1/clinics");
    const card = wrapper.get("li");
    expect(card.get("h4").text()).toBe("ГП № 3");
    expect(card.text()).toContain("Поликлиника");
    expect(card.text()).toContain("Екатеринбург, ул. Ленина, 1");
    expect(card.get("a").attributes("href")).toBe("tel:+73432000000");
    expect(card.text()).toContain("Время местное: Asia/Yekaterinburg (UTC+5)");
    expect(wrapper.text()).toContain("1 медицинская организация");
  });

  it("shows the error state with the request id on a 500", async () => {
    stubFetch(500, { error: { code: "internal_error", message: "x", requestId: "req_cal" } });
    const wrapper = render();
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("req_cal");
  });

  it("sends the referral link through the shell", async () => {
    stubFetch(200, { items: [] });
    const navigate = vi.fn();
    const wrapper = render(navigate);
    await flushPromises();
    await wrapper.get("a[href='/referrals']").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/referrals");
    expect(wrapper.text()).toContain("пока не подключены");
  });
});
