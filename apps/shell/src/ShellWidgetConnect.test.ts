import { WIDGET_TOKEN_MESSAGE } from "@priyom/contracts";
import { createPriyomI18n } from "@priyom/ui";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createShellRouter } from "./router.ts";
import ShellApp from "./ShellApp.vue";

vi.mock("@module-federation/runtime", () => ({ registerRemotes: vi.fn(), loadRemote: vi.fn() }));

const PARTNER = "http://localhost:3001";
const partner = { name: "Портал городской поликлиники (демо)", origin: PARTNER };
const patient = {
  id: "usr_1",
  role: "patient",
  displayName: "Иванов Иван Иванович",
  phoneMasked: "+7 999 ***-**-01",
  email: "ivanov@example.ru",
  twoFactorEnabled: false,
};
const issued = { token: "pwt_secret", expiresAt: "2026-03-13T09:30:00Z", partner };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const apiError = (status: number, code: string, message = "Нет") =>
  json(status, { error: { code, message, requestId: `req_${status}` } });

interface Call {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

let routes: Record<string, () => Response>;
const calls: Call[] = [];
let wrapper: VueWrapper | undefined;
let closeWindow: MockInstance<() => void>;

async function openPopup(origin: string | null = PARTNER) {
  const router = createShellRouter(createMemoryHistory());
  await router.push(
    origin === null ? "/widget/connect" : `/widget/connect?origin=${encodeURIComponent(origin)}`,
  );
  wrapper = mount(ShellApp, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router, createPriyomI18n("ru")] },
  });
  await flushPromises();
  return { page: wrapper.get('[data-testid="widget-connect"]'), router };
}

function tokenCalls() {
  return calls.filter((c) => c.path === "/api/v1/widget/tokens");
}

function fakeOpener() {
  const opener = { closed: false, postMessage: vi.fn() };
  Object.defineProperty(window, "opener", { value: opener, configurable: true, writable: true });
  return opener;
}

beforeEach(() => {
  calls.length = 0;
  routes = {
    "GET /api/v1/account/me": () => json(200, { user: patient }),
    "GET /api/v1/widget/partners/lookup": () => json(200, partner),
    "POST /api/v1/widget/tokens": () => json(201, issued),
  };
  vi.stubGlobal(
    "fetch",
    vi.fn((input: string, init?: RequestInit) => {
      const url = new URL(input, "http://priyom.test");
      const method = init?.method ?? "GET";
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
      calls.push({ method, path: url.pathname, query: url.search, body });
      const answer = routes[`${method} ${url.pathname}`];
      return Promise.resolve(answer ? answer() : apiError(404, "not_found"));
    }),
  );
  closeWindow = vi.spyOn(window, "close").mockImplementation(() => undefined);
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(window, "opener");
  document.body.innerHTML = "";
});

