import { describe, expect, it } from "vitest";
import { ApiError, GENERIC_ERROR_MESSAGE_RU } from "./api-error.ts";
import { createApiClient } from "./client.ts";

const specialties = {
  items: [
    { code: "therapist", nameRu: "Терапевт", nameEn: "Therapist", patientAge: "any", related: [] },
    {
      code: "pediatrician",
      nameRu: "Педиатр",
      nameEn: "Pediatrician",
      patientAge: "child",
      related: ["therapist"],
    },
  ],
};

const clinic = {
  id: "cln_1",
  shortName: "ГП № 3",
  fullName: "ГАУЗ СО «Городская поликлиника № 3»",
  ogrn: "1026605227923",
  address: "Екатеринбург, ул. Ленина, 1",
  region: "66",
  timeZone: "Asia/Yekaterinburg",
  registryPhone: "+73432000000",
  placeType: "polyclinic",
  latitude: 56.8,
  longitude: 60.6,
};

interface Call {
  url: string;
  headers: Record<string, string>;
}

function fakeFetch(respond: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    return Promise.resolve(respond());
  };
  return { fetchImpl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("createApiClient with a bearer token (partner widgets)", () => {
  function recordingFetch() {
    const inits: RequestInit[] = [];
    const fetchImpl: typeof fetch = (_input, init) => {
      inits.push(init ?? {});
      return Promise.resolve(json(200, { items: [clinic] }));
    };
    return { fetchImpl, inits };
  }

  it("sends the token as Authorization and no cookies", async () => {
    const fake = recordingFetch();
    const api = createApiClient({ fetchImpl: fake.fetchImpl, accessToken: () => "pwt_abc" });
    await api.listClinics();
    expect(fake.inits[0]?.credentials).toBe("omit");
    expect((fake.inits[0]?.headers as Record<string, string>).Authorization).toBe("Bearer pwt_abc");
  });

  it("sends no cookies before sign-in either: a partner origin gets CORS without credentials", async () => {
    const fake = recordingFetch();
    const api = createApiClient({ fetchImpl: fake.fetchImpl, accessToken: () => undefined });
    await api.listClinics();
    expect(fake.inits[0]?.credentials).toBe("omit");
    expect(fake.inits[0]?.headers as Record<string, string>).not.toHaveProperty("Authorization");
  });

  it("sends the session cookie when no token source is given (the shell)", async () => {
    const fake = recordingFetch();
    await createApiClient({ fetchImpl: fake.fetchImpl }).listClinics();
    expect(fake.inits[0]?.credentials).toBe("include");
  });
});

describe("createApiClient", () => {
  it("lists specialties from GET {baseUrl}/api/v1/specialties with Accept headers", async () => {
    const fake = fakeFetch(() => json(200, specialties));
    const api = createApiClient({ baseUrl: "https://api.test/", fetchImpl: fake.fetchImpl, locale: "en" });
    await expect(api.listSpecialties()).resolves.toEqual(specialties);
    expect(fake.calls).toEqual([
      {
        url: "https://api.test/api/v1/specialties",
        headers: { Accept: "application/json", "Accept-Language": "en" },
      },
    ]);
  });

  it("lists clinics from a same-origin path by default, in Russian", async () => {
    const fake = fakeFetch(() => json(200, { items: [clinic] }));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect((await api.listClinics()).items[0]?.shortName).toBe("ГП № 3");
    expect(fake.calls[0]?.url).toBe("/api/v1/clinics");
    expect(fake.calls[0]?.headers["Accept-Language"]).toBe("ru");
  });

  it("turns the API error body into an ApiError with code, fields and request id", async () => {
    const fake = fakeFetch(() =>
      json(422, {
        error: {
          code: "validation_failed",
          message: "Проверьте данные",
          fields: { number: "Неверный номер" },
          requestId: "req_42",
        },
      }),
    );
    const error = await caught(createApiClient({ fetchImpl: fake.fetchImpl }).listClinics());
    expect(error).toMatchObject({
      status: 422,
      code: "validation_failed",
      message: "Проверьте данные",
      fields: { number: "Неверный номер" },
      requestId: "req_42",
    });
  });

  it("maps a non-JSON error page to internal_error with the generic Russian message", async () => {
    const fake = fakeFetch(
      () => new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "x-request-id": "req_7" } }),
    );
    const error = await caught(createApiClient({ fetchImpl: fake.fetchImpl }).listSpecialties());
    expect(error).toMatchObject({
      status: 502,
      code: "internal_error",
      message: GENERIC_ERROR_MESSAGE_RU,
      requestId: "req_7",
    });
  });

  it("maps a 200 answer that breaks the contract to internal_error", async () => {
    const fake = fakeFetch(() => json(200, { items: [{ code: "x" }] }));
    const error = await caught(createApiClient({ fetchImpl: fake.fetchImpl }).listSpecialties());
    expect(error).toMatchObject({ status: 200, code: "internal_error", message: GENERIC_ERROR_MESSAGE_RU });
  });

  it("maps a network failure to network_error", async () => {
    const fetchImpl: typeof fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    const error = await caught(createApiClient({ fetchImpl }).listClinics());
    expect(error).toMatchObject({ status: 0, code: "network_error", message: GENERIC_ERROR_MESSAGE_RU });
  });
});
