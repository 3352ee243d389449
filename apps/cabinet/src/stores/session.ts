import { toFailure, type Failure } from "@priyom/api-client";
import type { ApiClient, TSessionUser } from "@priyom/api-client";
import { dispatchSessionChanged } from "@priyom/federation";
import { defineStore } from "pinia";
import { ref } from "vue";

export type SessionStatus = "loading" | "signed_out" | "signed_in" | "error";

/**
 * Who is signed in, for the cabinet. Every change the cabinet makes is announced to the shell with
 * `priyom:session-changed`; a change announced by the shell is only taken over (`adopt`).
 */
export const useSessionStore = defineStore("cabinet-session", () => {
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

  /** Takes over a session change without announcing it. */
  function adopt(next: TSessionUser | null): void {
    user.value = next;
    status.value = next ? "signed_in" : "signed_out";
  }

  /** Sets the session and tells the shell. */
  function change(next: TSessionUser | null): void {
    adopt(next);
    dispatchSessionChanged(next);
  }

  /** Re-reads `/me` after something about the user changed (two-factor on/off) and tells the shell. */
  async function refresh(api: ApiClient): Promise<void> {
    try {
      change((await api.me()).user);
    } catch (error) {
      if (toFailure(error).status === 401) change(null);
    }
  }

  return { status, user, failure, load, adopt, change, refresh };
});
