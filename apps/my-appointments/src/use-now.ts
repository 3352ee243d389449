import { onScopeDispose, ref, type Ref } from "vue";

/**
 * The device's time, refreshed every `everyMs`: enough for deadlines counted in hours (whether a
 * visit may still be changed), where the server has the last word anyway.
 */
export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, everyMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
