import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeApi, render, unmountAll } from "../test-helpers.ts";
import WaitlistCountdown from "./WaitlistCountdown.vue";

describe("WaitlistCountdown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-26T13:00:00.000Z"));
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it("counts the server's seconds left in a silent timer, speaks once at a minute left, then lapses once", async () => {
    const wrapper = render(WaitlistCountdown, fakeApi({}).api, {
      props: { secondsLeft: 62, offerKey: "wl_1:slt_9" },
    });
    const timer = wrapper.get("[role=timer]");
    expect(timer.text()).toBe("Место закреплено за вами ещё 1:02");
    expect(wrapper.get("[role=status]").text()).toBe("");
    await vi.advanceTimersByTimeAsync(1000);
    expect(timer.text()).toContain("1:01");
    expect(wrapper.get("[role=status]").text()).toBe("");
    await vi.advanceTimersByTimeAsync(1000);
    expect(timer.text()).toContain("1:00");
    expect(wrapper.get("[role=status]").text()).toBe(
      "Осталась одна минута, чтобы записаться на предложенное время.",
    );
    expect(wrapper.emitted("lapsed")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(timer.text()).toContain("0:00");
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
  });

  it("ignores a device clock that is wrong: the count runs from secondsLeft", async () => {
    // The device is an hour behind: the offer's expiresAt would look an hour and a quarter away.
    vi.setSystemTime(new Date("2026-11-26T12:00:00.000Z"));
    const wrapper = render(WaitlistCountdown, fakeApi({}).api, {
      props: { secondsLeft: 900, offerKey: "k" },
    });
    expect(wrapper.get("[role=timer]").text()).toBe("Место закреплено за вами ещё 15:00");
    await vi.advanceTimersByTimeAsync(900_000);
    expect(wrapper.emitted("lapsed")).toHaveLength(1);
  });

  it("starts again from the new seconds when a new offer arrives", async () => {
    const wrapper = render(WaitlistCountdown, fakeApi({}).api, { props: { secondsLeft: 10, offerKey: "a" } });
    await vi.advanceTimersByTimeAsync(8000);
    expect(wrapper.get("[role=timer]").text()).toContain("0:02");
    await wrapper.setProps({ secondsLeft: 600, offerKey: "b" });
    expect(wrapper.get("[role=timer]").text()).toContain("10:00");
  });
});
