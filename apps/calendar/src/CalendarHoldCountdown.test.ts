import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { nextTick } from "vue";
import CalendarHoldCountdown from "./CalendarHoldCountdown.vue";
import { fakeApi, render, unmountAll } from "./test-helpers.ts";

const START = new Date("2026-11-26T10:00:00.000Z");

describe("CalendarHoldCountdown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  function renderCountdown(expiresAt = "2026-11-26T10:05:00.000Z") {
    return render(CalendarHoldCountdown, fakeApi({}).api, { props: { expiresAt } });
  }

  it("counts down every second in a silent timer and speaks once at a minute left", async () => {
    const wrapper = renderCountdown();
    const timer = wrapper.get("[role=timer]");
    expect(timer.text()).toBe("Время закреплено за вами ещё 5:00");
    expect(wrapper.get('[data-testid="hold-countdown"]').element).toBe(timer.element);
    await vi.advanceTimersByTimeAsync(1000);
    expect(timer.text()).toBe("Время закреплено за вами ещё 4:59");
    expect(wrapper.get("[role=status]").text()).toBe("");
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 58_000);
    expect(timer.text()).toContain("1:01");
    expect(wrapper.get("[role=status]").text()).toBe("");
    await vi.advanceTimersByTimeAsync(1000);
    expect(timer.text()).toContain("1:00");
    expect(wrapper.get("[role=status]").text()).toBe("Осталась одна минута, чтобы подтвердить запись.");
    expect(wrapper.emitted("lapsed")).toBeUndefined();
  });

  it("counts from the server's seconds left, not from a device clock that is wrong", async () => {
    // The device is 10 minutes behind the server: by its clock the hold would last 15 minutes.
    vi.setSystemTime(new Date(START.getTime() - 10 * 60_000));
    const wrapper = render(CalendarHoldCountdown, fakeApi({}).api, {
      props: { expiresAt: "2026-11-26T10:05:00.000Z", secondsLeftAtAnswer: 300 },
    });
    expect(wrapper.get("[role=timer]").text()).toBe("Время закреплено за вами ещё 5:00");
    await vi.advanceTimersByTimeAsync(300_000);
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
  });

  it("says the hold lapsed once, when the time is up", async () => {
    const wrapper = renderCountdown("2026-11-26T10:00:03.000Z");
    await vi.advanceTimersByTimeAsync(2000);
    expect(wrapper.emitted("lapsed")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    await nextTick();
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
    expect(wrapper.get("[role=timer]").text()).toContain("0:00");
    await vi.advanceTimersByTimeAsync(5000);
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
  });

  it("reports an already lapsed hold at once", async () => {
    const wrapper = renderCountdown("2026-11-26T09:59:00.000Z");
    await nextTick();
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
  });
});
