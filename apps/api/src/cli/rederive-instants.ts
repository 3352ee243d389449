// Re-derives the UTC instants of future slots and visits from their local date, time and zone after
// a time-zone rules update (a new Node/ICU tz database): `pnpm --filter @priyom/api rederive-instants`.
// Visits keep their local time; their instants follow the new rules. Uses the server's settings
// (DATABASE_URL, or the embedded folder — stop the server first, the folder has one owner).
import { loadConfig } from "../env.ts";
import { createLogger } from "../logger.ts";
import { recordAudit } from "../audit.ts";
import { rederiveInstants } from "../services/schedule/rederive.ts";
import { prepareDatabase } from "../start.ts";

async function main() {
  const config = loadConfig();
  const logger = createLogger("warn");
  const database = await prepareDatabase(config, logger);
  try {
    const result = await rederiveInstants(database.db);
    await recordAudit(database.db, {
      action: "schedule.rederive_instants",
      result: "success",
      details: { ...result, via: "cli", tzdata: process.versions.tz ?? "unknown" },
    });
    process.stdout.write(
      `tz database ${process.versions.tz ?? "?"}: ${result.slotsMoved} of ${result.slotsChecked} slots and ` +
        `${result.appointmentsMoved} of ${result.appointmentsChecked} booked visits moved to their new instants\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rederive-instants failed: ${error instanceof Error ? error.message : "unknown"}\n`);
  process.exit(1);
});
