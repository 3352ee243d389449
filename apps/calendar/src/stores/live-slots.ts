import type { TFreeSlot, TSlotEvent } from "@priyom/api-client";
import { defineStore } from "pinia";
import { shallowRef, triggerRef } from "vue";

/**
 * What the live slot stream said since the page opened: slots taken and slots freed. Screens keep
 * what they loaded and ask this store what changed since (the server stays the truth on reload).
 */
export const useLiveSlotsStore = defineStore("calendar-live-slots", () => {
  /** Every event in arrival order (a screen counts the ones after its own load). */
  const events = shallowRef<TSlotEvent[]>([]);
  const taken = shallowRef(new Set<string>());
  const freed = shallowRef(new Map<string, TSlotEvent>());

  function apply(event: TSlotEvent): void {
    events.value = [...events.value, event];
    if (event.state === "taken") {
      taken.value.add(event.slotId);
      freed.value.delete(event.slotId);
    } else {
      taken.value.delete(event.slotId);
      freed.value.set(event.slotId, event);
    }
    triggerRef(taken);
    triggerRef(freed);
  }

  /** Marks a slot taken without an event (a hold or booking refused it as gone). */
  function markTaken(slotId: string): void {
    taken.value.add(slotId);
    freed.value.delete(slotId);
    triggerRef(taken);
    triggerRef(freed);
  }

  function isTaken(slotId: string): boolean {
    return taken.value.has(slotId);
  }

  /**
   * The slots of one doctor's day as loaded, without those taken since and with those freed since,
   * in time order.
   */
  function dayView(loaded: readonly TFreeSlot[], doctorId: string, date: string): TFreeSlot[] {
    const byId = new Map(loaded.map((s) => [s.slotId, s]));
    for (const event of freed.value.values()) {
      if (event.doctorId === doctorId && event.localDate === date && !byId.has(event.slotId)) {
        byId.set(event.slotId, {
          slotId: event.slotId,
          localDate: event.localDate,
          localTime: event.localTime,
          minutes: event.minutes,
          timeZone: event.timeZone,
          startsAt: event.startsAt,
        });
      }
    }
    return [...byId.values()]
      .filter((s) => !taken.value.has(s.slotId))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  return { events, taken, freed, apply, markTaken, isTaken, dayView };
});
