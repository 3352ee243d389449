import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { createApiClient } from "./client.ts";

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

const referral = {
  id: "ref_1",
  number: "123456789",
  status: "active",
  patient: { kind: "self", childId: null, name: "Иванова Анна Петровна" },
  specialty: { code: "cardiologist", nameRu: "Кардиолог" },
  issuingClinic: {
    id: "cln_1",
    fullName: "ГАУЗ «Городская поликлиника № 2»",
    shortName: "ГП № 2",
    ogrn: "1026605227923",
    address: "Екатеринбург, ул. Ленина, 1",
  },
  allowedClinics: [],
  urgency: "planned",
  kind: "regular",
  diagnosisCode: "I10",
  issuingDoctor: "Петров П. П.",
  issuedOn: "2025-01-31",
  lastValidDay: "2025-03-02",
  timeZone: "Asia/Yekaterinburg",
  daysLeft: 5,
  expiringSoon: false,
  bookable: true,
  notBookableReason: null,
};

const clinicReferral = {
  id: "ref_1",
  number: "123456789",
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

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("patient referral calls", () => {
  it("lists, reads by encoded id, looks up and refreshes", async () => {
    const detail = { ...referral, history: [] };
    const fake = fakeFetch(
      json(200, { items: [referral] }),
      json(200, detail),
      json(200, detail),
      json(200, { status: "refreshed", changed: 2 }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect((await api.listReferrals()).items).toHaveLength(1);
    expect((await api.getReferral("ref/1")).history).toEqual([]);
    await api.lookupReferral({ number: "123456789", issuedOn: "2025-01-31" });
    expect(await api.refreshReferrals()).toEqual({ status: "refreshed", changed: 2 });
    expect(fake.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/v1/referrals",
      "GET /api/v1/referrals/ref%2F1",
      "POST /api/v1/referrals/lookup",
      "POST /api/v1/referrals/refresh",
    ]);
    expect(JSON.parse(fake.calls[2]?.init.body as string)).toEqual({
      number: "123456789",
      issuedOn: "2025-01-31",
    });
    expect(fake.calls[3]?.init.credentials).toBe("include");
  });

  it("passes 404, 429 and 503 refusals on with their codes", async () => {
    const refusal = (status: number, code: string) =>
      json(status, { error: { code, message: code, requestId: `r${status}` } });
    const fake = fakeFetch(
      refusal(404, "not_found"),
      refusal(429, "rate_limited"),
      refusal(503, "service_unavailable"),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    const body = { number: "1", issuedOn: "x" };
    expect(await caught(api.lookupReferral(body))).toMatchObject({ status: 404, code: "not_found" });
    expect(await caught(api.lookupReferral(body))).toMatchObject({ status: 429, code: "rate_limited" });
    expect(await caught(api.refreshReferrals())).toMatchObject({ status: 503, code: "service_unavailable" });
  });
});

describe("clinic staff referral calls", () => {
  it("lists, issues, extends and withdraws by encoded number", async () => {
    const fake = fakeFetch(
      json(200, { items: [clinicReferral] }),
      json(201, clinicReferral),
      json(200, { ...clinicReferral, validityDays: 60 }),
      json(200, { ...clinicReferral, status: "withdrawn" }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect((await api.listStaffReferrals()).items[0]?.matched).toBe(false);
    const issue = {
      number: "123456789",
      issuedOn: "2025-01-31",
      patient: { enp: "1", lastName: "Иванова", firstName: "Анна", birthDate: "1990-05-01" },
      specialty: "cardiologist",
      urgency: "planned" as const,
      kind: "regular" as const,
      diagnosisCode: "I10",
      issuingDoctor: "Петров П. П.",
    };
    expect((await api.issueReferral(issue)).id).toBe("ref_1");
    await api.extendReferral("123 456", { validityDays: 60, reason: "Курс лечения продолжается" });
    await api.withdrawReferral("123456789", { reason: "Ошибка при выдаче" });
    expect(fake.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/v1/staff/referrals",
      "POST /api/v1/staff/referrals",
      "POST /api/v1/staff/referrals/123%20456/extend",
      "POST /api/v1/staff/referrals/123456789/withdraw",
    ]);
    expect(JSON.parse(fake.calls[1]?.init.body as string)).toEqual(issue);
  });

  it("reads the staff list as { items } whether the API wraps it or answers a bare array", async () => {
    const fake = fakeFetch(json(200, [clinicReferral]));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect(await api.listStaffReferrals()).toEqual({ items: [clinicReferral] });
  });
});
