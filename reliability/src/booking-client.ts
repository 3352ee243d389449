// A booking client as a careful mobile app behaves: one Idempotency-Key per booking, kept across
// retries, and a retry whenever the answer is not definite — the connection failed or was cut (the
// API was killed), the server answered 5xx (its database was away), or 409 `conflict` (the same key
// is still being worked on by a request the client gave up on). 201 (or a replayed 200/201) is an
// acknowledged booking; 404/409/422 with a booking error is a definite refusal.
import { randomUUID } from "node:crypto";

export interface BookingRequest {
  userId: string;
  referralId: string;
  slotId: string;
  phone: string;
}

export type BookingOutcome =
  | { kind: "acknowledged"; status: number; appointmentId: string; ticketNumber: string }
  | { kind: "refused"; status: number; code: string };

export interface BookingResult {
  key: string;
  outcome: BookingOutcome;
  /** Requests sent beyond the first. */
  retries: number;
  /** What each retried attempt met, e.g. `ECONNREFUSED`, `503`, `409 conflict`. */
  retryReasons: string[];
}

export interface BookingClientOptions {
  /** The key to send; a fresh UUID by default. Send the same one again to prove a replay. */
  key?: string;
  /** One attempt's limit; a request the killed process never answers ends with the socket anyway. */
  requestTimeoutMs?: number;
  /** Pause between attempts (the restarted API needs a moment to listen again). */
  retryDelayMs?: number;
  /** Give up (throw) after this long without a definite answer. */
  giveUpAfterMs?: number;
  /** Role header for the reliability API process (`x-test-role`). */
  role?: "patient" | "clinic_staff" | "admin";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why a fetch failed, as the innermost cause names it (ECONNREFUSED, ECONNRESET, TimeoutError …). */
function failureReason(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (e.name === "TimeoutError" || e.name === "AbortError") return e.name;
    e = e.cause;
  }
  return error instanceof Error ? error.name : "unknown";
}

/** Books via `POST /api/v1/appointments` and retries with the same key until the answer is definite. */
export async function bookUntilDefinite(
  baseUrl: string,
  request: BookingRequest,
  options: BookingClientOptions = {},
): Promise<BookingResult> {
  const key = options.key ?? randomUUID();
  const started = Date.now();
  const giveUpAfter = options.giveUpAfterMs ?? 120_000;
  const retryReasons: string[] = [];
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      if (Date.now() - started > giveUpAfter)
        throw new Error(
          `No definite answer for key ${key} within ${giveUpAfter} ms (last: ${retryReasons.at(-1) ?? "none"})`,
        );
      await sleep(options.retryDelayMs ?? 200);
    }
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(`${baseUrl}/api/v1/appointments`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          // State-changing requests must come from a trusted origin: the API's own.
          Origin: new URL(baseUrl).origin,
          "Idempotency-Key": key,
          "x-test-user": request.userId,
          "x-test-role": options.role ?? "patient",
        },
        body: JSON.stringify({
          referralId: request.referralId,
          slotId: request.slotId,
          contactPhone: request.phone,
        }),
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 15_000),
      });
      status = response.status;
      body = await response.json().catch(() => null);
    } catch (error) {
      retryReasons.push(failureReason(error));
      continue;
    }
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
    if (status === 200 || status === 201) {
      const appointment = body as { id?: unknown; ticketNumber?: unknown };
      if (typeof appointment.id !== "string" || typeof appointment.ticketNumber !== "string")
        throw new Error(`Booking answered ${status} without an appointment`);
      return {
        key,
        outcome: {
          kind: "acknowledged",
          status,
          appointmentId: appointment.id,
          ticketNumber: appointment.ticketNumber,
        },
        retries: attempt,
        retryReasons,
      };
    }
    if (status >= 500 || status === 429 || (status === 409 && code === "conflict")) {
      retryReasons.push(`${status}${typeof code === "string" ? ` ${code}` : ""}`);
      continue;
    }
    return {
      key,
      outcome: { kind: "refused", status, code: typeof code === "string" ? code : "unknown" },
      retries: attempt,
      retryReasons,
    };
  }
}
