/**
 * A fresh `Idempotency-Key` (8–100 of `[A-Za-z0-9_-]`): one per attempt of a change, sent again
 * unchanged when the attempt is retried after no answer, so the server never does it twice.
 * @example newIdempotencyKey() // "3b241101-e2bb-4255-8caf-4136c566a962"
 */
export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
