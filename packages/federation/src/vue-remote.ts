import { createPinia, disposePinia, getActivePinia, setActivePinia } from "pinia";
import { createApp, type App, type Component } from "vue";
import { FEDERATION_CONTRACT_VERSION, type RemoteMount, type RemoteMountProps } from "./contract.ts";
import { registerVueRuntime } from "./vue-runtime.ts";

/** Defined by the remote's build (`remoteRelease` in ./shared.js); absent when tests run the source. */
declare const __PRIYOM_REMOTE_VERSION__: string | undefined;
/** Testing aid only (`PRIYOM_CONTRACT_VERSION` at build time): proves the shell refuses another major. */
declare const __PRIYOM_CONTRACT_VERSION_OVERRIDE__: string | undefined;

/** The contract version a remote declares: this package's, unless a test build overrides it. */
export const builtContractVersion: string =
  typeof __PRIYOM_CONTRACT_VERSION_OVERRIDE__ === "string"
    ? __PRIYOM_CONTRACT_VERSION_OVERRIDE__
    : FEDERATION_CONTRACT_VERSION;

/** The release of the remote being built, shown by the shell under the section; "dev" outside a build. */
export const builtRemoteVersion: string =
  typeof __PRIYOM_REMOTE_VERSION__ === "string" ? __PRIYOM_REMOTE_VERSION__ : "dev";

export interface VueRemoteOptions {
  /** The section's root component. */
  component: Component;
  /** Class of the wrapper element the app lives in, e.g. "priyom-calendar". */
  className: string;
  /** Installs what the section needs beyond its own Pinia (i18n, provided props, an API client). */
  install: (app: App, props: RemoteMountProps) => void;
}

/**
 * The `mount` of a Vue remote. The app lives in a wrapper element of its own, so the returned unmount
 * leaves `el` exactly as it was (Vue marks its container with an attribute); each mount gets its own
 * Pinia, disposed on unmount — Pinia outlives the app, its stores' effect scope would keep their
 * watchers running and the global active pinia would keep them reachable.
 * @example export const mount = createVueRemoteMount({ component: CalendarApp, className: "priyom-calendar", install });
 */
export function createVueRemoteMount({ component, className, install }: VueRemoteOptions): RemoteMount {
  return (el, props) => {
    registerVueRuntime(createApp);
    const root = document.createElement("div");
    root.className = className;
    el.appendChild(root);
    const app = createApp(component);
    const previousPinia = getActivePinia();
    const pinia = createPinia();
    app.use(pinia);
    install(app, props);
    app.mount(root);
    return () => {
      app.unmount();
      root.remove();
      disposePinia(pinia);
      if (getActivePinia() === pinia) setActivePinia(previousPinia);
    };
  };
}
