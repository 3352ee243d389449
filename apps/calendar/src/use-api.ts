import { createApiClient, type ApiClient } from "@priyom/api-client";
import { inject, type InjectionKey } from "vue";
import { useRemoteProps } from "./use-remote-props.ts";

export const API_KEY: InjectionKey<ApiClient> = Symbol("priyom-calendar-api");

/** The API client for the props this remote was mounted with (tests may provide one over a fake fetch). */
export function useApi(): ApiClient {
  const provided = inject(API_KEY, null);
  if (provided) return provided;
  const props = useRemoteProps();
  // A widget's bearer token (the partner's page cannot use our cookie); in the shell, none: the cookie.
  return createApiClient({ baseUrl: props.apiBase, locale: props.locale, accessToken: props.accessToken });
}
