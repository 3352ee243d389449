import { toFailure, type Failure } from "@priyom/api-client";
import type { ApiClient, TReferral, TReferralDetail } from "@priyom/api-client";
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";

export type ListStatus = "idle" | "loading" | "ready" | "error";

/** The outcome of «Обновить сведения», shown in a live region. */
export type RefreshOutcome =
  { kind: "refreshed"; changed: number } | { kind: "unavailable" } | { kind: "failed"; failure: Failure };

/** The patient's referrals: the list, the details already read, and «Обновить сведения». */
export const useReferralsStore = defineStore("referrals", () => {
  const status = ref<ListStatus>("idle");
  const items = shallowRef<TReferral[]>([]);
  const failure = ref<Failure | null>(null);
  const details = shallowRef(new Map<string, TReferralDetail>());
  const refreshing = ref(false);
  const refreshOutcome = ref<RefreshOutcome | null>(null);

  /** Reads the list; a failed re-read keeps the list already shown. */
  async function load(api: ApiClient): Promise<void> {
    if (status.value !== "ready") status.value = "loading";
    try {
      items.value = (await api.listReferrals()).items;
      failure.value = null;
      status.value = "ready";
    } catch (error) {
      failure.value = toFailure(error);
      if (status.value !== "ready") status.value = "error";
    }
  }

  /** Keeps a detail read elsewhere (a look-up) so opening it needs no second request. */
  function remember(detail: TReferralDetail): void {
    details.value = new Map(details.value).set(detail.id, detail);
  }

  async function detail(api: ApiClient, id: string): Promise<TReferralDetail> {
    const known = details.value.get(id);
    if (known) return known;
    const read = await api.getReferral(id);
    remember(read);
    return read;
  }

  /** Asks the clinics again; the list is re-read after success and kept as it is otherwise. */
  async function refresh(api: ApiClient): Promise<void> {
    refreshing.value = true;
    refreshOutcome.value = null;
    try {
      const answer = await api.refreshReferrals();
      details.value = new Map();
      await load(api);
      refreshOutcome.value = { kind: "refreshed", changed: answer.changed };
    } catch (error) {
      const f = toFailure(error);
      refreshOutcome.value =
        f.status === 503 || f.code === "service_unavailable"
          ? { kind: "unavailable" }
          : { kind: "failed", failure: f };
    } finally {
      refreshing.value = false;
    }
  }

  return { status, items, failure, details, refreshing, refreshOutcome, load, remember, detail, refresh };
});
