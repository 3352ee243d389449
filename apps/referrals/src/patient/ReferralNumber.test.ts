import { flushPromises, mount } from "@vue/test-utils";
import { createPriyomI18n } from "@priyom/ui";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import ReferralNumber from "./ReferralNumber.vue";

describe("ReferralNumber", () => {
  it("shows the number with a QR code of exactly that number", async () => {
    const wrapper = mount(ReferralNumber, {
      props: { number: "100200300" },
      global: { plugins: [createPriyomI18n("ru")] },
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="referral-number"]').text()).toBe("100200300");
    const img = wrapper.get('[data-testid="referral-qr"]');
    expect(img.attributes("alt")).toBe("QR-код номера направления 100200300");
    const expected = await QRCode.toString("100200300", {
      type: "svg",
      margin: 1,
      errorCorrectionLevel: "M",
    });
    expect(
      decodeURIComponent((img.attributes("src") ?? "").replace("data:image/svg+xml;charset=utf-8,", "")),
    ).toBe(expected);
    const other = await QRCode.toString("100200301", { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    expect(other).not.toBe(expected);
  });
});
