// Checks the journal's hash chain: `pnpm --filter @priyom/api verify-journal`. Prints OK with the number of
// entries and the last hash, or the first broken entry's id and why, with exit code 1.
import { loadConfig } from "../env.ts";
import { createLogger } from "../logger.ts";
import { verifyJournal } from "../services/journal/verify.ts";
import { prepareDatabase } from "../start.ts";

async function main() {
  const config = loadConfig();
  const database = await prepareDatabase(config, createLogger("warn"));
  try {
    const verdict = await verifyJournal(database.db);
    if (verdict.ok) {
      process.stdout.write(
        `OK: ${verdict.count} entries, last hash ${verdict.lastHash ?? "(empty journal)"}\n`,
      );
    } else {
      process.stdout.write(
        `BROKEN at entry ${verdict.brokenId} (${verdict.reason}): ${verdict.explanation}; ` +
          `${verdict.count - 1} entries before it are intact\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`verify-journal failed: ${error instanceof Error ? error.message : "unknown"}\n`);
  process.exit(1);
});
