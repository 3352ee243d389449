import {
  createApiClient,
  type TAlternativeSlot,
  type TAppointment,
  type TBookingPreview,
  type TFreeSlot,
  type THold,
  type TPriorityRequest,
  type TReferralDetail,
  type TReferralDoctor,
  type TSlotEvent,
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
 * answer repeats), records every call. An `Error` answer is a network failure.
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

export const apiError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) => json(status, { error: { code, message, requestId: `req_${status}`, ...extra } });

/** A browser `EventSource` stand-in: tests push events into the instances the code opened. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readonly withCredentials: boolean;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(url: string, init?: { withCredentials?: boolean }) {
    this.url = url;
    this.withCredentials = init?.withCredentials ?? false;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  /** Delivers one server event. */
  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: typeof data === "string" ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The newest open stream. */
  static latest(): FakeEventSource {
    const open = FakeEventSource.instances.filter((s) => !s.closed);
    const last = open[open.length - 1];
    if (!last) throw new Error("no open EventSource");
    return last;
  }
}

// Fixtures: one cardiologist in Kaliningrad (UTC+2) on 27 November 2026.

export const slot = (localTime: string, id = `slt_${localTime.replace(":", "")}`): TFreeSlot => {
  const [h = 0, m = 0] = localTime.split(":").map(Number);
  return {
    slotId: id,
    localDate: "2026-11-27",
    localTime,
    minutes: 15,
    timeZone: "Europe/Kaliningrad",
    startsAt: new Date(Date.UTC(2026, 10, 27, h - 2, m)).toISOString(),
  };
};

export const slotEvent = (s: TFreeSlot, state: "free" | "taken", doctorId = "doc_1"): TSlotEvent => ({
  ...s,
  doctorId,
  state,
});

export function doctor(overrides: Partial<TReferralDoctor> = {}): TReferralDoctor {
  return {
    id: "doc_1",
    lastName: "Иванов",
    firstName: "Пётр",
    middleName: "Сергеевич",
    specialty: "cardiologist",
    qualification: "Врач высшей категории",
    licenceNumber: "ЛО-39-01-000123",
    room: "101",
    visitModes: ["in_person"],
    clinic: {
      id: "cln_1",
      shortName: "КОДЦ",
      address: "г. Калининград, ул. Барнаульская, д. 6",
      timeZone: "Europe/Kaliningrad",
      placeType: "centre",
    },
    nearestSlots: [slot("10:15"), slot("10:30"), slot("10:45")],
    ...overrides,
  };
}

export function referralDetail(overrides: Partial<TReferralDetail> = {}): TReferralDetail {
  return {
    id: "ref_1",
    number: "100200300",
    status: "active",
    patient: { kind: "self", childId: null, name: "Иванов Иван Иванович" },
    specialty: { code: "cardiologist", nameRu: "Кардиолог" },
    issuingClinic: {
      id: "cln_1",
      fullName: "ГБУЗ «КОДЦ»",
      shortName: "КОДЦ",
      ogrn: "1027700132195",
      address: "г. Калининград",
    },
    allowedClinics: [
      {
        id: "cln_1",
        shortName: "КОДЦ",
        fullName: "ГБУЗ «КОДЦ»",
        address: "г. Калининград",
        timeZone: "Europe/Kaliningrad",
      },
    ],
    urgency: "planned",
    kind: "regular",
    diagnosisCode: "I10",
    issuingDoctor: "Смирнова Елена Викторовна",
    issuedOn: "2026-11-21",
    lastValidDay: "2026-12-21",
    timeZone: "Europe/Kaliningrad",
    daysLeft: 25,
    expiringSoon: false,
    bookable: true,
    notBookableReason: null,
    history: [],
    ...overrides,
  };
}

export function hold(s: TFreeSlot = slot("10:15"), expiresAt = "2026-11-26T10:05:00.000Z"): THold {
  // As the server answers: the seconds left at the moment of the answer (the tests' clock).
  const secondsLeft = Math.max(0, Math.floor((new Date(expiresAt).getTime() - Date.now()) / 1000));
  return { slot: { ...s, doctorId: "doc_1" }, expiresAt, secondsLeft };
}

