import { afterEach, describe, expect, it } from "vitest";
import CalendarMonth from "./CalendarMonth.vue";
import { fakeApi, focused, render, unmountAll } from "./test-helpers.ts";

const free = new Map([
  ["2026-11-27", 12],
  ["2026-11-30", 1],
  ["2026-12-04", 3],
]);

function renderMonth(selected?: string) {
  return render(CalendarMonth, fakeApi({}).api, {
    props: { free, selected, initial: "2026-11-27", min: "2026-11-26", max: "2026-12-31" },
  });
}

async function press(key: string) {
  const target = focused();
  if (!target) throw new Error("nothing focused");
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 0));
}

describe("CalendarMonth", () => {
  afterEach(unmountAll);

  it("names every day with its free count and marks the free ones", () => {
    const wrapper = renderMonth();
    const day = (date: string) => wrapper.get(`[data-testid="month-day"][data-date="${date}"]`);
    expect(day("2026-11-27").attributes("aria-label")).toBe("27 ноября, 12 свободных");
    expect(day("2026-11-30").attributes("aria-label")).toBe("30 ноября, 1 свободное");
    expect(day("2026-11-28").attributes("aria-label")).toBe("28 ноября, нет свободного времени");
    expect(day("2026-11-28").attributes("aria-disabled")).toBe("true");
    expect(day("2026-11-27").attributes("aria-disabled")).toBeUndefined();
    expect(day("2026-11-20").attributes("aria-label")).toBe("20 ноября, вне выбранного периода");
    expect(wrapper.get("[role=grid]").attributes("aria-labelledby")).toBeTruthy();
    expect(wrapper.get("h4").text()).toBe("Ноябрь 2026");
    // One day in the tab order: the initial one.
    const tabbable = wrapper
      .findAll('[data-testid="month-day"]')
      .filter((d) => d.attributes("tabindex") === "0");
    expect(tabbable.map((d) => d.attributes("data-date"))).toEqual(["2026-11-27"]);
  });

  it("moves focus by day, week, week ends and month with the keyboard", async () => {
    const wrapper = renderMonth();
    wrapper.get<HTMLButtonElement>('[data-date="2026-11-27"]').element.focus();
    await press("ArrowRight");
    expect(focused()?.dataset.date).toBe("2026-11-28");
    await press("ArrowDown");
    expect(focused()?.dataset.date).toBe("2026-12-05");
    // The month shown follows focus.
    expect(wrapper.get("h4").text()).toBe("Декабрь 2026");
    await press("ArrowUp");
    expect(focused()?.dataset.date).toBe("2026-11-28");
    await press("Home");
    expect(focused()?.dataset.date).toBe("2026-11-23");
    await press("End");
    expect(focused()?.dataset.date).toBe("2026-11-29");
    await press("ArrowLeft");
    expect(focused()?.dataset.date).toBe("2026-11-28");
    await press("PageDown");
    expect(focused()?.dataset.date).toBe("2026-12-28");
    await press("PageUp");
    await press("PageUp");
    expect(focused()?.dataset.date).toBe("2026-10-28");
    expect(wrapper.get("h4").text()).toBe("Октябрь 2026");
    expect(focused()?.getAttribute("tabindex")).toBe("0");
  });

  it("chooses a free day with Enter or a click, and ignores a day without free time", async () => {
    const wrapper = renderMonth();
    await wrapper.get('[data-date="2026-11-28"]').trigger("click");
    expect(wrapper.emitted("select")).toBeUndefined();
    await wrapper.get('[data-date="2026-11-30"]').trigger("click");
    expect(wrapper.emitted("select")).toEqual([["2026-11-30"]]);
  });

  it("shows the selected day as selected", () => {
    const wrapper = renderMonth("2026-11-30");
    const cell = wrapper.get('[data-date="2026-11-30"]').element.parentElement;
    expect(cell?.getAttribute("aria-selected")).toBe("true");
    expect(wrapper.get('[data-date="2026-11-30"]').attributes("tabindex")).toBe("0");
  });
});
