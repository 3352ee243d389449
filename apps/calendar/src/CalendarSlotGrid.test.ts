import { afterEach, describe, expect, it } from "vitest";
import { nextTick } from "vue";
import CalendarSlotGrid from "./CalendarSlotGrid.vue";
import { fakeApi, focused, render, slot, unmountAll } from "./test-helpers.ts";

const slots = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "11:00", "11:15"].map((t) =>
  slot(t),
);

function renderGrid(list = slots) {
  return render(CalendarSlotGrid, fakeApi({}).api, {
    props: { slots: list, label: "Свободное время, 27 ноября", doctorName: "Иванов Пётр Сергеевич" },
  });
}

async function press(key: string, ctrlKey = false) {
  focused()?.dispatchEvent(new KeyboardEvent("keydown", { key, ctrlKey, bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 0));
}

describe("CalendarSlotGrid", () => {
  afterEach(unmountAll);

  it("names each start with time, date and doctor, in rows of four", () => {
    const wrapper = renderGrid();
    const buttons = wrapper.findAll('[data-testid="day-slot"]');
    expect(buttons.map((b) => b.attributes("aria-label"))[5]).toBe("10:15, 27 ноября, врач Иванов П. С.");
    expect(buttons[5]?.attributes("data-slot-id")).toBe("slt_1015");
    expect(wrapper.get("[role=grid]").attributes("aria-label")).toBe("Свободное время, 27 ноября");
    expect(wrapper.findAll("[role=row]").map((r) => r.findAll("button").length)).toEqual([4, 4, 1]);
    expect(buttons.filter((b) => b.attributes("tabindex") === "0")).toHaveLength(1);
  });

  it("moves focus with arrows, Home, End and Ctrl+End", async () => {
    const wrapper = renderGrid();
    wrapper.findAll("button")[0]?.element.focus();
    await press("ArrowRight");
    expect(focused()?.textContent?.trim()).toBe("09:15");
    await press("ArrowDown");
    expect(focused()?.textContent?.trim()).toBe("10:15");
    await press("End");
    expect(focused()?.textContent?.trim()).toBe("11:00");
    await press("ArrowRight");
    expect(focused()?.textContent?.trim()).toBe("11:15");
    await press("ArrowUp");
    expect(focused()?.textContent?.trim()).toBe("10:00");
    await press("ArrowRight");
    await press("Home");
    expect(focused()?.textContent?.trim()).toBe("10:00");
    await press("End", true);
    expect(focused()?.textContent?.trim()).toBe("11:15");
    await press("ArrowDown");
    expect(focused()?.textContent?.trim()).toBe("11:15");
    await press("Home", true);
    expect(focused()?.textContent?.trim()).toBe("09:00");
    expect(focused()?.getAttribute("tabindex")).toBe("0");
  });

  it("emits the chosen start", async () => {
    const wrapper = renderGrid();
    await wrapper.findAll("button")[2]?.trigger("click");
    expect(wrapper.emitted("choose")?.[0]).toEqual([slots[2]]);
  });

  it("keeps focus in the grid when the focused start disappears", async () => {
    const wrapper = renderGrid();
    wrapper.findAll("button")[5]?.element.focus();
    await press("ArrowRight");
    expect(focused()?.textContent?.trim()).toBe("10:30");
    await wrapper.setProps({ slots: slots.filter((s) => s.localTime !== "10:30") });
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
    expect(focused()?.textContent?.trim()).toBe("11:00");
    expect(wrapper.findAll("button")).toHaveLength(8);
  });
});
