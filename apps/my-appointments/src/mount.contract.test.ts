import { isContractCompatible } from "@priyom/federation";
import { assertRemoteContract } from "@priyom/federation/testing";
import { getActivePinia } from "pinia";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as remote from "./mount.ts";

/** The API as a signed-out visitor sees it: no session, empty lists. */
function signedOutApi(input: RequestInfo | URL): Promise<Response> {
  const url = input instanceof Request ? input.url : input.toString();
  const json = { "Content-Type": "application/json" };
  if (url.endsWith("/api/v1/account/me"))
    return Promise.resolve(
      new Response(JSON.stringify({ error: { code: "unauthorized", message: "Войдите", requestId: "r" } }), {
        status: 401,
        headers: json,
      }),
    );
  return Promise.resolve(new Response(JSON.stringify({ items: [] }), { status: 200, headers: json }));
}

describe("my-appointments remote contract", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("declares a compatible contract and its own release", () => {
    expect(isContractCompatible(remote.contractVersion)).toBe(true);
    expect(typeof remote.version).toBe("string");
    expect(remote.version).not.toBe("");
  });

  it("mounts with every prop of the contract and its unmount leaves nothing behind", async () => {
    vi.stubGlobal("fetch", vi.fn(signedOutApi));
    const report = await assertRemoteContract(remote, {
      props: { basePath: "/appointments" },
      getActivePinia,
      whileMounted: (host) => {
        expect(host.querySelector("h2")?.textContent).toContain("Мои записи");
      },
    });
    expect(report.vueApps).toBe(1);
    expect(report.pinias).toBe(1);
  });
});
