import { toFailure, type ApiClient, type Failure, type TSessionUser } from "@priyom/api-client";
import { defineStore } from "pinia";
import { ref } from "vue";

export type SessionStatus = "loading" | "signed_out" | "signed_in" | "error";

/** Who is signed in, for choosing which staff screens to show. Read-only here. */
export const useSessionStore = defineStore("staff-session", () => {
  const status = ref<SessionStatus>("loading");
  const user = ref<TSessionUser | null>(null);
  const failure = ref<Failure | null>(null);

  async function load(api: ApiClient): Promise<void> {
    status.value = "loading";
    failure.value = null;
    try {
      adopt((await api.me()).user);
    } catch (error) {
      const f = toFailure(error);
      if (f.status === 401) adopt(null);
      else {
        failure.value = f;
        status.value = "error";
      }
    }
  }

  /** Takes over a session announced by the shell or the cabinet. */
  function adopt(next: TSessionUser | null): void {
    user.value = next;
    status.value = next ? "signed_in" : "signed_out";
  }

  return { status, user, failure, load, adopt };
});
