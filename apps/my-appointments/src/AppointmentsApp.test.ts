import { mount } from "@vue/test-utils";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { describe, expect, it, vi } from "vitest";
import AppointmentsApp from "./AppointmentsApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

function render(navigate: (path: string) => void = () => undefined) {
  const props: RemoteMountProps = { apiBase: "", basePath: "/appointments", locale: "ru", navigate };
  return mount(AppointmentsApp, {
    attachTo: document.body,
    global: { plugins: [createPriyomI18n("ru")], provide: { [REMOTE_PROPS_KEY]: props } },
  });
}

describe("AppointmentsApp", () => {
  it("shows accessible tabs with the upcoming one selected and an honest empty state", () => {
    const wrapper = render();
    const tabs = wrapper.findAll("[role=tab]");
    expect(tabs.map((t) => t.text())).toEqual(["Предстоящие", "Прошедшие"]);
    expect(tabs[0]?.attributes("aria-selected")).toBe("true");
    expect(tabs[0]?.attributes("tabindex")).toBe("0");
    expect(tabs[1]?.attributes("tabindex")).toBe("-1");
    const panel = wrapper.get(`#${tabs[0]?.attributes("aria-controls") ?? ""}`);
    expect(panel.attributes("role")).toBe("tabpanel");
    expect(panel.text()).toContain("У вас пока нет записей");
    wrapper.unmount();
  });

  it("moves between tabs with the arrow keys", async () => {
    const wrapper = render();
    const tabs = wrapper.findAll("[role=tab]");
    await tabs[0]?.trigger("keydown", { key: "ArrowRight" });
    expect(tabs[1]?.attributes("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tabs[1]?.element);
    const pastPanel = wrapper.get(`#${tabs[1]?.attributes("aria-controls") ?? ""}`);
    expect(pastPanel.isVisible()).toBe(true);
    expect(pastPanel.text()).toContain("У вас пока нет записей");
    await tabs[1]?.trigger("keydown", { key: "ArrowRight" });
    expect(tabs[0]?.attributes("aria-selected")).toBe("true");
    await tabs[0]?.trigger("keydown", { key: "End" });
    expect(tabs[1]?.attributes("aria-selected")).toBe("true");
    wrapper.unmount();
  });

  it("«Записаться по направлению» navigates the shell to /referrals", async () => {
    const navigate = vi.fn();
    const wrapper = render(navigate);
    const button = wrapper.findAll("button").find((b) => b.text() === "Записаться по направлению");
    await button?.trigger("click");
    expect(navigate).toHaveBeenCalledWith("/referrals");
    wrapper.unmount();
  });
});
