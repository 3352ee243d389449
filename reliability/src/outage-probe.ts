// What the database fault tests (outage, pause, hung or cut link) share: requests that remember
// how long they took and what came back, the shape a 503 must have, and bookers that retry with
// their idempotency key until they get a definite answer.

/** Longest wait the API makes on the database (pool slot, handshake, statement) before its 503. */
export { DATABASE_TIMEOUT_MS } from "@priyom/db";

export interface Observed {
  /** HTTP status, or 0 when the request itself failed (refused, reset, our own abort). */
  status: number;
  ms: number;
  retryAfter: string | null;
  body: string;
  /** When the request was sent, ms since the epoch. */
  at: number;
}

/** One request with a generous client-side abort: a request that would hang shows as `ms` ≈ the abort. */
export async function observe(url: string, init: RequestInit = {}, abortAfterMs = 20_000): Promise<Observed> {
  const at = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(abortAfterMs) });
    const body = await response.text();
    return {
      status: response.status,
      ms: Date.now() - at,
      retryAfter: response.headers.get("retry-after"),
      body,
      at,
    };
  } catch (error) {
    return { status: 0, ms: Date.now() - at, retryAfter: null, body: String(error), at };
  }
}

/**
 * What is wrong with a 503 answer, or null when it is as the API promises: `Retry-After`, the JSON
 * error body with the Russian message and a requestId, nothing of a stack trace or a driver message.
 */
export function unavailableProblem(observed: Observed): string | null {
  if (observed.status !== 503) return `status ${observed.status}: ${observed.body.slice(0, 200)}`;
  if (!observed.retryAfter || !/^\d+$/.test(observed.retryAfter)) return "no Retry-After";
  let parsed: { error?: { code?: string; message?: string; requestId?: string } };
  try {
    parsed = JSON.parse(observed.body) as typeof parsed;
  } catch {
    return `not JSON: ${observed.body.slice(0, 200)}`;
  }
  if (parsed.error?.code !== "service_unavailable") return `code ${String(parsed.error?.code)}`;
  if (!parsed.error.requestId) return "no requestId";
  if (!/[а-яё]/i.test(parsed.error.message ?? "")) return `message not Russian: ${parsed.error.message}`;
  if (
    /\bat .+:\d+:\d+|\.ts:\d+|stack|ECONN|Query read timeout|Connection terminated|postgres/i.test(
      observed.body,
    )
  )
    return `leaks internals: ${observed.body.slice(0, 200)}`;
  return null;
}

export interface BookingTask {
  userId: string;
  referralId: string;
  slotId: string;
  phone: string;
  idempotencyKey: string;
}

export interface BookingOutcome {
  task: BookingTask;
  /** The definite answer: 201 (with the appointment id) or a 4xx. */
  status: number;
  appointmentId?: string;
  attempts: Observed[];
}

/**
 * Books each task, retrying the same request (same Idempotency-Key) after 503s and failed
 * connections until a definite answer, `workers` at a time. `onAttempt` sees every attempt.
 */
export async function bookAll(
  apiUrl: string,
  tasks: readonly BookingTask[],
  workers: number,
  onAttempt: (observed: Observed) => void = () => undefined,
  giveUpAfterMs = 120_000,
  /** Rest between one booking's answer and the next booking, per worker. */
  paceMs = 0,
): Promise<BookingOutcome[]> {
  const outcomes: BookingOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (!task) break;
      if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
      const attempts: Observed[] = [];
      const started = Date.now();
      for (;;) {
        const observed = await observe(`${apiUrl}/api/v1/appointments`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            // State-changing requests must come from a trusted origin: the API's own.
            origin: apiUrl,
            "x-test-user": task.userId,
            "idempotency-key": task.idempotencyKey,
          },
          body: JSON.stringify({
            referralId: task.referralId,
            slotId: task.slotId,
            contactPhone: task.phone,
          }),
        });
        attempts.push(observed);
        onAttempt(observed);
        // 409 `conflict`: the same key is still being worked on by an attempt we gave up on.
        const definite =
          observed.status >= 200 &&
          observed.status < 500 &&
          observed.status !== 429 &&
          !(observed.status === 409 && observed.body.includes('"code":"conflict"'));
        if (definite) {
          const appointmentId =
            observed.status === 201 ? (JSON.parse(observed.body) as { id: string }).id : undefined;
          outcomes.push({
            task,
            status: observed.status,
            ...(appointmentId ? { appointmentId } : {}),
            attempts,
          });
          break;
        }
        if (Date.now() - started > giveUpAfterMs) {
          outcomes.push({ task, status: observed.status, attempts });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

/** Sends `probe` every `everyMs` until it answers 2xx; resolves with the time of that answer. */
export async function firstSuccessAfter(
  probe: () => Promise<Observed>,
  everyMs = 100,
  giveUpAfterMs = 60_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const observed = await probe();
    if (observed.status >= 200 && observed.status < 300) return observed.at + observed.ms;
    if (Date.now() - started > giveUpAfterMs) throw new Error(`no 2xx within ${giveUpAfterMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
