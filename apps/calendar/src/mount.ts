import { builtContractVersion, builtRemoteVersion, createVueRemoteMount } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import CalendarApp from "./CalendarApp.vue";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export const contractVersion = builtContractVersion;

/** This build's release, shown by the shell under the section. */
export const version = builtRemoteVersion;

/** Mounts «calendar» into `el`; the returned unmount leaves `el` and the page as they were. */
export const mount = createVueRemoteMount({
  component: CalendarApp,
  className: "priyom-calendar",
  install(app, props) {
    app.use(createPriyomI18n(props.locale));
    app.provide(REMOTE_PROPS_KEY, props);
  },
});
