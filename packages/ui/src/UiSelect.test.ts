import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createPriyomI18n } from "./i18n.ts";
import UiSelect from "./UiSelect.vue";

const global = { plugins: [createPriyomI18n("ru")] };
const options = [
  { value: "therapist", label: "Терапевт" },
  { value: "cardiologist", label: "Кардиолог" },
];

describe("UiSelect", () => {
  it("ties the label and error to the select and offers the placeholder first", () => {
    const wrapper = mount(UiSelect, {
      global,
      props: {
        label: "Специальность",
        id: "spec",
        options,
        placeholder: "Выберите",
        error: "Выберите специальность",
      },
    });
    const select = wrapper.get("select");
    expect(wrapper.get("label").attributes("for")).toBe("spec");
    expect(select.attributes("aria-invalid")).toBe("true");
    expect(select.attributes("aria-describedby")).toBe("spec-error");
    expect(wrapper.findAll("option").map((o) => o.text())).toEqual(["Выберите", "Терапевт", "Кардиолог"]);
  });

  it("updates the model on change", async () => {
    const wrapper = mount(UiSelect, { global, props: { label: "Специальность", options } });
    await wrapper.get("select").setValue("cardiologist");
    expect(wrapper.emitted("update:modelValue")).toEqual([["cardiologist"]]);
    expect(wrapper.get("select").attributes("aria-describedby")).toBeUndefined();
  });
});
