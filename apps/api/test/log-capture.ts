import { appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Every log line the API writes during the test run lands here, one file per test worker. */
export const TEST_LOG_DIR = join(tmpdir(), "priyom-api-test-logs");

export function testLogSink(): (line: string) => void {
  mkdirSync(TEST_LOG_DIR, { recursive: true });
  const file = join(TEST_LOG_DIR, `${process.pid}.log`);
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
