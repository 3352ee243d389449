/**
 * Resolves at the next animation frame, i.e. once what the caller just changed is about to be
 * painted. An interaction's latency (INP) runs from the input to the next paint: a request started
 * here cannot answer before that paint (its answer is a task of its own), so whatever is drawn on the
 * answer — the confirmation, the ticket, a hundred milliseconds on a slow phone — stays out of the
 * interaction, and the patient sees the pending state first. In a hidden tab, where no frame comes,
 * it resolves after a task instead, so nothing waits for a paint forever.
 * @example pending.value = slot.slotId; await beforeNextPaint(); await api.createHold(...);
 */
export function beforeNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (
      typeof requestAnimationFrame !== "function" ||
      (typeof document !== "undefined" && document.visibilityState !== "visible")
    ) {
      setTimeout(resolve, 0);
      return;
    }
    requestAnimationFrame(() => resolve());
  });
}
