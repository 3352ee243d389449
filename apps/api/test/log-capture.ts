import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder of this test run's own (made by the global setup): every log line lands there. */
    testLogDir: string;
  }
}

/** Appends the API's log lines to this worker's file in the run's log folder. */
export function testLogSink(): (line: string) => void {
  const file = join(inject("testLogDir"), `${process.pid}.log`);
  return (line) => appendFileSync(file, line);
}

/**
 * What must never appear in a log line (DOMAIN.md "Accounts and personal data"): phone numbers,
 * СНИЛС, policy and passport numbers, one-time codes, cookies. `requestId` and `time` are removed
 * first: their digits are not personal data.
 */
export const FORBIDDEN_IN_LOGS: readonly { name: string; pattern: RegExp }[] = [
  { name: "phone", pattern: /(\+7|\b8)[\s(-]*9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}/ },
  { name: "СНИЛС", pattern: /\b\d{3}-\d{3}-\d{3}[\s-]\d{2}\b|\b\d{11}\b/ },
  { name: "policy", pattern: /\b\d{16}\b/ },
  { name: "passport", pattern: /\b\d{2}\s?\d{2}\s?\d{6}\b/ },
  { name: "code", pattern: /\b\d{6}\b/ },
  { name: "cookie", pattern: /session_token|priyom_device|two_factor|set-cookie|cookie:/i },
];

export function findForbidden(line: string): string[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    parsed = { raw: line };
  }
  delete parsed.requestId;
  delete parsed.time;
  const text = JSON.stringify(parsed);
  return FORBIDDEN_IN_LOGS.filter((f) => f.pattern.test(text)).map((f) => f.name);
}
