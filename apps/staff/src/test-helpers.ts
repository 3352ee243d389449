import { createApiClient, type TAlternativeSlot, type TStaffPriorityRequest } from "@priyom/api-client";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import type { Component } from "vue";
import { API_KEY } from "./use-api.ts";
import { CLOCK_KEY } from "./use-clock.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

type Answer = Response | ((body: unknown, query: Record<string, string>) => Response);

/** A fake API: answers by "METHOD /path" (a queue per route; the last answer repeats), records calls. */
export function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: RecordedCall[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), "http://x");
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const query = Object.fromEntries(url.searchParams);
    calls.push({ method, path: url.pathname, query, body });
    const queue = queues.get(`${method} ${url.pathname}`);
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!answer)
      return Promise.resolve(json(404, { error: { code: "not_found", message: "Нет", requestId: "r0" } }));
    return Promise.resolve(typeof answer === "function" ? answer(body, query) : answer.clone());
  };
  return { api: createApiClient({ fetchImpl }), calls };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const apiError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) => json(status, { error: { code, message, requestId: `req_${status}`, ...extra } });

export const sessionUser = (role: "patient" | "clinic_staff" | "admin") => ({
  id: "usr_1",
  role,
  displayName: "Ольга Петрова",
  phoneMasked: "+7 912 ***-**-89",
  email: "olga@example.ru",
  twoFactorEnabled: false,
});

/** 2026-03-13 12:00 in Moscow. */
export const NOW = new Date("2026-03-13T09:00:00Z");

export function priorityRequest(overrides: Partial<TStaffPriorityRequest> = {}): TStaffPriorityRequest {
  return {
    id: "prq_1",
    referral: {
      id: "ref_1",
      number: "1234567890",
      specialty: "Кардиолог",
      specialtyCode: "cardiologist",
      lastValidDay: "2026-04-02",
    },
    patient: { name: "Иванова Анна Петровна", birthYear: 1985 },
    reason: "Боли в груди, врач просил попасть к кардиологу на этой неделе",
    urgency: "normal",
    status: "pending",
    decisionReason: null,
    appointmentId: null,
    createdAt: "2026-03-10T08:00:00Z",
    decidedAt: null,
    ...overrides,
  };
}

export function slot(overrides: Partial<TAlternativeSlot> = {}): TAlternativeSlot {
  return {
    slotId: "slt_1",
    localDate: "2026-03-16",
    localTime: "10:15",
    minutes: 15,
    timeZone: "Europe/Moscow",
    startsAt: "2026-03-16T07:15:00Z",
    group: "same_clinic",
    doctor: { id: "doc_1", name: "Петров Пётр Петрович", room: "214" },
    clinic: { id: "cln_1", shortName: "ГП № 2", address: "Москва, ул. Ленина, 1" },
    ...overrides,
  };
}

export function staffAppointment(overrides: Record<string, unknown> = {}) {
  return {
    id: "apt_1",
    ticketNumber: "Т-0001001",
    status: "booked",
    localDate: "2026-03-13",
    localTime: "09:00",
    minutes: 15,
    timeZone: "Europe/Moscow",
    startsAt: "2026-03-13T06:00:00Z",
    patientName: "Иванов Иван Иванович",
    doctor: { id: "doc_1", name: "Петров Пётр Петрович", room: "214", specialty: "Кардиолог" },
    referralNumber: "1234567890",
    ...overrides,
  };
}

/** An appointment as `done|missed|cancel` answer it (only the status matters to the screen). */
export function appointment(id: string, status: string) {
  return {
    id,
    ticketNumber: "Т-0001001",
    status,
    localDate: "2026-03-13",
    localTime: "09:00",
    minutes: 15,
    timeZone: "Europe/Moscow",
    startsAt: "2026-03-13T06:00:00Z",
    endsAt: "2026-03-13T06:15:00Z",
    patient: { kind: "self", name: "Иванов Иван Иванович" },
    doctor: {
      id: "doc_1",
      name: "Петров Пётр Петрович",
      specialty: { code: "cardiologist", nameRu: "Кардиолог" },
      room: "214",
    },
    clinic: {
      id: "cln_1",
      shortName: "ГП № 2",
      fullName: "Городская поликлиника № 2",
      address: "Москва, ул. Ленина, 1",
      phone: null,
    },
    referral: { id: "ref_1", number: "1234567890" },
    contactPhone: "+79120000089",
    visitMode: "in_person",
    cancelledBy: status === "cancelled" ? "clinic" : null,
    cancelReason: null,
    rescheduledToId: null,
    changeableUntil: null,
    createdAt: "2026-03-01T06:00:00Z",
  };
}

const mounted: { unmount: () => void }[] = [];

/** Unmounts everything `render` mounted and empties the page. */
export function unmountAll(): void {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = "";
}

export type Wrapper = VueWrapper;

/** Mounts a staff component with a fresh store, the Russian messages, a fake API and a fixed clock. */
export function render(
  component: Component,
  api: ReturnType<typeof fakeApi>["api"],
  options: { props?: Record<string, unknown>; remote?: Partial<RemoteMountProps> } = {},
): Wrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  const remote: RemoteMountProps = {
    apiBase: "",
    basePath: "/staff",
    locale: "ru",
    navigate: () => undefined,
    ...options.remote,
  };
  const wrapper = mount(component, {
    props: options.props ?? {},
    attachTo: document.body,
    global: {
      plugins: [pinia, createPriyomI18n("ru")],
      provide: { [API_KEY]: api, [REMOTE_PROPS_KEY]: remote, [CLOCK_KEY]: () => NOW },
    },
  });
  mounted.push(wrapper);
  // mount() of a component known only as `Component` is typed VueWrapper<any>.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return
  return wrapper;
}

/** The control a `<label>` with this text points at (the «(обязательное поле)» marks ignored). */
export function inputByLabel(text: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const label = Array.from(document.querySelectorAll("label")).find(
    (l) => (l.textContent ?? "").replace(/\s*\((обязательное поле|необязательно)\)\s*$/, "").trim() === text,
  );
  const control = label ? document.getElementById(label.htmlFor) : null;
  if (
    !(control instanceof HTMLInputElement) &&
    !(control instanceof HTMLSelectElement) &&
    !(control instanceof HTMLTextAreaElement)
  )
    throw new Error(`no control labelled «${text}»`);
  return control;
}

/** Sets a control's value as a person would (input + change events). */
export function fill(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A button by its visible text anywhere on the page (dialogs included). */
export function buttonByText(text: string, within: ParentNode = document): HTMLButtonElement {
  const button = Array.from(within.querySelectorAll("button")).find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button «${text}»`);
  return button;
}

/** The open modal dialog. */
export function dialog(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!el) throw new Error("no dialog open");
  return el;
}
