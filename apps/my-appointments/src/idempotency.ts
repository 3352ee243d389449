/**
 * A fresh `Idempotency-Key` (the API takes 8–100 of `[A-Za-z0-9_-]`): one per attempt of a change, sent
 * again unchanged when the attempt is retried, so the server answers its first answer and never acts twice.
 */
export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 14)}`;
}
