import type { ApiClient } from "@priyom/api-client";
import { inject, type InjectionKey } from "vue";

export const API_KEY: InjectionKey<ApiClient> = Symbol("priyom-cabinet-api");

/** The API client the remote was mounted with (tests provide one over a fake fetch). */
export function useApi(): ApiClient {
  const api = inject(API_KEY);
  if (!api) throw new Error("useApi() outside the cabinet app");
  return api;
}
