import { SESSION_CHANGED_EVENT } from "@priyom/federation";
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

afterEach(() => {
  unmountAll();
  history.replaceState(null, "", "/");
});

const staffReferral = {
  id: "ref_9",
  number: "9876543210",
  status: "active",
  issuedOn: "2025-01-31",
  lastValidDay: "2025-03-02",
  validityDays: 30,
  specialty: "cardiologist",
  allowedClinicIds: ["cln_1"],
  urgency: "planned",
  kind: "regular",
  matched: false,
};

describe("ReferralsApp role switch", () => {
  it("invites a signed-out visitor to sign in through the shell and still lists the specialties", async () => {
    const navigate = vi.fn();
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": apiError(401, "unauthorized", "Войдите"),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralsApp, api, { remote: { navigate } });
    await flushPromises();
    expect(wrapper.get("h2").text()).toBe("Мои направления");
    const invitation = wrapper.get('[data-testid="sign-in-invitation"]');
    expect(invitation.text()).toContain("Войдите, чтобы увидеть свои направления");
    await invitation.get("a").trigger("click");
    expect(navigate).toHaveBeenCalledWith("/cabinet/sign-in");
    expect(wrapper.text()).toContain("Кардиолог");
    expect(calls.some((c) => c.path === "/api/v1/referrals")).toBe(false);
  });

  it("shows the patient's cards, and the staff screens after a session change to clinic staff", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("patient") }),
      "GET /api/v1/referrals": json(200, { items: [referral()] }),
      "GET /api/v1/specialties": json(200, specialties),
      "GET /api/v1/staff/referrals": json(200, { items: [staffReferral] }),
    });
    const wrapper = render(ReferralsApp, api);
    await flushPromises();
    expect(wrapper.findAll('[data-testid="referral-card"]')).toHaveLength(1);
    expect(wrapper.find('[data-testid="staff-referral"]').exists()).toBe(false);

    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: sessionUser("clinic_staff") }));
    await flushPromises();
    expect(wrapper.get("h2").text()).toBe("Направления поликлиники");
    const row = wrapper.get('[data-testid="staff-referral"]');
    expect(row.attributes("data-number")).toBe("9876543210");
    expect(row.text()).toContain("Кардиолог");
    expect(row.text()).toContain("ожидает регистрации");
    expect(wrapper.text()).toContain("Выдать направление");
    expect(wrapper.find('[data-testid="referral-card"]').exists()).toBe(false);
    expect(calls.filter((c) => c.path === "/api/v1/staff/referrals")).toHaveLength(1);

    window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: null }));
    await flushPromises();
    expect(wrapper.find('[data-testid="sign-in-invitation"]').exists()).toBe(true);
  });

  it("opens a card's detail and puts its path in the shell's URL; a deep link opens it directly", async () => {
    const navigate = vi.fn();
    const { api, calls } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("patient") }),
      "GET /api/v1/referrals": json(200, { items: [referral()] }),
      "GET /api/v1/referrals/ref_1": json(200, referralDetail()),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralsApp, api, { remote: { navigate } });
    await flushPromises();
    await wrapper.get('[data-testid="referral-card"]').trigger("click");
    await flushPromises();
    expect(navigate).toHaveBeenCalledWith("/referrals/ref_1");
    expect(wrapper.get('[data-testid="referral-detail"]').attributes("data-referral-id")).toBe("ref_1");
    unmountAll();

    history.replaceState(null, "", "/referrals/ref_1");
    const deep = render(ReferralsApp, api);
    await flushPromises();
    expect(deep.get('[data-testid="referral-number"]').text()).toBe("1234567890");
    expect(calls.filter((c) => c.path === "/api/v1/referrals/ref_1")).toHaveLength(2);
  });

  it("filters the cards to the specialty in ?specialty= and shows all on request", async () => {
    history.replaceState(null, "", "/referrals?specialty=ophthalmologist");
    const navigate = vi.fn();
    const { api } = fakeApi({
      "GET /api/v1/account/me": json(200, { user: sessionUser("patient") }),
      "GET /api/v1/referrals": json(200, {
        items: [
          referral(),
          referral({
            id: "ref_2",
            number: "2222222222",
            specialty: { code: "ophthalmologist", nameRu: "Офтальмолог" },
          }),
        ],
      }),
      "GET /api/v1/specialties": json(200, specialties),
    });
    const wrapper = render(ReferralsApp, api, { remote: { navigate } });
    await flushPromises();
    expect(wrapper.get('[data-testid="specialty-filter"]').text()).toContain("Офтальмолог");
    expect(
      wrapper.findAll('[data-testid="referral-card"]').map((c) => c.attributes("data-referral-id")),
    ).toEqual(["ref_2"]);
    const showAll = wrapper.findAll("button").find((b) => b.text() === "Показать все");
    await showAll?.trigger("click");
    expect(navigate).toHaveBeenCalledWith("/referrals");
    expect(wrapper.findAll('[data-testid="referral-card"]')).toHaveLength(2);
  });
});
