import { mount } from "@vue/test-utils";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { describe, expect, it, vi } from "vitest";
import CabinetApp from "./CabinetApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

function render(navigate: (path: string) => void) {
  const props: RemoteMountProps = { apiBase: "", basePath: "/cabinet", locale: "ru", navigate };
  return mount(CabinetApp, {
    global: { plugins: [createPriyomI18n("ru")], provide: { [REMOTE_PROPS_KEY]: props } },
  });
}

describe("CabinetApp", () => {
  it("gives an overview of the cabinet's sections and no form pretending to save", () => {
    const wrapper = render(() => undefined);
    expect(wrapper.get("h2").text()).toBe("Личный кабинет");
    expect(wrapper.findAll("h4").map((h) => h.text())).toEqual([
      "Личные данные",
      "Безопасность",
      "Уведомления",
    ]);
    expect(wrapper.text()).toContain("Вход для пациентов скоро появится");
    expect(wrapper.find("form").exists()).toBe(false);
    expect(wrapper.find("input").exists()).toBe(false);
  });

  it("sends the calls to action through the shell", async () => {
    const navigate = vi.fn();
    const wrapper = render(navigate);
    const buttons = wrapper.findAll("button");
    await buttons[0]?.trigger("click");
    await buttons[1]?.trigger("click");
    expect(navigate.mock.calls).toEqual([["/referrals"], ["/calendar"]]);
  });
});
