import { FEDERATION_CONTRACT_VERSION } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contractVersion, mount } from "./mount.ts";

describe("staff mount contract", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("renders into el, tells a signed-out visitor whom the section is for, and the unmount leaves el empty", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ error: { code: "unauthorized", message: "Войдите", requestId: "r" } }),
          {
            status: 401,
          },
        ),
      ),
    );
    expect(contractVersion).toBe(FEDERATION_CONTRACT_VERSION);
    const el = document.createElement("div");
    document.body.appendChild(el);
    const navigate = vi.fn();
    const unmount = mount(el, { apiBase: "", basePath: "/staff", locale: "ru", navigate });
    await flushPromises();
    expect(el.querySelector("h2")?.textContent).toBe("Работа с записями");
    expect(el.textContent).toContain("раздел для сотрудников поликлиник и администраторов");
    el.querySelector<HTMLAnchorElement>('[data-testid="staff-sign-in"] a')?.click();
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
    unmount();
    expect(el.innerHTML).toBe("");
    expect(el.attributes).toHaveLength(0);
    expect(window.__PRIYOM_VUE_RUNTIMES__?.size).toBe(1);
    el.remove();
  });
});
