import { createApiClient } from "@priyom/api-client";
import { builtContractVersion, builtRemoteVersion, createVueRemoteMount } from "@priyom/federation";
import { createPriyomI18n } from "@priyom/ui";
import ReferralsApp from "./ReferralsApp.vue";
import { API_KEY } from "./use-api.ts";
import { REMOTE_PROPS_KEY } from "./use-remote-props.ts";

export const contractVersion = builtContractVersion;

/** This build's release, shown by the shell under the section. */
export const version = builtRemoteVersion;

/** Mounts «referrals» into `el`; the returned unmount leaves `el` and the page as they were. */
export const mount = createVueRemoteMount({
  component: ReferralsApp,
  className: "priyom-referrals",
  install(app, props) {
    app.use(createPriyomI18n(props.locale));
    app.provide(REMOTE_PROPS_KEY, props);
    app.provide(
      API_KEY,
      createApiClient({ baseUrl: props.apiBase, locale: props.locale, accessToken: props.accessToken }),
    );
  },
});
