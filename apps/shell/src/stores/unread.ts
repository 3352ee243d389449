import { createApiClient, isApiError, type ApiClient } from "@priyom/api-client";
import { defineStore } from "pinia";
import { ref } from "vue";

/** How many cabinet notifications the signed-in patient has not read, for the badge by «Мои записи». */
export const useUnreadStore = defineStore("unread", () => {
  const count = ref(0);
  const api: ApiClient = createApiClient({ baseUrl: "", locale: "ru" });
  /** Bumped on every read and on clear, so a late answer never overwrites a newer one. */
  let generation = 0;

  async function refresh(): Promise<void> {
    const current = ++generation;
    try {
      const { unread } = await api.getUnreadCount();
      if (current === generation) count.value = Math.max(0, unread);
    } catch (error) {
      // Signed out or not a patient: no badge. Any other failure keeps the last count rather than guess.
      if (current === generation && isApiError(error) && (error.status === 401 || error.status === 403))
        count.value = 0;
    }
  }

  function clear(): void {
    generation += 1;
    count.value = 0;
  }

  return { count, refresh, clear };
});