describe("the widget sign-in pop-up (/widget/connect)", () => {
  it("asks a signed-in patient, and on «Разрешить» posts the token to the partner's origin only, then closes", async () => {
    const opener = fakeOpener();
    const { page } = await openPopup();
    expect(document.title).toBe("Вход для сайта поликлиники — Приём");
    expect(calls).toContainEqual({
      method: "GET",
      path: "/api/v1/widget/partners/lookup",
      query: `?origin=${encodeURIComponent(PARTNER)}`,
      body: undefined,
    });
    expect(page.get('[data-testid="widget-connect-question"]').text()).toBe(
      "Разрешить сайту «Портал городской поликлиники (демо)» (http://localhost:3001) записывать вас к врачу от вашего имени? Доступ действует 30 минут.",
    );

    await page.get('[data-testid="widget-connect-allow"]').trigger("click");
    await flushPromises();

    expect(tokenCalls()).toEqual([
      { method: "POST", path: "/api/v1/widget/tokens", query: "", body: { origin: PARTNER } },
    ]);
    expect(opener.postMessage).toHaveBeenCalledTimes(1);
    expect(opener.postMessage).toHaveBeenCalledWith(
      { type: WIDGET_TOKEN_MESSAGE, token: "pwt_secret", expiresAt: "2026-03-13T09:30:00Z" },
      PARTNER,
    );
    expect(closeWindow).toHaveBeenCalled();
    expect(wrapper?.get('[data-testid="widget-connect-done"]').text()).toBe("Готово. Окно можно закрыть.");
    // The token never reaches the page's text or the address.
    expect(document.body.textContent).not.toContain("pwt_secret");
  });

  it("refuses an origin that is not a registered partner, and asks for no token", async () => {
    fakeOpener();
    routes["GET /api/v1/widget/partners/lookup"] = () => apiError(404, "not_found", "Сайт не найден");
    const { page } = await openPopup("https://evil.example");
    expect(page.get('[data-testid="widget-connect-refused"]').text()).toContain(
      "Сайт https://evil.example не подключён к Приёму",
    );
    expect(page.find('[data-testid="widget-connect-allow"]').exists()).toBe(false);
    expect(tokenCalls()).toEqual([]);
  });

  it("refuses when no origin is given at all, without asking the API", async () => {
    const { page } = await openPopup(null);
    expect(page.get('[data-testid="widget-connect-refused"]').text()).toContain("Не указан сайт");
    expect(calls.filter((c) => c.path.startsWith("/api/v1/widget/"))).toEqual([]);
  });

  it("sends a signed-out visitor to the cabinet's sign-in with the way back here", async () => {
    routes["GET /api/v1/account/me"] = () => apiError(401, "unauthorized", "Войдите");
    const { page, router } = await openPopup();
    const link = page.get('[data-testid="widget-connect-sign-in"] a');
    expect(link.text()).toBe("Войти");
    const next = `/widget/connect?origin=${encodeURIComponent(PARTNER)}`;
    expect(link.attributes("href")).toBe(`/cabinet/sign-in?next=${encodeURIComponent(next)}`);
    await link.trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/cabinet/sign-in");
    expect(router.currentRoute.value.query.next).toBe(next);
    expect(tokenCalls()).toEqual([]);
  });

  it("tells staff and administrators that the widget is for patients", async () => {
    routes["GET /api/v1/account/me"] = () => json(200, { user: { ...patient, role: "admin" } });
    const { page } = await openPopup();
    expect(page.get('[data-testid="widget-connect-not-patient"]').text()).toContain(
      "Виджет записи работает только для пациентов",
    );
    expect(page.find('[data-testid="widget-connect-allow"]').exists()).toBe(false);
  });

  it("issues no token when the partner page that opened the pop-up is gone", async () => {
    const { page } = await openPopup();
    await page.get('[data-testid="widget-connect-allow"]').trigger("click");
    await flushPromises();
    expect(wrapper?.get('[data-testid="widget-connect-no-opener"]').text()).toContain("уже закрыто");
    expect(tokenCalls()).toEqual([]);
  });

  it("shows «Ошибка: повторите попытку позже» with the request id when the token cannot be issued", async () => {
    const opener = fakeOpener();
    routes["POST /api/v1/widget/tokens"] = () => apiError(500, "internal_error", "");
    const { page } = await openPopup();
    await page.get('[data-testid="widget-connect-allow"]').trigger("click");
    await flushPromises();
    const error = page.get('[data-testid="widget-connect-error"]').text();
    expect(error).toContain("Ошибка: повторите попытку позже");
    expect(error).toContain("req_500");
    expect(opener.postMessage).not.toHaveBeenCalled();
    expect(closeWindow).not.toHaveBeenCalled();
  });

  it("«Отмена» closes the pop-up and hands nothing over", async () => {
    const opener = fakeOpener();
    const { page } = await openPopup();
    await page.get('[data-testid="widget-connect-cancel"]').trigger("click");
    await flushPromises();
    expect(closeWindow).toHaveBeenCalled();
    expect(opener.postMessage).not.toHaveBeenCalled();
    expect(tokenCalls()).toEqual([]);
    expect(wrapper?.get('[data-testid="widget-connect-cancelled"]').text()).toContain("Вход отменён");
  });
});
