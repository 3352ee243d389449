import {
  createApiClient,
  type TAppointment,
  type THistoryEntry,
  type TNotification,
  type TPriorityRequest,
  type TProfile,
  type TReferral,
  type TTicket,
  type TWaitlistEntry,
} from "@priyom/api-client";
import type { RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import type { Component } from "vue";
import { API_KEY } from "./use-api.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export interface RecordedCall {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = Response | Error | ((call: RecordedCall) => Response | Error);

/**
 * A fake API: answers by "METHOD /path?query" or else "METHOD /path" (a queue per route; the last
 * answer repeats), records every call. An `Error` answer is a network failure; a route nobody set
 * answers 404.
 */
export function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: RecordedCall[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), "http://x");
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const call: RecordedCall = {
      method,
      url: `${url.pathname}${url.search}`,
      path: url.pathname,
      body,
      headers: { ...((init?.headers ?? {}) as Record<string, string>) },
    };
    calls.push(call);
    const queue = queues.get(`${method} ${call.url}`) ?? queues.get(`${method} ${call.path}`);
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!answer)
      return Promise.resolve(json(404, { error: { code: "not_found", message: "Нет", requestId: "r0" } }));
    const result = typeof answer === "function" ? answer(call) : answer;
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result.clone());
  };
  return { api: createApiClient({ fetchImpl }), calls };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** An empty success (204) as the API answers marking read or leaving the waitlist. */
export const noContent = () => new Response(null, { status: 204 });

export const apiError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) => json(status, { error: { code, message, requestId: `req_${status}`, ...extra } });

// Fixtures: a cardiologist in Vladivostok (UTC+10) on Friday 27 November 2026, 10:15 local time.

const STARTS_AT = "2026-11-27T00:15:00.000Z";

export function appointment(overrides: Partial<TAppointment> = {}): TAppointment {
  return {
    id: "apt_1",
    ticketNumber: "Т-0001001",
    status: "booked",
    localDate: "2026-11-27",
    localTime: "10:15",
    minutes: 15,
    timeZone: "Asia/Vladivostok",
    startsAt: STARTS_AT,
    endsAt: "2026-11-27T00:30:00.000Z",
    patient: { kind: "self", name: "Иванов Иван Иванович" },
    doctor: {
      id: "doc_1",
      name: "Петрова Анна Сергеевна",
      specialty: { code: "cardiologist", nameRu: "Кардиолог" },
      room: "214",
    },
    clinic: {
      id: "cln_vvo",
      shortName: "ВГКП № 1",
      fullName: "КГБУЗ «Владивостокская поликлиника № 1»",
      address: "г. Владивосток, ул. Светланская, д. 10",
      phone: "+7 423 200-00-00",
    },
    referral: { id: "ref_1", number: "100200300" },
    contactPhone: "+79990000001",
    visitMode: "in_person",
    cancelledBy: null,
    cancelReason: null,
    rescheduledToId: null,
    changeableUntil: "2026-11-26T00:15:00.000Z",
    createdAt: "2026-11-20T03:00:00.000Z",
    ...overrides,
  };
}

export function ticket(overrides: Partial<TTicket> = {}): TTicket {
  return {
    appointment: appointment(),
    specialtyName: "Кардиолог, врач высшей категории",
    registryPhone: "+7 423 200-00-00",
    timeZoneLabel: "Владивосток (UTC+10)",
    instructions: {
      bring: "Паспорт, полис ОМС, направление",
      prepare: "Не курить за 2 часа до приёма",
    },
    videoLink: null,
    qrSvg: "data:image/svg+xml;base64,PHN2Zy8+",
    pdfUrl: "/api/v1/appointments/apt_1/ticket.pdf",
    icsUrl: "/api/v1/appointments/apt_1/ticket.ics",
    ...overrides,
  };
}

export function waitlistEntry(overrides: Partial<TWaitlistEntry> = {}): TWaitlistEntry {
  return {
    id: "wl_1",
    referral: { id: "ref_2", number: "200300400", specialty: "neurologist" },
    fromDate: "2026-12-01",
    toDate: "2026-12-14",
    clinicIds: [],
    doctorIds: [],
    status: "waiting",
    position: 3,
    offer: null,
    appointmentId: null,
    createdAt: "2026-11-20T03:00:00.000Z",
    ...overrides,
  };
}

