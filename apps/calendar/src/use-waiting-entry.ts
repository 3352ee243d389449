import { computed, inject, type ComputedRef, type InjectionKey } from "vue";
import type { WaitingWant } from "./navigation.ts";

/** How a screen deep in the booking opens the waitlist or the priority request form. */
export interface WaitingEntry {
  /** The section path of the form (for the link's `href`). */
  href: (want: WaitingWant) => string;
  /** Moves the booking to the form. */
  open: (want: WaitingWant) => void;
}

/** Provided by the booking while it has a referral to wait on; absent in reschedule mode and on public links. */
export const WAITING_ENTRY_KEY: InjectionKey<ComputedRef<WaitingEntry | undefined>> = Symbol(
  "priyom-calendar-waiting-entry",
);

/** The way to the waiting forms, or undefined where there is none. */
export function useWaitingEntry(): ComputedRef<WaitingEntry | undefined> {
  return inject(
    WAITING_ENTRY_KEY,
    computed(() => undefined),
    false,
  );
}
