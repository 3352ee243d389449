import { createApiClient, type TReferral, type TReferralDetail } from "@priyom/api-client";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import type { Component } from "vue";
import { API_KEY } from "./use-api.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
}

type Answer = Response | ((body: unknown) => Response);

/** A fake API: answers by "METHOD /path" (a queue per route; the last answer repeats), records calls. */
export function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: RecordedCall[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const fetchImpl: typeof fetch = (input, init) => {
    const path = new URL(input instanceof Request ? input.url : input.toString(), "http://x").pathname;
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path, body });
    const queue = queues.get(`${method} ${path}`);
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!answer)
      return Promise.resolve(json(404, { error: { code: "not_found", message: "Нет", requestId: "r0" } }));
    return Promise.resolve(typeof answer === "function" ? answer(body) : answer.clone());
  };
  return { api: createApiClient({ fetchImpl }), calls };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const apiError = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  json(status, { error: { code, message, requestId: `req_${status}`, ...(fields ? { fields } : {}) } });

export const sessionUser = (role: "patient" | "clinic_staff" | "admin") => ({
  id: "usr_1",
  role,
  displayName: "Анна Иванова",
  phoneMasked: "+7 912 ***-**-89",
  email: "anna@example.ru",
  twoFactorEnabled: false,
});

export const specialties = {
  items: [
    { code: "therapist", nameRu: "Терапевт", nameEn: "Therapist", patientAge: "any", related: [] },
    {
      code: "cardiologist",
      nameRu: "Кардиолог",
      nameEn: "Cardiologist",
      patientAge: "any",
      related: ["therapist"],
    },
    {
      code: "ophthalmologist",
      nameRu: "Офтальмолог",
      nameEn: "Ophthalmologist",
      patientAge: "any",
      related: [],
    },
  ],
};

/** A referral as the API answers it, with the fields a test cares about overridden. */
export function referral(overrides: Partial<TReferral> = {}): TReferral {
  return {
    id: "ref_1",
    number: "1234567890",
    status: "active",
    patient: { kind: "self", childId: null, name: "Иванова Анна Петровна" },
    specialty: { code: "cardiologist", nameRu: "Кардиолог" },
    issuingClinic: {
      id: "cln_1",
      fullName: "ГАУЗ СО «Городская поликлиника № 2»",
      shortName: "ГП № 2",
      ogrn: "1026605227923",
      address: "Екатеринбург, ул. Ленина, 1",
    },
    allowedClinics: [
      {
        id: "cln_1",
        shortName: "ГП № 2",
        fullName: "ГАУЗ СО «Городская поликлиника № 2»",
        address: "Екатеринбург, ул. Ленина, 1",
        timeZone: "Asia/Yekaterinburg",
      },
    ],
    urgency: "planned",
    kind: "regular",
    diagnosisCode: "I10",
    issuingDoctor: "Петров Пётр Петрович",
    issuedOn: "2025-01-31",
    lastValidDay: "2025-03-02",
    timeZone: "Asia/Yekaterinburg",
    daysLeft: 5,
    expiringSoon: false,
    bookable: true,
    notBookableReason: null,
    ...overrides,
  };
}

export function referralDetail(overrides: Partial<TReferralDetail> = {}): TReferralDetail {
  return {
    ...referral(overrides),
    history: [
      { at: "2025-01-31T05:00:00Z", kind: "issued", actor: "ГП № 2", reason: null },
      { at: "2025-02-01T06:00:00Z", kind: "extended", actor: "ГП № 2", reason: "Курс лечения продолжается" },
    ],
    ...overrides,
  };
}

const mounted: { unmount: () => void }[] = [];

/** Unmounts everything `render` mounted and empties the page. */
export function unmountAll(): void {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = "";
}

export type Wrapper = VueWrapper;

/** Mounts a referrals component with a fresh store, the Russian messages and a fake API. */
export function render(
  component: Component,
  api: ReturnType<typeof fakeApi>["api"],
  options: { props?: Record<string, unknown>; remote?: Partial<RemoteMountProps> } = {},
): Wrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  const remote: RemoteMountProps = {
    apiBase: "",
    basePath: "/referrals",
    locale: "ru",
    navigate: () => undefined,
    ...options.remote,
  };
  const wrapper = mount(component, {
    props: options.props ?? {},
    attachTo: document.body,
    global: {
      plugins: [pinia, createPriyomI18n("ru")],
      provide: { [API_KEY]: api, [REMOTE_PROPS_KEY]: remote },
    },
  });
  mounted.push(wrapper);
  // mount() of a component known only as `Component` is typed VueWrapper<any>.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return
  return wrapper;
}

/** The input a `<label>` with this text points at (the «(необязательно)» mark ignored). */
export function inputByLabel(wrapper: Wrapper, text: string) {
  const label = wrapper.findAll("label").find(
    (l) =>
      l
        .text()
        .replace(/\s*\((обязательное поле|необязательно)\)$/, "")
        .trim() === text,
  );
  if (!label) throw new Error(`no label «${text}»`);
  return wrapper.get(`[id="${label.attributes("for") ?? ""}"]`);
}

export function buttonByText(wrapper: Wrapper, text: string) {
  const button = wrapper.findAll("button").find((b) => b.text().trim() === text);
  if (!button) throw new Error(`no button «${text}»`);
  return button;
}
