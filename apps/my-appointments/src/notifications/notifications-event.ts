/**
 * The window event the shell's badge listens to: sent whenever this section changed what is unread.
 * (Contract 1.2.0 of `@priyom/federation` names the same event `NOTIFICATIONS_CHANGED_EVENT`.)
 */
export const NOTIFICATIONS_CHANGED = "priyom:notifications-changed";

/** Tells the shell (and anyone listening) that the unread notifications changed. */
export function announceNotificationsChanged(target: EventTarget = window): void {
  target.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED));
}

/** Listens to the event; returns the function that stops listening. */
export function onNotificationsChanged(handler: () => void, target: EventTarget = window): () => void {
  const listener = () => handler();
  target.addEventListener(NOTIFICATIONS_CHANGED, listener);
  return () => target.removeEventListener(NOTIFICATIONS_CHANGED, listener);
}
