import { createApiClient, type ApiClient } from "@priyom/api-client";
import { useRemoteProps } from "./use-remote-props.ts";

/** The API client for the props this remote was mounted with. */
export function useApi(): ApiClient {
  const props = useRemoteProps();
  return createApiClient({ baseUrl: props.apiBase, locale: props.locale });
}
