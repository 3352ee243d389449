import { FEDERATION_CONTRACT_VERSION, registerVueRuntime, type RemoteMount } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { createPinia, disposePinia, getActivePinia, setActivePinia } from "pinia";
import { createApp } from "vue";
import CalendarApp from "./CalendarApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

/** Defined by the build (`remoteRelease` in @priyom/federation/shared); absent when tests run the source. */
declare const __PRIYOM_REMOTE_VERSION__: string | undefined;
/** Testing aid only (`PRIYOM_CONTRACT_VERSION` at build time): proves the shell refuses another major. */
declare const __PRIYOM_CONTRACT_VERSION_OVERRIDE__: string | undefined;

export const contractVersion =
  typeof __PRIYOM_CONTRACT_VERSION_OVERRIDE__ === "string"
    ? __PRIYOM_CONTRACT_VERSION_OVERRIDE__
    : FEDERATION_CONTRACT_VERSION;

/** This build's release, shown by the shell under the section; "dev" when not built by Vite. */
export const version = typeof __PRIYOM_REMOTE_VERSION__ === "string" ? __PRIYOM_REMOTE_VERSION__ : "dev";

/**
 * Mounts the section into `el`. The app lives in a wrapper element of its own, so the returned
 * unmount leaves `el` exactly as it was (Vue marks its container with an attribute).
 */
export const mount: RemoteMount = (el, props) => {
  registerVueRuntime(createApp);
  const root = document.createElement("div");
  root.className = "priyom-calendar";
  el.appendChild(root);
  const app = createApp(CalendarApp);
  const previousPinia = getActivePinia();
  const pinia = createPinia();
  app.use(pinia);
  app.use(createPriyomI18n(props.locale));
  app.provide(REMOTE_PROPS_KEY, props);
  app.mount(root);
  return () => {
    app.unmount();
    root.remove();
    // Pinia outlives the app: its stores' effect scope keeps their watchers running, and the global
    // active pinia keeps them reachable. Stop them, and hand the active pinia back to whoever had it.
    disposePinia(pinia);
    if (getActivePinia() === pinia) setActivePinia(previousPinia);
  };
};
