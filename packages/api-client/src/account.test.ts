import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { createApiClient } from "./client.ts";

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake fetch answering from a queue, recording every call. */
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

const user = {
  id: "usr_1",
  role: "patient",
  displayName: "Иванова Анна",
  phoneMasked: "+7 999 ***-**-01",
  email: "anna@example.ru",
  twoFactorEnabled: false,
};

const check = { state: "not_checked", checkedAt: null };
const profile = {
  userId: "usr_1",
  lastName: "Иванова",
  firstName: "Анна",
  middleName: null,
  birthDate: "1990-05-01",
  sex: "female",
  phone: "+79990000001",
  email: "anna@example.ru",
  passport: null,
  snils: "***-***-445 95",
  enp: null,
  masked: true,
  notificationChannels: ["cabinet"],
  complete: false,
  registryChecks: { snils: check, enp: check },
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

describe("account calls", () => {
  it("posts sign-up as JSON with credentials and parses the 202 answer", async () => {
    const fake = fakeFetch(json(202, { status: "codes_sent", expiresInSeconds: 300 }));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    const body = {
      phone: "+79990000001",
      email: "anna@example.ru",
      password: "Secret-123",
      lastName: "Иванова",
      firstName: "Анна",
      birthDate: "01.05.1990",
    };
    await expect(api.signUp(body)).resolves.toEqual({ status: "codes_sent", expiresInSeconds: 300 });
    const [call] = fake.calls;
    expect(call?.url).toBe("/api/v1/account/sign-up");
    expect(call?.init.method).toBe("POST");
    expect(call?.init.credentials).toBe("include");
    expect(call?.init.headers).toMatchObject({ "Content-Type": "application/json" });
    expect(JSON.parse(call?.init.body as string)).toEqual(body);
  });

  it("sends GETs with credentials and without a body", async () => {
    const fake = fakeFetch(json(200, { user }));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    await expect(api.me()).resolves.toEqual({ user });
    expect(fake.calls[0]?.init).toMatchObject({ method: "GET", credentials: "include" });
    expect(fake.calls[0]?.init.body).toBeUndefined();
  });

  it("parses every sign-in answer", async () => {
    const fake = fakeFetch(
      json(200, { status: "device_code_required", expiresInSeconds: 300 }),
      json(200, { status: "two_factor_required" }),
      json(200, { status: "signed_in", user }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect((await api.signIn({ login: "a", password: "b" })).status).toBe("device_code_required");
    expect((await api.signIn({ login: "a", password: "b", deviceCode: "123456" })).status).toBe(
      "two_factor_required",
    );
    expect(await api.signInTwoFactor({ code: "654321" })).toEqual({ status: "signed_in", user });
    expect(fake.calls.map((c) => c.url)).toEqual([
      "/api/v1/account/sign-in",
      "/api/v1/account/sign-in",
      "/api/v1/account/sign-in/two-factor",
    ]);
  });

  it("carries code, message and request id of a 401 and a 423", async () => {
    const fake = fakeFetch(
      json(401, {
        error: { code: "invalid_credentials", message: "Неверный логин или пароль", requestId: "r1" },
      }),
      json(423, {
        error: { code: "account_locked", message: "Учётная запись заблокирована", requestId: "r2" },
      }),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    expect(await caught(api.signIn({ login: "a", password: "b" }))).toMatchObject({
      status: 401,
      code: "invalid_credentials",
      message: "Неверный логин или пароль",
      requestId: "r1",
    });
    expect(await caught(api.signIn({ login: "a", password: "b" }))).toMatchObject({
      status: 423,
      code: "account_locked",
    });
  });

  it("accepts an empty body or { status: ok } where the answer carries nothing", async () => {
    const fake = fakeFetch(new Response(null, { status: 202 }), json(200, { status: "ok" }));
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    await expect(api.startRecovery({ login: "a", channel: "sms" })).resolves.toBeUndefined();
    await expect(api.signOut()).resolves.toBeUndefined();
    expect(fake.calls[1]?.init.headers).toMatchObject({ "Content-Type": "application/json" });
  });

  it("deletes the account with the password in a JSON body", async () => {
    const fake = fakeFetch(json(200, { status: "ok" }));
    await createApiClient({ fetchImpl: fake.fetchImpl }).deleteAccount({ password: "x" });
    expect(fake.calls[0]).toMatchObject({ url: "/api/v1/account", init: { method: "DELETE" } });
    expect(JSON.parse(fake.calls[0]?.init.body as string)).toEqual({ password: "x" });
  });

  it("maps a dev outbox 404 without an error body to not_found", async () => {
    const fake = fakeFetch(new Response("Not Found", { status: 404 }));
    const error = await caught(createApiClient({ fetchImpl: fake.fetchImpl }).getDevOutbox());
    expect(error).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("profile and children calls", () => {
  it("puts the profile and passes the field errors of a 400 on", async () => {
    const fake = fakeFetch(
      json(400, {
        error: {
          code: "validation_failed",
          message: "Проверьте данные",
          fields: {
            "passport.series": "Серия паспорта — 4 цифры",
            snils: "Неверное контрольное число СНИЛС",
          },
          requestId: "r3",
        },
      }),
      json(200, profile),
    );
    const api = createApiClient({ fetchImpl: fake.fetchImpl });
    const body = {
      lastName: "Иванова",
      firstName: "Анна",
      birthDate: "1990-05-01",
      sex: "female" as const,
      passport: null,
      snils: "11223344594",
      enp: null,
      notificationChannels: ["cabinet" as const],
    };
    const error = await caught(api.updateProfile(body));
    expect(error.fields).toEqual({
      "passport.series": "Серия паспорта — 4 цифры",
      snils: "Неверное контрольное число СНИЛС",
    });
    await expect(api.updateProfile(body)).resolves.toEqual(profile);
    expect(fake.calls[1]?.init.method).toBe("PUT");
  });

  it("addresses a child by its encoded id", async () => {
    const fake = fakeFetch(new Response(null, { status: 204 }));
    await createApiClient({ fetchImpl: fake.fetchImpl }).deleteChild("chd/1");
    expect(fake.calls[0]?.url).toBe("/api/v1/children/chd%2F1");
    expect(fake.calls[0]?.init.method).toBe("DELETE");
  });
});
