import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { findForbidden } from "./log-capture.ts";

/**
 * Before the suite: a log folder of this run's own (runs by different users or in parallel never
 * share one). After it: every line every test wrote is scanned, and personal data in any of them
 * fails the run — the suite's own assertion over its whole life.
 */
export function setup(project: TestProject) {
  const logDir = mkdtempSync(join(tmpdir(), "priyom-api-test-logs-"));
  project.provide("testLogDir", logDir);
  return () => {
    let lines = 0;
    const offences: string[] = [];
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(join(logDir, file), "utf8").split("\n")) {
        if (line === "") continue;
        lines += 1;
        const found = findForbidden(line);
        if (found.length > 0) offences.push(`${found.join(", ")}: ${line.slice(0, 300)}`);
      }
    }
    if (!process.env.KEEP_TEST_LOGS) rmSync(logDir, { recursive: true, force: true });
    if (lines === 0) throw new Error("no log lines were captured: the log scan would prove nothing");
    if (offences.length > 0) {
      throw new Error(
        `personal data in ${offences.length} log line(s):\n${offences.slice(0, 10).join("\n")}`,
      );
    }
    process.stdout.write(`log scan: ${lines} log lines from the whole suite, no personal data\n`);
  };
}