export function offer(secondsLeft = 900): NonNullable<TWaitlistEntry["offer"]> {
  return {
    slotId: "slt_9",
    localDate: "2026-12-02",
    localTime: "09:30",
    timeZone: "Asia/Vladivostok",
    expiresAt: "2026-11-26T13:15:00.000Z",
    secondsLeft,
    doctor: { id: "doc_2", name: "Сидоров Олег Петрович", room: "305" },
    clinic: { id: "cln_vvo", shortName: "ВГКП № 1", address: "г. Владивосток, ул. Светланская, д. 10" },
  };
}

export function priorityRequest(overrides: Partial<TPriorityRequest> = {}): TPriorityRequest {
  return {
    id: "pr_1",
    referral: { id: "ref_3", number: "300400500", specialty: "ophthalmologist" },
    reason: "Резко ухудшилось зрение за неделю",
    urgency: "urgent",
    status: "pending",
    decisionReason: null,
    appointmentId: null,
    createdAt: "2026-11-25T12:00:00.000Z",
    decidedAt: null,
    ...overrides,
  };
}

export function notification(overrides: Partial<TNotification> = {}): TNotification {
  return {
    id: "ntf_1",
    kind: "appointment.booked",
    title: "Вы записаны к кардиологу",
    body: "Пятница, 27 ноября, 10:15. Талон № Т-0001001.",
    appointmentId: "apt_1",
    referralId: "ref_1",
    createdAt: "2026-11-20T12:00:00.000Z",
    readAt: null,
    ...overrides,
  };
}

export function historyEntry(n: number, overrides: Partial<THistoryEntry> = {}): THistoryEntry {
  return {
    id: `jr_${n}`,
    at: `2026-11-${String(n).padStart(2, "0")}T12:00:00.000Z`,
    actor: "patient",
    action: "appointment.book",
    title: `Запись к врачу ${n}`,
    result: "success",
    ticketNumber: `Т-000100${n}`,
    referralNumber: "100200300",
    detail: null,
    ...overrides,
  };
}

export function profile(overrides: Partial<TProfile> = {}): TProfile {
  return {
    userId: "usr_1",
    lastName: "Иванов",
    firstName: "Иван",
    middleName: "Иванович",
    birthDate: "1985-04-12",
    sex: "male",
    phone: "+79990000001",
    email: "ivanov@example.ru",
    passport: null,
    snils: "***-***-445 95",
    enp: "************0001",
    masked: true,
    notificationChannels: ["cabinet", "sms"],
    complete: true,
    registryChecks: {
      snils: { state: "verified", checkedAt: null },
      enp: { state: "verified", checkedAt: null },
    },
    ...overrides,
  };
}

export function referral(overrides: Partial<TReferral> = {}): TReferral {
  return {
    id: "ref_7",
    number: "700800900",
    status: "active",
    patient: { kind: "self", childId: null, name: "Иванов Иван Иванович" },
    specialty: { code: "neurologist", nameRu: "Невролог" },
    issuingClinic: {
      id: "cln_vvo",
      fullName: "КГБУЗ «Владивостокская поликлиника № 1»",
      shortName: "ВГКП № 1",
      ogrn: "1022501302955",
      address: "г. Владивосток, ул. Светланская, д. 10",
    },
    allowedClinics: [],
    urgency: "planned",
    kind: "regular",
    diagnosisCode: "G44.2",
    issuingDoctor: "Смирнова Елена Викторовна",
    issuedOn: "2026-11-20",
    lastValidDay: "2026-12-20",
    timeZone: "Asia/Vladivostok",
    daysLeft: 24,
    expiringSoon: false,
    bookable: false,
    notBookableReason: { code: "no_free_slots", message: "Свободного времени нет" },
    ...overrides,
  };
}

export const PATIENT = {
  id: "usr_1",
  role: "patient",
  displayName: "Иванов И. И.",
  phoneMasked: "+7 999 ***-**-01",
  email: "ivanov@example.ru",
  twoFactorEnabled: false,
} as const;

const mounted: { unmount: () => void }[] = [];

/** Unmounts everything `render` mounted and empties the page. */
export function unmountAll(): void {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = "";
}

/** Mounts a component attached to the page, with a fresh store, Russian messages and a fake API. */
export function render(
  component: Component,
  api: ReturnType<typeof fakeApi>["api"],
  options: { props?: Record<string, unknown>; remote?: Partial<RemoteMountProps> } = {},
): VueWrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  const remote: RemoteMountProps = {
    apiBase: "",
    basePath: "/appointments",
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

/** The text of an element with its whitespace collapsed. */
export function text(el: { text: () => string }): string {
  return el.text().replace(/\s+/g, " ").trim();
}
