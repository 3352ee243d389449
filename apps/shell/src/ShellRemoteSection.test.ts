import { FEDERATION_CONTRACT_VERSION, type RemoteMount, type RemoteMountProps } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory } from "vue-router";
import { createShellRouter } from "./router.ts";
import ShellApp from "./ShellApp.vue";

const runtime = vi.hoisted(() => ({
  registerRemotes: vi.fn(),
  loadRemote: vi.fn<(id: string) => Promise<unknown>>(),
}));
vi.mock("@module-federation/runtime", () => runtime);

const manifest = {
  cabinet: { entry: "/remotes/cabinet/remoteEntry.js", version: "0.1.0" },
  referrals: { entry: "/remotes/referrals/remoteEntry.js", version: "0.1.0" },
  calendar: { entry: "/remotes/calendar/remoteEntry.js", version: "0.1.0" },
  "my-appointments": { entry: "/remotes/my-appointments/remoteEntry.js", version: "0.1.0" },
  staff: { entry: "/remotes/staff/remoteEntry.js", version: "0.1.0" },
};

/** A remote that renders a heading and records its lifecycle. */
function fakeRemote(name: string) {
  const seen: { props?: RemoteMountProps; unmounted: boolean } = { unmounted: false };
  const remoteMount: RemoteMount = (el, props) => {
    seen.props = props;
    const h1 = document.createElement("h1");
    h1.textContent = `remote ${name}`;
    el.appendChild(h1);
    return () => {
      seen.unmounted = true;
      h1.remove();
    };
  };
  return { module: { mount: remoteMount, contractVersion: FEDERATION_CONTRACT_VERSION }, seen };
}

async function renderAt(path: string) {
  const router = createShellRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(ShellApp, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router, createPriyomI18n("ru")] },
  });
  await flushPromises();
  return { wrapper, router };
}

function signedOut(): Response {
  return new Response(
    JSON.stringify({ error: { code: "unauthorized", message: "Войдите", requestId: "r" } }),
    {
      status: 401,
    },
  );
}

function section(wrapper: Awaited<ReturnType<typeof renderAt>>["wrapper"], name: string) {
  return wrapper.get(`[data-remote="${name}"]`);
}