export function preview(overrides: Partial<TBookingPreview> = {}): TBookingPreview {
  return {
    patient: {
      kind: "self",
      lastName: "Иванов",
      firstName: "Иван",
      middleName: "Иванович",
      birthDate: "1985-04-12",
      enp: "************0001",
      snils: "***-***-445 95",
    },
    contactPhone: "+79990000001",
    referral: { id: "ref_1", number: "100200300", specialty: "cardiologist", lastValidDay: "2026-12-21" },
    doctor: {
      id: "doc_1",
      name: "Иванов Пётр Сергеевич",
      qualification: "Врач высшей категории",
      room: "101",
    },
    clinic: { id: "cln_1", shortName: "КОДЦ", address: "г. Калининград, ул. Барнаульская, д. 6" },
    slot: slot("10:15"),
    failures: [],
    ...overrides,
  };
}

export function alternative(
  localTime: string,
  group: TAlternativeSlot["group"] = "same_doctor",
): TAlternativeSlot {
  return {
    ...slot(localTime),
    group,
    doctor: { id: "doc_1", name: "Иванов Пётр Сергеевич", room: "101" },
    clinic: { id: "cln_1", shortName: "КОДЦ", address: "г. Калининград, ул. Барнаульская, д. 6" },
  };
}

export function appointment(overrides: Partial<TAppointment> = {}): TAppointment {
  const s = slot("10:15");
  return {
    id: "apt_1",
    ticketNumber: "К-000123",
    status: "booked",
    localDate: s.localDate,
    localTime: s.localTime,
    minutes: 15,
    timeZone: s.timeZone,
    startsAt: s.startsAt,
    endsAt: new Date(new Date(s.startsAt).getTime() + 15 * 60_000).toISOString(),
    patient: { kind: "self", name: "Иванов Иван Иванович" },
    doctor: {
      id: "doc_1",
      name: "Иванов Пётр Сергеевич",
      specialty: { code: "cardiologist", nameRu: "Кардиолог" },
      room: "101",
    },
    clinic: {
      id: "cln_1",
      shortName: "КОДЦ",
      fullName: "ГБУЗ «Калининградский областной диагностический центр»",
      address: "г. Калининград, ул. Барнаульская, д. 6",
      phone: null,
    },
    referral: { id: "ref_1", number: "100200300" },
    contactPhone: "+79990000001",
    visitMode: "in_person",
    cancelledBy: null,
    cancelReason: null,
    rescheduledToId: null,
    changeableUntil: new Date(new Date(s.startsAt).getTime() - 24 * 3_600_000).toISOString(),
    createdAt: "2026-11-26T10:00:00.000Z",
    ...overrides,
  };
}

export function waitlistEntry(overrides: Partial<TWaitlistEntry> = {}): TWaitlistEntry {
  return {
    id: "wl_1",
    referral: { id: "ref_1", number: "100200300", specialty: "Кардиолог" },
    fromDate: "2026-11-26",
    toDate: "2026-12-21",
    clinicIds: [],
    doctorIds: [],
    status: "waiting",
    position: 3,
    offer: null,
    appointmentId: null,
    createdAt: "2026-11-26T10:00:00.000Z",
    ...overrides,
  };
}

export function priorityRequest(overrides: Partial<TPriorityRequest> = {}): TPriorityRequest {
  return {
    id: "prq_1",
    referral: { id: "ref_1", number: "100200300", specialty: "Кардиолог" },
    reason: "Боли в груди при нагрузке, врач просил не откладывать",
    urgency: "normal",
    status: "pending",
    decisionReason: null,
    appointmentId: null,
    createdAt: "2026-11-26T10:00:00.000Z",
    decidedAt: null,
    ...overrides,
  };
}

const mounted: { unmount: () => void }[] = [];

/** Unmounts everything `render` mounted and empties the page. */
export function unmountAll(): void {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = "";
}

/** Mounts a calendar component attached to the page, with a fresh store, Russian messages and a fake API. */
export function render(
  component: Component,
  api: ReturnType<typeof fakeApi>["api"],
  options: { props?: Record<string, unknown>; remote?: Partial<RemoteMountProps> } = {},
): VueWrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  const remote: RemoteMountProps = {
    apiBase: "",
    basePath: "/calendar",
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

/** The element that has focus, as its test id and data attributes say. */
export function focused(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}
