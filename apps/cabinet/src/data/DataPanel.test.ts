import { SESSION_CHANGED_EVENT } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { nextTick } from "vue";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, buttonByText, fakeApi, inputByLabel, json, render, unmountAll } from "../test-helpers.ts";
import DataPanel from "./DataPanel.vue";

afterEach(unmountAll);

describe("delete account dialog", () => {
  it("says under the delete button what erasure keeps and what it cancels", () => {
    const { api } = fakeApi({});
    const wrapper = render(DataPanel, api);
    const section = wrapper.get('section[aria-labelledby="data-delete"]');
    const text = section.text().replace(/\s+/g, " ");
    expect(text).toContain(
      "Направления, выписанные поликлиникой, остаются у поликлиники без связи с вашим аккаунтом; записи на будущие приёмы будут отменены.",
    );
    // The sentence comes after the button, where the patient looks before pressing it.
    const paragraphs = section.findAll("p");
    expect(paragraphs[paragraphs.length - 1]?.text()).toContain("записи на будущие приёмы будут отменены");
  });

  it("opens with focus on the password, traps Tab, closes on Esc and gives focus back", async () => {
    const { api } = fakeApi({});
    const wrapper = render(DataPanel, api);
    const opener = buttonByText(wrapper, "Удалить учётную запись");
    (opener.element as HTMLElement).focus();
    await opener.trigger("click");
    await flushPromises();
    const dialog = wrapper.get('[role="dialog"]');
    expect(dialog.attributes("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(inputByLabel(wrapper, "Пароль").element);

    // Tab from the last control wraps to the first; Shift+Tab from the first wraps to the last.
    const controls = Array.from(
      dialog.element.querySelectorAll<HTMLElement>("button:not([disabled]), input"),
    );
    controls[controls.length - 1]?.focus();
    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Tab" });
    expect(document.activeElement).toBe(controls[0]);
    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(controls[controls.length - 1]);

    await wrapper.get(".ui-dialog").trigger("keydown", { key: "Escape" });
    await flushPromises();
    await nextTick();
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false);
    expect(document.activeElement).toBe(opener.element);
  });

  it("asks for the password, shows a wrong one under the field, and signs out after deletion", async () => {
    const { api, calls } = fakeApi({
      "DELETE /api/v1/account": [
        apiError(401, "invalid_credentials", "Неверный пароль"),
        json(200, { status: "ok" }),
      ],
    });
    const events: unknown[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener(SESSION_CHANGED_EVENT, listener);
    const wrapper = render(DataPanel, api);
    await buttonByText(wrapper, "Удалить учётную запись").trigger("click");
    await flushPromises();
    await inputByLabel(wrapper, "Пароль").setValue("wrong");
    await wrapper.get('[role="dialog"] form').trigger("submit");
    await flushPromises();
    expect(wrapper.get('[role="dialog"]').text()).toContain("Неверный пароль");
    await inputByLabel(wrapper, "Пароль").setValue("Secret-123");
    await wrapper.get('[role="dialog"] form').trigger("submit");
    await flushPromises();
    expect(calls.map((c) => c.body)).toEqual([{ password: "wrong" }, { password: "Secret-123" }]);
    expect(events).toEqual([null]);
    window.removeEventListener(SESSION_CHANGED_EVENT, listener);
  });
});
