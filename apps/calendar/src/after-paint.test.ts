import { afterEach, describe, expect, it, vi } from "vitest";
import { beforeNextPaint } from "./after-paint.ts";

/** Lets every pending microtask run. */
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("beforeNextPaint", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("waits for the next animation frame, not just a microtask", async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
    let resolved = false;
    void beforeNextPaint().then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false);
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    await settle();
    expect(resolved).toBe(true);
  });

  it("does not wait for a frame in a hidden tab, where none comes", async () => {
    const requestFrame = vi.fn();
    vi.stubGlobal("requestAnimationFrame", requestFrame);
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    await beforeNextPaint();
    expect(requestFrame).not.toHaveBeenCalled();
  });
});
