import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { createApiClient, parseSlotEvent } from "./client.ts";
import { toFailure } from "./failure.ts";

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(...answers: Response[]) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init: init ?? {} });
    const next = answers.shift();
    return next ? Promise.resolve(next) : Promise.reject(new TypeError("no answer left"));
  };
  return { fetchImpl, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const slot = {
  slotId: "slt_1",
  localDate: "2026-11-27",
  localTime: "10:15",
  minutes: 15,
  timeZone: "Europe/Kaliningrad",
  startsAt: "2026-11-27T08:15:00.000Z",
};

const alternative = {
  ...slot,
  slotId: "slt_2",
  localTime: "10:30",
  startsAt: "2026-11-27T08:30:00.000Z",
  group: "same_doctor",
  doctor: { id: "doc_1", name: "Иванов Иван Иванович", room: "101" },
  clinic: { id: "cln_1", shortName: "ГП № 1", address: "Калининград, ул. Барнаульская, 6" },
};

const appointment = {
  id: "apt_1",
  ticketNumber: "К-000123",
  status: "booked",
  localDate: "2026-11-27",
  localTime: "10:15",
  minutes: 15,
  timeZone: "Europe/Kaliningrad",
  startsAt: "2026-11-27T08:15:00.000Z",
  endsAt: "2026-11-27T08:30:00.000Z",
  patient: { kind: "self", name: "Иванов Иван Иванович" },
  doctor: {
    id: "doc_1",
    name: "Иванов Иван Иванович",
    specialty: { code: "cardiologist", nameRu: "Кардиолог" },
    room: "101",
  },
  clinic: {
    id: "cln_1",
    shortName: "ГП № 1",
    fullName: "ГБУЗ «Поликлиника № 1»",
    address: "Калининград, ул. Барнаульская, 6",
    phone: null,
  },
  referral: { id: "ref_1", number: "100200300" },
  contactPhone: "+79990000001",
  visitMode: "in_person",
  cancelledBy: null,
  cancelReason: null,
  rescheduledToId: null,
  changeableUntil: "2026-11-26T07:15:00.000Z",
  createdAt: "2026-11-20T10:00:00.000Z",
};

describe("slot search calls", () => {
  it("builds the doctors, free dates and day slots URLs with encoded ids and only the filters given", async () => {
    const fake = fakeFetch(
      json(200, { items: [], guaranteedWaitUntil: "2026-12-10", freeWithinGuaranteedWait: false }),
      json(200, { items: [], guaranteedWaitUntil: "2026-12-10", freeWithinGuaranteedWait: true }),
      json(200, { timeZone: "Europe/Kaliningrad", dates: [{ date: "2026-11-27", free: 12 }] }),
      json(200, { timeZone: "Europe/Kaliningrad", date: "2026-11-27", slots: [slot] }),
    );
    const api = createApiClient({ baseUrl: "https://api.test", fetchImpl: fake.fetchImpl });
    expect((await api.listReferralDoctors("ref/1")).freeWithinGuaranteedWait).toBe(false);
    await api.listReferralDoctors("ref_1", { qualification: "", placeType: "hospital", visitMode: "video" });
    expect((await api.getFreeDates("doc_1", { from: "2026-11-01", to: "2026-11-30" })).dates).toHaveLength(1);
    expect((await api.getDaySlots("doc 1", "2026-11-27")).slots[0]?.localTime).toBe("10:15");
    expect(fake.calls.map((c) => c.url)).toEqual([
      "https://api.test/api/v1/referrals/ref%2F1/doctors",
      "https://api.test/api/v1/referrals/ref_1/doctors?placeType=hospital&visitMode=video",
      "https://api.test/api/v1/doctors/doc_1/free-dates?from=2026-11-01&to=2026-11-30",
      "https://api.test/api/v1/doctors/doc%201/slots?date=2026-11-27",
    ]);
  });

  it("gives the stream URL of the watched doctors", () => {
    const api = createApiClient({ baseUrl: "https://api.test/" });
    expect(api.slotStreamUrl(["doc_1", "doc_2"])).toBe(
      "https://api.test/api/v1/slots/stream?doctorIds=doc_1%2Cdoc_2",
    );
  });

  it("parses a slot event and refuses anything else", () => {
    const event = { ...slot, doctorId: "doc_1", state: "taken" };
    expect(parseSlotEvent(JSON.stringify(event))).toEqual(event);
    expect(parseSlotEvent(JSON.stringify({ ...event, state: "gone" }))).toBeUndefined();
    expect(parseSlotEvent("not json")).toBeUndefined();
    expect(parseSlotEvent(undefined)).toBeUndefined();
  });
});

describe("hold calls", () => {
  it("holds, reads and releases the current hold; a 404 reads as no hold", async () => {
    const hold = {
      slot: { ...slot, doctorId: "doc_1" },
      expiresAt: "2026-11-27T08:05:00.000Z",
      secondsLeft: 300,
    };
    const fake = fakeFetch(
      json(201, hold),
      json(200, hold),
      json(404, { error: { code: "not_found", message: "Нет", requestId: "r1" } }),
      new Response(null, { status: 204 }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect(await api.createHold({ slotId: "slt_1", referralId: "ref_1" })).toEqual(hold);
    expect(await api.getCurrentHold()).toEqual(hold);
    expect(await api.getCurrentHold()).toBeNull();
    await expect(api.releaseHold()).resolves.toBeUndefined();
    expect(fake.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "POST /api/v1/holds",
      "GET /api/v1/holds/current",
      "GET /api/v1/holds/current",
      "DELETE /api/v1/holds/current",
    ]);
    expect(JSON.parse(fake.calls[0]?.init.body as string)).toEqual({ slotId: "slt_1", referralId: "ref_1" });
  });

  it("carries the alternatives of a 409 on the error", async () => {
    const fake = fakeFetch(
      json(409, {
        error: {
          code: "slot_taken",
          message: "Время уже заняли",
          requestId: "r9",
          alternatives: [alternative],
        },
      }),
    );
    const error = await caught(
      createApiClient({ fetchImpl: fake.fetchImpl }).createHold({ slotId: "slt_1" }),
    );
    expect(error).toMatchObject({ status: 409, code: "slot_taken", requestId: "r9" });
    expect(error.alternatives).toEqual([alternative]);
    expect(error.failures).toBeUndefined();
    expect(toFailure(error).alternatives).toEqual([alternative]);
  });

  it("keeps code and message when the alternatives break their contract, and drops only them", async () => {
    const fake = fakeFetch(
      json(409, {
        error: { code: "slot_taken", message: "Время уже заняли", requestId: "r9", alternatives: [{ x: 1 }] },
      }),
    );
    const error = await caught(
      createApiClient({ fetchImpl: fake.fetchImpl }).createHold({ slotId: "slt_1" }),
    );
    expect(error).toMatchObject({ status: 409, code: "slot_taken", message: "Время уже заняли" });
    expect(error.alternatives).toBeUndefined();
  });
});

describe("booking calls", () => {
  it("reads the preview with both ids in the query", async () => {
    const preview = {
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
      referral: { id: "ref_1", number: "100200300", specialty: "Кардиолог", lastValidDay: "2026-12-21" },
      doctor: {
        id: "doc_1",
        name: "Иванов Иван Иванович",
        qualification: "Врач высшей категории",
        room: "101",
      },
      clinic: { id: "cln_1", shortName: "ГП № 1", address: "Калининград" },
      slot,
      failures: [],
    };
    const fake = fakeFetch(json(200, preview));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect(await api.getBookingPreview({ referralId: "ref_1", slotId: "slt_1" })).toEqual(preview);
    expect(fake.calls[0]?.url).toBe("/api/v1/booking/preview?referralId=ref_1&slotId=slt_1");
  });

  it("posts the booking with its Idempotency-Key and reads the ticket back", async () => {
    const fake = fakeFetch(json(201, appointment), json(200, appointment));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    const body = { referralId: "ref_1", slotId: "slt_1", contactPhone: "+7 999 000-00-01" };
    expect((await api.createAppointment(body, { idempotencyKey: "key-12345678" })).ticketNumber).toBe(
      "К-000123",
    );
    expect(fake.calls[0]?.init.headers).toMatchObject({
      "Idempotency-Key": "key-12345678",
      "Content-Type": "application/json",
    });
    expect(JSON.parse(fake.calls[0]?.init.body as string)).toEqual(body);
    expect((await api.getAppointment("apt_1")).id).toBe("apt_1");
    expect(fake.calls[1]?.url).toBe("/api/v1/appointments/apt_1");
  });

  it("carries the failures and field messages of a 422", async () => {
    const failures = [
      { code: "phone_landline", message: "Нужен мобильный номер", field: "contactPhone" },
      { code: "referral_expired", message: "Срок действия направления истёк" },
    ];
    const fake = fakeFetch(
      json(422, {
        error: {
          code: "booking_not_allowed",
          message: "Записаться нельзя",
          fields: { contactPhone: "Нужен мобильный номер" },
          failures,
          requestId: "r5",
        },
      }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    const error = await caught(
      api.createAppointment(
        { referralId: "ref_1", slotId: "slt_1", contactPhone: "+7 495 000-00-00" },
        { idempotencyKey: "key-12345678" },
      ),
    );
    expect(error).toMatchObject({
      status: 422,
      code: "booking_not_allowed",
      fields: { contactPhone: "Нужен мобильный номер" },
    });
    expect(error.failures).toEqual(failures);
    expect(error.alternatives).toBeUndefined();
  });
});

describe("after-booking calls", () => {
  it("cancels and reschedules with the caller's Idempotency-Key and encoded ids", async () => {
    const cancelled = {
      ...appointment,
      status: "cancelled",
      cancelledBy: "patient",
      cancelReason: "Не смогу",
    };
    const { fetchImpl, calls } = fakeFetch(json(200, cancelled), json(201, { ...appointment, id: "apt_2" }));
    const api = createApiClient({ baseUrl: "https://p.example", fetchImpl });
    expect(
      (await api.cancelAppointment("apt/1", { reason: "Не смогу" }, { idempotencyKey: "key-1234" })).status,
    ).toBe("cancelled");
    expect(
      (await api.rescheduleAppointment("apt_1", { slotId: "slt_9" }, { idempotencyKey: "key-5678" })).id,
    ).toBe("apt_2");
    expect(calls.map((c) => c.url)).toEqual([
      "https://p.example/api/v1/appointments/apt%2F1/cancel",
      "https://p.example/api/v1/appointments/apt_1/reschedule",
    ]);
    expect((calls[0]?.init.headers as Record<string, string>)["Idempotency-Key"]).toBe("key-1234");
    expect((calls[1]?.init.headers as Record<string, string>)["Idempotency-Key"]).toBe("key-5678");
    expect(calls[1]?.init.body).toBe(JSON.stringify({ slotId: "slt_9" }));
  });

  it("gives the ticket's download URLs and puts only the given journal filters in the query", async () => {
    const { fetchImpl, calls } = fakeFetch(json(200, { items: [], nextBefore: null }));
    const api = createApiClient({ baseUrl: "https://p.example", fetchImpl });
    expect(api.ticketPdfUrl("apt_1")).toBe("https://p.example/api/v1/appointments/apt_1/ticket.pdf");
    expect(api.ticketIcsUrl("apt_1")).toBe("https://p.example/api/v1/appointments/apt_1/ticket.ics");
    await api.getJournal({ action: "waitlist.*", result: undefined, limit: 20 });
    expect(calls[0]?.url).toBe("https://p.example/api/v1/staff/journal?action=waitlist.*&limit=20");
  });
});
