import { createMemoryLocation } from "@priyom/federation";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import ReferralsApp from "./ReferralsApp.vue";
import {
  apiError,
  fakeApi,
  json,
  referral,
  referralDetail,
  render,
  sessionUser,
  specialties,
  unmountAll,
} from "./test-helpers.ts";

// «Мои направления» as a partner widget mounts it: a memory location and a sign-in request.

afterEach(() => {
  unmountAll();
  history.replaceState(null, "", "/");
});

describe("«Мои направления» in a partner widget", () => {
  it("signed out: «Войти» is a button that asks the host to sign in", async () => {
    const requestSignIn = vi.fn();
    const navigate = vi.fn();
    const { api } = fakeApi({
      "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите"),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralsApp, api, { remote: { requestSignIn, navigate } });
    await flushPromises();
    const invitation = wrapper.get('[data-testid="sign-in-invitation"]');
    expect(invitation.find("a").exists()).toBe(false);
    await invitation.get("button").trigger("click");
    expect(requestSignIn).toHaveBeenCalledTimes(1);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("opens a card's detail in its memory location, leaving the page's URL alone", async () => {
    history.replaceState(null, "", "/partner/page");
    const memory = createMemoryLocation("/");
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("patient") }),
      "GET /api/v1/referrals": json(200, { items: [referral()] }),
      "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralsApp, api, {
      remote: { basePath: "/", location: memory, navigate: memory.navigate },
    });
    await flushPromises();
    await wrapper.get('[data-testid="referral-card"]').trigger("click");
    await flushPromises();
    expect(memory.current()).toEqual({ pathname: "/ref_1", search: "" });
    expect(wrapper.get('[data-testid="referral-detail"]').attributes("data-referral-id")).toBe("ref_1");
    memory.navigate("/");
    await flushPromises();
    expect(wrapper.find('[data-testid="referral-detail"]').exists()).toBe(false);
    expect(window.location.pathname).toBe("/partner/page");
  });
});
