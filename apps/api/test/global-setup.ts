import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { TEST_LOG_DIR, findForbidden } from "./log-capture.ts";

/**
 * Before the suite: an empty log folder. After it: every line every test wrote is scanned, and
 * personal data in any of them fails the run (the suite's own assertion over its whole life).
 */
export function setup() {
  rmSync(TEST_LOG_DIR, { recursive: true, force: true });
  return () => {
    if (!existsSync(TEST_LOG_DIR))
      throw new Error("no log lines were captured: the log scan would prove nothing");
    let lines = 0;
    const offences: string[] = [];
    for (const file of readdirSync(TEST_LOG_DIR)) {
      for (const line of readFileSync(join(TEST_LOG_DIR, file), "utf8").split("\n")) {
        if (line === "") continue;
        lines += 1;
        const found = findForbidden(line);
        if (found.length > 0) offences.push(`${found.join(", ")}: ${line.slice(0, 300)}`);
      }
    }
    if (lines === 0) throw new Error("no log lines were captured: the log scan would prove nothing");
    if (offences.length > 0)
      throw new Error(
        `personal data in ${offences.length} log line(s):\n${offences.slice(0, 10).join("\n")}`,
      );
    process.stdout.write(`log scan: ${lines} log lines from the whole suite, no personal data\n`);
  };
}
