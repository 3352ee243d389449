import { parseSlotEvent, type TSlotEvent } from "@priyom/api-client";
import { onScopeDispose, watch, type Ref } from "vue";
import { useApi } from "./use-api.ts";

/**
 * Listens to the live slot events of the given doctors (`GET /api/v1/slots/stream`, Server-Sent
 * Events, the session cookie goes along) while the component lives. A new list of doctors opens a
 * new stream; the browser reconnects a dropped one by itself. Without `EventSource` it does nothing.
 */
export function useSlotStream(doctorIds: Ref<readonly string[]>, onEvent: (event: TSlotEvent) => void): void {
  const api = useApi();
  let source: EventSource | undefined;

  function close(): void {
    source?.close();
    source = undefined;
  }

  watch(
    () => [...new Set(doctorIds.value)].sort().join(","),
    (key) => {
      close();
      if (key === "" || typeof EventSource === "undefined") return;
      const opened = new EventSource(api.slotStreamUrl(key.split(",")), { withCredentials: true });
      opened.addEventListener("slot", (message) => {
        const event = parseSlotEvent((message as MessageEvent<unknown>).data);
        if (event) onEvent(event);
      });
      source = opened;
    },
    { immediate: true },
  );

  onScopeDispose(close);
}