describe("shell sections", () => {
  let manifestBody: unknown;

  beforeEach(() => {
    manifestBody = manifest;
    runtime.registerRemotes.mockReset();
    runtime.loadRemote.mockReset();
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string, init?: RequestInit) => {
        if (url === "/api/v1/account/me") return Promise.resolve(signedOut());
        expect(url).toBe("/remotes.json");
        expect(init?.cache).toBe("no-store");
        return Promise.resolve(new Response(JSON.stringify(manifestBody), { status: 200 }));
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("mounts the section's remote with the contract props and unmounts it on route leave", async () => {
    const calendar = fakeRemote("calendar");
    runtime.loadRemote.mockResolvedValue(calendar.module);
    const { wrapper, router } = await renderAt("/calendar");
    expect(runtime.registerRemotes).toHaveBeenCalledWith(
      [{ name: "calendar", entry: "http://localhost:3000/remotes/calendar/remoteEntry.js", type: "module" }],
      { force: false },
    );
    expect(runtime.loadRemote).toHaveBeenCalledWith("calendar/mount");
    const el = section(wrapper, "calendar");
    expect(el.attributes("data-remote-state")).toBe("mounted");
    expect(el.text()).toContain("remote calendar");
    expect(calendar.seen.props).toMatchObject({ apiBase: "", basePath: "/calendar", locale: "ru" });

    calendar.seen.props?.navigate("/referrals");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/referrals");
    expect(calendar.seen.unmounted).toBe(true);
    wrapper.unmount();
  });

  it("shows «Раздел временно недоступен» when the remote cannot be loaded, and «Повторить» loads it again", async () => {
    runtime.loadRemote.mockRejectedValue(new Error("404"));
    const { wrapper } = await renderAt("/referrals");
    await vi.waitFor(
      () => expect(section(wrapper, "referrals").attributes("data-remote-state")).toBe("unavailable"),
      {
        timeout: 3000,
      },
    );
    expect(runtime.loadRemote).toHaveBeenCalledTimes(3);
    expect(section(wrapper, "referrals").text()).toContain("Раздел временно недоступен");
    // The navigation keeps working.
    expect(wrapper.findAll("nav a")).toHaveLength(4);

    runtime.loadRemote.mockReset();
    runtime.loadRemote.mockResolvedValue(fakeRemote("referrals").module);
    await section(wrapper, "referrals").get("button").trigger("click");
    await flushPromises();
    expect(section(wrapper, "referrals").attributes("data-remote-state")).toBe("mounted");
    expect(section(wrapper, "referrals").text()).not.toContain("Раздел временно недоступен");
    wrapper.unmount();
  });

  it("mounts the staff remote at /staff for a signed-out visitor, though the menu does not offer it", async () => {
    const staff = fakeRemote("staff");
    runtime.loadRemote.mockResolvedValue(staff.module);
    const { wrapper } = await renderAt("/staff?tab=journal");
    expect(runtime.registerRemotes).toHaveBeenCalledWith(
      [{ name: "staff", entry: "http://localhost:3000/remotes/staff/remoteEntry.js", type: "module" }],
      { force: false },
    );
    expect(runtime.loadRemote).toHaveBeenCalledWith("staff/mount");
    expect(section(wrapper, "staff").attributes("data-remote-state")).toBe("mounted");
    expect(staff.seen.props).toMatchObject({ basePath: "/staff" });
    expect(wrapper.findAll("nav a").map((a) => a.attributes("href"))).not.toContain("/staff");
    expect(document.title).toBe("Работа с записями — Приём");
    wrapper.unmount();
  });

  it("refuses a remote of another contract major", async () => {
    runtime.loadRemote.mockResolvedValue({ ...fakeRemote("cabinet").module, contractVersion: "2.0.0" });
    const { wrapper } = await renderAt("/cabinet");
    expect(section(wrapper, "cabinet").attributes("data-remote-state")).toBe("unavailable");
    wrapper.unmount();
  });

  it("shows the mounted remote's version under the section, and warns when remotes.json names another", async () => {
    manifestBody = { ...manifest, calendar: { ...manifest.calendar, version: "0.4.1" } };
    const calendar = fakeRemote("calendar");
    runtime.loadRemote.mockResolvedValue({ ...calendar.module, version: "0.4.2" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { wrapper, router } = await renderAt("/calendar");
    const el = section(wrapper, "calendar");
    expect(el.attributes("data-remote-state")).toBe("mounted");
    expect(el.attributes("data-remote-version")).toBe("0.4.2");
    expect(el.get('[data-testid="remote-version"]').text()).toBe("Версия раздела 0.4.2");
    expect(warn).toHaveBeenCalledWith(
      "[priyom] calendar: remotes.json lists version 0.4.1, the module is 0.4.2",
    );

    // A module that agrees with remotes.json is not worth a warning.
    warn.mockClear();
    runtime.loadRemote.mockResolvedValue({ ...fakeRemote("referrals").module, version: "0.1.0" });
    await router.push("/referrals");
    await flushPromises();
    expect(section(wrapper, "referrals").attributes("data-remote-version")).toBe("0.1.0");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    wrapper.unmount();
  });

  it("shows no version line for a remote that does not declare one", async () => {
    runtime.loadRemote.mockResolvedValue(fakeRemote("calendar").module);
    const { wrapper } = await renderAt("/calendar");
    expect(section(wrapper, "calendar").attributes("data-remote-state")).toBe("mounted");
    expect(section(wrapper, "calendar").attributes("data-remote-version")).toBeUndefined();
    expect(wrapper.find('[data-testid="remote-version"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("never mounts a remote of another contract major: the section shows the fallback and no version", async () => {
    const cabinet = fakeRemote("cabinet");
    runtime.loadRemote.mockResolvedValue({ ...cabinet.module, contractVersion: "2.0.0", version: "9.0.0" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { wrapper } = await renderAt("/cabinet");
    const el = section(wrapper, "cabinet");
    expect(el.attributes("data-remote-state")).toBe("unavailable");
    expect(el.text()).toContain("Раздел временно недоступен");
    expect(el.get("button").text()).toBe("Повторить");
    expect(el.attributes("data-remote-version")).toBeUndefined();
    expect(el.text()).not.toContain("Версия раздела");
    expect(cabinet.seen.props).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      "[priyom] cabinet unavailable: incompatible_contract: cabinet implements contract 2.0.0",
    );
    warn.mockRestore();
    wrapper.unmount();
  });

  it("a broken remotes.json entry disables only that section", async () => {
    manifestBody = { ...manifest, "my-appointments": { entry: 42 } };
    runtime.loadRemote.mockResolvedValue(fakeRemote("x").module);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { wrapper, router } = await renderAt("/appointments");
    expect(section(wrapper, "my-appointments").attributes("data-remote-state")).toBe("unavailable");
    expect(runtime.loadRemote).not.toHaveBeenCalled();
    await router.push("/cabinet");
    await flushPromises();
    expect(section(wrapper, "cabinet").attributes("data-remote-state")).toBe("mounted");
    warn.mockRestore();
    wrapper.unmount();
  });

  it("a remote whose mount throws is shown as unavailable", async () => {
    runtime.loadRemote.mockResolvedValue({
      mount: () => {
        throw new Error("boom");
      },
      contractVersion: FEDERATION_CONTRACT_VERSION,
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { wrapper } = await renderAt("/calendar");
    expect(section(wrapper, "calendar").attributes("data-remote-state")).toBe("unavailable");
    error.mockRestore();
    wrapper.unmount();
  });
});

describe("shell layout", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(signedOut())),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("has the header, a labelled nav with the four sections, a skip link and the home page", async () => {
    const { wrapper } = await renderAt("/");
    expect(wrapper.text()).toContain("Приём — запись к врачу по направлению");
    const nav = wrapper.get("nav");
    expect(nav.attributes("aria-label")).toBe("Разделы сервиса");
    expect(nav.findAll("a").map((a) => [a.text(), a.attributes("href")])).toEqual([
      ["Личный кабинет", "/cabinet"],
      ["Мои направления", "/referrals"],
      ["Запись к врачу", "/calendar"],
      ["Мои записи", "/appointments"],
    ]);
    expect(wrapper.get("a.shell-skip").attributes("href")).toBe("#main");
    expect(wrapper.get("main h2").text()).toBe("Запись к врачу по направлению");
    expect(wrapper.findAll("main .shell-home__card")).toHaveLength(4);
    wrapper.unmount();
  });

  it("answers unknown paths with a Russian not-found page", async () => {
    const { wrapper } = await renderAt("/nowhere");
    expect(wrapper.get("main h2").text()).toBe("Страница не найдена");
    wrapper.unmount();
  });
});
