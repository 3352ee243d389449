import { isContractCompatible } from "@priyom/federation";
import { assertRemoteContract, signedOutFetch } from "@priyom/federation/testing";
import { getActivePinia } from "pinia";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as remote from "./mount.ts";

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
    vi.stubGlobal("fetch", vi.fn(signedOutFetch));
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
