import { createApiClient, isApiError, type ApiClient, type TSessionUser } from "@priyom/api-client";
import { dispatchSessionChanged, onSessionChanged } from "@priyom/federation";
import { defineStore } from "pinia";
import { ref } from "vue";

/**
 * Who is signed in, for the header: read from `GET /api/v1/account/me` at start and again whenever a
 * remote announces `priyom:session-changed`. Remotes learn about the shell's «Выйти» the same way.
 */
export const useSessionStore = defineStore("session", () => {
  const user = ref<TSessionUser | null>(null);
  const known = ref(false);
  const api: ApiClient = createApiClient({ baseUrl: "", locale: "ru" });
  let stop: (() => void) | undefined;
  let generation = 0;

  async function load(): Promise<void> {
    const current = ++generation;
    try {
      const me = await api.me();
      if (current === generation) user.value = me.user;
    } catch (error) {
      // 401 = signed out; any other failure leaves the header without a name rather than guessing.
      if (current === generation && (!isApiError(error) || error.status === 401)) user.value = null;
    } finally {
      if (current === generation) known.value = true;
    }
  }

  /** Starts listening to remotes (once) and reads the session. */
  function start(): Promise<void> {
    stop ??= onSessionChanged(() => void load());
    return load();
  }

  async function signOut(): Promise<void> {
    await api.signOut();
    user.value = null;
    dispatchSessionChanged(null);
  }

  function dispose(): void {
    stop?.();
    stop = undefined;
  }

  return { user, known, start, load, signOut, dispose };
});
