import { createApiClient } from "@priyom/api-client";
import { FEDERATION_CONTRACT_VERSION, registerVueRuntime, type RemoteMount } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import { createPinia } from "pinia";
import { createApp } from "vue";
import StaffApp from "./StaffApp.vue";
import { API_KEY } from "./use-api.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export const contractVersion = FEDERATION_CONTRACT_VERSION;

/**
 * Mounts «Работа с записями» into `el`. The app lives in a wrapper element of its own, so the
 * returned unmount leaves `el` exactly as it was (Vue marks its container with an attribute).
 */
export const mount: RemoteMount = (el, props) => {
  registerVueRuntime(createApp);
  const root = document.createElement("div");
  root.className = "priyom-staff";
  el.appendChild(root);
  const app = createApp(StaffApp);
  app.use(createPinia());
  app.use(createPriyomI18n(props.locale));
  app.provide(REMOTE_PROPS_KEY, props);
  app.provide(API_KEY, createApiClient({ baseUrl: props.apiBase, locale: props.locale }));
  app.mount(root);
  return () => {
    app.unmount();
    root.remove();
  };
};
