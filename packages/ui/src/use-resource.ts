import { onScopeDispose, shallowRef, type ShallowRef } from "vue";

export type ResourceStatus = "loading" | "ready" | "error";

export interface Resource<T> {
  status: ShallowRef<ResourceStatus>;
  data: ShallowRef<T | undefined>;
  error: ShallowRef<unknown>;
  /** Loads again, cancelling a load still running. */
  reload: () => Promise<void>;
}

/**
 * Server state for one screen: loads at once, exposes loading/ready/error, and aborts the request when
 * the component (its effect scope) goes away, so an unmounted remote leaves no request behind.
 * @example const specialties = useResource((signal) => api.listSpecialties({ signal }));
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const status = shallowRef<ResourceStatus>("loading");
  const data = shallowRef<T | undefined>(undefined);
  const error = shallowRef<unknown>(undefined);
  let controller: AbortController | undefined;

  async function reload(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    status.value = "loading";
    error.value = undefined;
    try {
      const value = await load(current.signal);
      if (current.signal.aborted) return;
      data.value = value;
      status.value = "ready";
    } catch (caught) {
      if (current.signal.aborted) return;
      error.value = caught;
      status.value = "error";
    }
  }

  onScopeDispose(() => controller?.abort());
  void reload();
  return { status, data, error, reload };
}
