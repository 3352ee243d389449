import { mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import UiSignInLink from "./UiSignInLink.vue";

describe("UiSignInLink", () => {
  it("is a link to the cabinet's sign-in in the shell, navigating without a page load", async () => {
    const navigate = vi.fn();
    const wrapper = mount(UiSignInLink, { props: { navigate }, slots: { default: "Войти" } });
    const link = wrapper.get("a");
    expect(link.attributes("href")).toBe("/cabinet/sign-in");
    await link.trigger("click");
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
    expect(wrapper.find("button").exists()).toBe(false);
  });

  it("is a button that asks the host to sign in when the host can (a partner widget)", async () => {
    const navigate = vi.fn();
    const requestSignIn = vi.fn();
    const wrapper = mount(UiSignInLink, { props: { navigate, requestSignIn }, slots: { default: "Войти" } });
    const button = wrapper.get("button");
    expect(button.attributes("type")).toBe("button");
    expect(button.text()).toBe("Войти");
    await button.trigger("click");
    expect(requestSignIn).toHaveBeenCalledOnce();
    expect(navigate).not.toHaveBeenCalled();
    expect(wrapper.find("a").exists()).toBe(false);
  });
});
