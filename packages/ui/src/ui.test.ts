import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { nextTick } from "vue";
import { createPriyomI18n } from "./i18n.ts";
import UiAlert from "./UiAlert.vue";
import UiButton from "./UiButton.vue";
import UiDialog from "./UiDialog.vue";
import UiErrorState from "./UiErrorState.vue";
import UiField from "./UiField.vue";
import UiSpinner from "./UiSpinner.vue";
import UiUnavailable from "./UiUnavailable.vue";

const global = { plugins: [createPriyomI18n("ru")] };

describe("UiButton", () => {
  it("is a type=button by default and marks itself busy", () => {
    const wrapper = mount(UiButton, { props: { busy: true }, slots: { default: "Сохранить" } });
    const button = wrapper.get("button");
    expect(button.attributes("type")).toBe("button");
    expect(button.attributes("aria-busy")).toBe("true");
    expect(button.attributes("disabled")).toBeDefined();
    expect(button.text()).toBe("Сохранить");
  });
});

describe("UiField", () => {
  it("ties the label, hint and error to the input", async () => {
    const wrapper = mount(UiField, {
      global,
      props: {
        label: "Номер направления",
        id: "number",
        hint: "От 8 до 12 цифр",
        error: "Неверный номер",
        required: true,
      },
    });
    const input = wrapper.get("input");
    expect(wrapper.get("label").attributes("for")).toBe("number");
    expect(wrapper.get("label").text()).toContain("обязательное поле");
    expect(input.attributes("aria-invalid")).toBe("true");
    expect(input.attributes("aria-describedby")).toBe("number-hint number-error");
    expect(wrapper.get("#number-error").text()).toBe("Неверный номер");
    await input.setValue("123");
    expect(wrapper.emitted("update:modelValue")).toEqual([["123"]]);
  });

  it("is valid without an error and generates an id", () => {
    const wrapper = mount(UiField, { global, props: { label: "Телефон" } });
    const input = wrapper.get("input");
    expect(input.attributes("aria-invalid")).toBe("false");
    expect(input.attributes("aria-describedby")).toBeUndefined();
    expect(wrapper.get("label").attributes("for")).toBe(input.attributes("id"));
  });
});

describe("UiAlert", () => {
  it("uses role=alert for errors and role=status otherwise", () => {
    expect(mount(UiAlert, { props: { tone: "error" } }).attributes("role")).toBe("alert");
    expect(mount(UiAlert, { props: { tone: "info", title: "Готово" } }).attributes("role")).toBe("status");
  });
});

describe("UiSpinner", () => {
  it("announces loading in Russian", () => {
    const wrapper = mount(UiSpinner, { global });
    expect(wrapper.attributes("role")).toBe("status");
    expect(wrapper.text()).toBe("Загрузка…");
  });
});

describe("UiUnavailable", () => {
  it("shows the fallback and emits retry", async () => {
    const wrapper = mount(UiUnavailable, { global });
    expect(wrapper.text()).toContain("Раздел временно недоступен");
    await wrapper.get("button").trigger("click");
    expect(wrapper.get("button").text()).toBe("Повторить");
    expect(wrapper.emitted("retry")).toHaveLength(1);
  });
});

describe("UiErrorState", () => {
  it("shows the generic message and the request id", () => {
    const wrapper = mount(UiErrorState, { global, props: { requestId: "req_123" } });
    expect(wrapper.get("[role=alert]").text()).toContain("Ошибка: повторите попытку позже");
    expect(wrapper.text()).toContain("Код запроса: req_123");
    expect(wrapper.find("button").exists()).toBe(false);
  });

  it("offers a retry when asked", async () => {
    const wrapper = mount(UiErrorState, { global, props: { retryable: true } });
    await wrapper.get("button").trigger("click");
    expect(wrapper.emitted("retry")).toHaveLength(1);
  });
});

describe("UiField additions", () => {
  it("marks optional fields, emits blur and adds further descriptions", async () => {
    const wrapper = mount(UiField, {
      global,
      props: { label: "Отчество", id: "mid", optional: true, describedBy: "mid-extra", error: "Ошибка" },
    });
    expect(wrapper.get("label").text()).toContain("необязательно");
    expect(wrapper.get("input").attributes("aria-describedby")).toBe("mid-error mid-extra");
    await wrapper.get("input").trigger("blur");
    expect(wrapper.emitted("blur")).toHaveLength(1);
  });
});

describe("UiDialog", () => {
  it("takes focus, keeps Tab inside, closes on Esc and gives focus back", async () => {
    const opener = document.createElement("button");
    document.body.appendChild(opener);
    opener.focus();
    const wrapper = mount(UiDialog, {
      global,
      attachTo: document.body,
      props: { open: false, title: "Удалить?" },
      slots: { default: '<input id="pw" data-autofocus /><button id="ok">OK</button>' },
    });
    await wrapper.setProps({ open: true });
    await nextTick();
    expect(wrapper.get('[role="dialog"]').attributes("aria-modal")).toBe("true");
    expect(document.activeElement?.id).toBe("pw");
    (document.getElementById("ok") as HTMLElement).focus();
    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Tab" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Закрыть");
    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Tab", shiftKey: true });
    expect(document.activeElement?.id).toBe("ok");
    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Escape" });
    expect(wrapper.emitted("close")).toHaveLength(1);
    await wrapper.setProps({ open: false });
    await nextTick();
    expect(document.activeElement).toBe(opener);
    wrapper.unmount();
    opener.remove();
  });
});
