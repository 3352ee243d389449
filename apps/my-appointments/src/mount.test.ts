import { FEDERATION_CONTRACT_VERSION } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contractVersion, mount } from "./mount.ts";

describe("my-appointments mount contract", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.documentElement.className = "";
  });

  it("renders into el (signed out: the way to sign in) and the unmount leaves el empty", async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve(
        new Response(
          JSON.stringify({ error: { code: "unauthorized", message: "Войдите", requestId: "r1" } }),
          {
            status: 401,
            headers: { "Content-Type": "application/json" },
          },
        ),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    expect(contractVersion).toBe(FEDERATION_CONTRACT_VERSION);
    const el = document.createElement("div");
    document.body.appendChild(el);
    const unmount = mount(el, {
      apiBase: "https://api.test",
      basePath: "/appointments",
      locale: "ru",
      navigate: () => undefined,
    });
    await flushPromises();
    expect(el.querySelector("h2")?.textContent).toContain("Мои записи");
    expect(el.textContent).toContain("Войдите, чтобы увидеть свои записи");
    expect(fetchMock.mock.calls.map((call) => call[0])).toEqual(["https://api.test/api/v1/account/me"]);
    unmount();
    expect(el.innerHTML).toBe("");
    expect(el.attributes).toHaveLength(0);
    expect(window.__PRIYOM_VUE_RUNTIMES__?.size).toBe(1);
    el.remove();
  });
});
