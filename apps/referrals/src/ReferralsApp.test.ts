import { flushPromises, mount } from "@vue/test-utils";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { afterEach, describe, expect, it, vi } from "vitest";
import ReferralsApp from "./ReferralsApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

const props: RemoteMountProps = {
  apiBase: "",
  basePath: "/referrals",
  locale: "ru",
  navigate: () => undefined,
};

const specialties = {
  items: [
    { code: "therapist", nameRu: "Терапевт", nameEn: "Therapist", patientAge: "any", related: [] },
    {
      code: "pediatrician",
      nameRu: "Педиатр",
      nameEn: "Pediatrician",
      patientAge: "child",
      related: ["therapist"],
    },
    {
      code: "cardiologist",
      nameRu: "Кардиолог",
      nameEn: "Cardiologist",
      patientAge: "any",
      related: ["therapist"],
    },
  ],
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

function render() {
  return mount(ReferralsApp, {
    global: { plugins: [createPriyomI18n("ru")], provide: { [REMOTE_PROPS_KEY]: props } },
  });
}

describe("ReferralsApp", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the specialties from the API with related ones and the pediatrician's age limit", async () => {
    const fetchMock = stubFetch(200, specialties);
    const wrapper = render();
    expect(wrapper.text()).toContain("Загружаем список специальностей");
    await flushPromises();
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/v1/specialties");
    expect(wrapper.get("h2").text()).toBe("Мои направления");
    const items = wrapper.findAll("li");
    expect(items).toHaveLength(3);
    expect(items[1]?.text()).toContain("Педиатр");
    expect(items[1]?.text()).toContain("для детей до 18 лет");
    expect(items[2]?.text()).toContain("подойдут также: Терапевт");
    expect(items[0]?.text()).not.toContain("для детей");
    expect(wrapper.text()).toContain("3 специальности");
  });

  it("shows an empty state", async () => {
    stubFetch(200, { items: [] });
    const wrapper = render();
    await flushPromises();
    expect(wrapper.text()).toContain("Список специальностей пока пуст");
  });

  it("shows the error state with the request id on a 500", async () => {
    stubFetch(500, { error: { code: "internal_error", message: "Внутренняя ошибка", requestId: "req_500" } });
    const wrapper = render();
    await flushPromises();
    const alert = wrapper.get("[role=alert]");
    expect(alert.text()).toContain("Ошибка: повторите попытку позже");
    expect(alert.text()).toContain("req_500");
    stubFetch(200, specialties);
    await wrapper.get(".ui-error-state button").trigger("click");
    await flushPromises();
    expect(wrapper.findAll("li")).toHaveLength(3);
  });
});
