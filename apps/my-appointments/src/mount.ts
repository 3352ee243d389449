import { builtContractVersion, builtRemoteVersion, createVueRemoteMount } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import AppointmentsApp from "./AppointmentsApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export const contractVersion = builtContractVersion;

/** This build's release, shown by the shell under the section. */
export const version = builtRemoteVersion;

/** Mounts «my-appointments» into `el`; the returned unmount leaves `el` and the page as they were. */
export const mount = createVueRemoteMount({
  component: AppointmentsApp,
  className: "priyom-my-appointments",
  install(app, props) {
    app.use(createPriyomI18n(props.locale));
    app.provide(REMOTE_PROPS_KEY, props);
  },
});
