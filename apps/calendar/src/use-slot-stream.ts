import { parseSlotEvent, type TSlotEvent } from "@priyom/api-client";
import { onScopeDispose, ref, watch, type Ref } from "vue";
import { useApi } from "./use-api.ts";

/**
 * Listens to the live slot events of the given doctors (`GET /api/v1/slots/stream`, Server-Sent
 * Events, the session cookie goes along) while the component lives. A new list of doctors opens a
 * new stream; the browser reconnects a dropped one by itself. Without `EventSource` it does nothing.
 * Returns whether the server has confirmed the subscription (its `ready` event) and not dropped it.
 */
export function useSlotStream(
  doctorIds: Ref<readonly string[]>,
  onEvent: (event: TSlotEvent) => void,
): Ref<boolean> {
  const api = useApi();
  const live = ref(false);
  let source: EventSource | undefined;

  function close(): void {
    source?.close();
    source = undefined;
    live.value = false;
  }

  watch(
    () => [...new Set(doctorIds.value)].sort().join(","),
    (key) => {
      close();
      if (key === "" || typeof EventSource === "undefined") return;
      const opened = new EventSource(api.slotStreamUrl(key.split(",")), { withCredentials: true });
      opened.addEventListener("ready", () => {
        if (source === opened) live.value = true;
      });
      opened.addEventListener("error", () => {
        if (source === opened) live.value = false;
      });
      opened.addEventListener("slot", (message) => {
        const event = parseSlotEvent((message as MessageEvent<unknown>).data);
        if (event) onEvent(event);
      });
      source = opened;
    },
    { immediate: true },
  );

  onScopeDispose(close);
  return live;
}
