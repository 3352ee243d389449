import { toFailure, type ApiClient, type Failure, type TSessionUser } from "@priyom/api-client";
import { defineStore } from "pinia";
import { ref } from "vue";

export type SessionStatus = "loading" | "signed_out" | "signed_in" | "error";

/**
 * Who is signed in, for «Мои записи»: read from `GET /account/me`, taken over from the
 * `priyom:session-changed` event, and dropped when any request of the section answers 401.
 */
export const useSessionStore = defineStore("my-appointments-session", () => {
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

  function adopt(next: TSessionUser | null): void {
    user.value = next;
    status.value = next ? "signed_in" : "signed_out";
  }

  /**
   * Looks at a failed request: a 401 means the session ended meanwhile, and the section shows the way
   * to sign in again. Answers whether it was that.
   */
  function noticeSignedOut(error: unknown): boolean {
    if (toFailure(error).status !== 401) return false;
    adopt(null);
    return true;
  }

  return { status, user, failure, load, adopt, noticeSignedOut };
});
