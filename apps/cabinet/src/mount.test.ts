import { FEDERATION_CONTRACT_VERSION } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contractVersion, mount } from "./mount.ts";

describe("cabinet mount contract", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("renders into el and the unmount leaves el empty", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: "unauthorized", message: "x", requestId: "r" } }), {
          status: 401,
        }),
      ),
    );
    expect(contractVersion).toBe(FEDERATION_CONTRACT_VERSION);
    const el = document.createElement("div");
    document.body.appendChild(el);
    const unmount = mount(el, { apiBase: "", basePath: "/cabinet", locale: "ru", navigate: () => undefined });
    await flushPromises();
    expect(el.querySelector("h2")?.textContent).toContain("Личный кабинет");
    unmount();
    expect(el.innerHTML).toBe("");
    expect(el.attributes).toHaveLength(0);
    expect(window.__PRIYOM_VUE_RUNTIMES__?.size).toBe(1);
    el.remove();
  });
});
