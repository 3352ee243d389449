// @vitest-environment happy-dom
import { createPinia, defineStore, disposePinia, getActivePinia, setActivePinia } from "pinia";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, defineComponent, h, onBeforeUnmount, onMounted, ref } from "vue";
import { FEDERATION_CONTRACT_VERSION, type RemoteModule, type RemoteMountProps } from "./contract.ts";
import { assertRemoteContract, checkRemoteContract } from "./testing.ts";

const useCounterStore = defineStore("counter", () => {
  const count = ref(0);
  return { count };
});

/** A small Vue + Pinia remote; `leak` names the one thing its unmount forgets to undo. */
function vueRemote(leak?: "pinia" | "active-pinia" | "app"): RemoteModule {
  return {
    contractVersion: FEDERATION_CONTRACT_VERSION,
    version: "1.2.3",
    mount(el, props: RemoteMountProps) {
      const root = document.createElement("div");
      el.appendChild(root);
      const Section = defineComponent({
        setup() {
          const store = useCounterStore();
          const onResize = () => (store.count += 1);
          let stream: EventSource | undefined;
          let tick: ReturnType<typeof setInterval> | undefined;
          onMounted(() => {
            window.addEventListener("resize", onResize);
            stream = new EventSource("/api/v1/slots/stream");
            tick = setInterval(() => (store.count += 1), 1000);
            props.report?.({ kind: "signed-in" });
          });
          onBeforeUnmount(() => {
            window.removeEventListener("resize", onResize);
            stream?.close();
            clearInterval(tick);
          });
          return () => h("h2", `Раздел ${store.count}`);
        },
      });
      const app = createApp(Section);
      const previous = getActivePinia();
      const pinia = createPinia();
      app.use(pinia);
      app.mount(root);
      return () => {
        if (leak !== "app") app.unmount();
        root.remove();
        if (leak === "pinia") return;
        disposePinia(pinia);
        if (leak !== "active-pinia" && getActivePinia() === pinia) setActivePinia(previous);
      };
    },
  };
}

/** A remote without Vue whose unmount undoes nothing but its own element. */
function plainRemote(setUp: (el: HTMLElement) => void, overrides: Partial<RemoteModule> = {}): RemoteModule {
  return {
    contractVersion: FEDERATION_CONTRACT_VERSION,
    version: "0.0.1",
    mount(el) {
      const node = document.createElement("p");
      el.appendChild(node);
      setUp(el);
      return () => node.remove();
    },
    ...overrides,
  };
}

describe("checkRemoteContract", () => {
  afterEach(() => {
    setActivePinia(undefined);
  });

  it("passes a remote that undoes everything it did, and hands it every prop of contract 1.3.0", async () => {
    const report = await assertRemoteContract(vueRemote(), { getActivePinia });
    expect(report).toEqual({ problems: [], reports: [{ kind: "signed-in" }], vueApps: 1, pinias: 1 });

    let seen: RemoteMountProps | undefined;
    await assertRemoteContract(
      plainRemote(() => undefined, { mount: (el, props) => ((seen = props), () => undefined) }),
      {
        props: { basePath: "/calendar" },
      },
    );
    expect(seen).toMatchObject({ apiBase: "", basePath: "/calendar", locale: "ru" });
    expect(typeof seen?.navigate).toBe("function");
    expect(seen?.location?.current()).toEqual({ pathname: "/calendar", search: "" });
    expect(typeof seen?.accessToken).toBe("function");
    expect(typeof seen?.requestSignIn).toBe("function");
    expect(typeof seen?.report).toBe("function");
  });

  it("finds a Pinia left running, a Pinia left active, and an app never unmounted", async () => {
    const pinia = await checkRemoteContract(vueRemote("pinia"), { getActivePinia });
    expect(pinia.problems).toEqual([
      "a Pinia's effect scope is still active (store watchers keep running)",
      "a Pinia still holds 1 store(s): counter",
      "the global active pinia still points at the remote's Pinia",
    ]);
    const active = await checkRemoteContract(vueRemote("active-pinia"), { getActivePinia });
    expect(active.problems).toEqual(["the global active pinia still points at the remote's Pinia"]);
    const app = await checkRemoteContract(vueRemote("app"), { getActivePinia });
    // The app still runs: its own listener, stream and interval are never undone either.
    expect(app.problems).toEqual([
      'a "resize" listener on window (onResize) was not removed',
      "an interval of 1000 ms was not cleared",
      "an EventSource to /api/v1/slots/stream was not closed",
      "a Vue app under the host was not unmounted",
    ]);
  });

  it("finds DOM, listeners, timers and connections left behind", async () => {
    const leaky = plainRemote((el) => {
      el.setAttribute("data-v-app", "");
      el.appendChild(document.createElement("span"));
      document.body.appendChild(document.createElement("dialog"));
      document.head.appendChild(document.createElement("style"));
      document.addEventListener("keydown", function onKey() {}, true);
      window.addEventListener("popstate", () => undefined);
      setTimeout(() => undefined, 60_000);
      setInterval(() => undefined, 500);
      new EventSource("/stream");
      new WebSocket("wss://priyom.test/live");
    });
    const report = await checkRemoteContract(leaky);
    expect(report.problems).toEqual([
      "the host still has 1 child node(s)",
      "the host's attributes changed: data-v-app=",
      "a <style> was left in <head>",
      "a <dialog> was left in <body>",
      'a "keydown" listener on document (capture) (onKey) was not removed',
      'a "popstate" listener on window was not removed',
      "a timeout of 60000 ms was neither cleared nor fired",
      "an interval of 500 ms was not cleared",
      "an EventSource to /stream was not closed",
      "a WebSocket to wss://priyom.test/live was not closed",
    ]);
    document.body.querySelector("dialog")?.remove();
    document.head.querySelector("style")?.remove();
    await expect(assertRemoteContract(leaky)).rejects.toThrow(
      /the remote broke its contract:\n- the host still has/,
    );
    document.body.querySelector("dialog")?.remove();
    document.head.querySelector("style")?.remove();
  });

  it("counts a timeout that fired, a listener removed by its signal and a once listener that ran as undone", async () => {
    const controller = new AbortController();
    const clean = plainRemote(() => {
      setTimeout(() => undefined, 0);
      window.addEventListener("message", () => undefined, { signal: controller.signal });
      window.addEventListener("hashchange", () => undefined, { once: true });
      window.dispatchEvent(new Event("hashchange"));
      controller.abort();
    });
    await expect(checkRemoteContract(clean)).resolves.toMatchObject({ problems: [] });
  });

  it("refuses a module of another contract major or without a version, without mounting it", async () => {
    let mounted = false;
    const mount = () => ((mounted = true), () => undefined);
    const report = await checkRemoteContract({ mount, contractVersion: "2.0.0" });
    expect(report.problems).toEqual([
      "contractVersion 2.0.0 is not compatible with this shell",
      "the module exports no version string",
    ]);
    expect(mounted).toBe(false);
  });

  it("puts back the real window, document, timers, EventSource and WebSocket afterwards", async () => {
    const ownListenerMethods = () =>
      [window, document].map(
        (target): unknown => Object.getOwnPropertyDescriptor(target, "addEventListener")?.value,
      );
    const globals = () => [
      globalThis.setTimeout,
      globalThis.setInterval,
      globalThis.clearTimeout,
      globalThis.EventSource,
      globalThis.WebSocket,
    ];
    const before = { own: ownListenerMethods(), globals: globals() };
    await checkRemoteContract(vueRemote(), { getActivePinia });
    expect({ own: ownListenerMethods(), globals: globals() }).toEqual(before);
  });
});
