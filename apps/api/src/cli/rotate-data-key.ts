// Re-encrypts every stored personal document under the current data key:
// `DATA_KEY="new:…,old:…" pnpm --filter @priyom/api rotate-data-key`. Put the new key first in
// DATA_KEY and restart the API before running it (the API then writes new values under it and still
// reads the old ones); when this reports 0 left, the old key can be dropped from DATA_KEY. Safe to
// run while the API serves (PostgreSQL) and to run again: each row is written only if unchanged
// since read. With the embedded database, stop the server first (the folder has one owner).
import { loadConfig } from "../env.ts";
import { createLogger } from "../logger.ts";
import { recordAudit } from "../audit.ts";
import { createFieldCipher, loadKeyring } from "../crypto/index.ts";
import { rotateDataKey } from "../crypto/rotate.ts";
import { prepareDatabase } from "../start.ts";

async function main() {
  const config = loadConfig();
  const logger = createLogger("warn");
  const keyring = loadKeyring(config);
  const cipher = createFieldCipher(keyring);
  const database = await prepareDatabase(config, logger);
  try {
    const result = await rotateDataKey(
      { db: database.db, cipher },
      {
        onBatch: (table, counts) =>
          process.stdout.write(`${table}: ${counts.rewritten} rows re-encrypted so far\n`),
      },
    );
    const total = Object.values(result).reduce(
      (sum, c) => ({
        rewritten: sum.rewritten + c.rewritten,
        changedConcurrently: sum.changedConcurrently + c.changedConcurrently,
        undecryptable: sum.undecryptable + c.undecryptable,
      }),
      { rewritten: 0, changedConcurrently: 0, undecryptable: 0 },
    );
    await recordAudit(database.db, {
      action: "crypto.rotate_data_key",
      result: total.undecryptable === 0 ? "success" : "failure",
      details: { ...total, keyId: keyring.current.id, via: "cli" },
    });
    for (const [table, c] of Object.entries(result)) {
      process.stdout.write(
        `${table}: ${c.rewritten} re-encrypted under key "${keyring.current.id}", ` +
          `${c.changedConcurrently} changed meanwhile (already current), ${c.undecryptable} undecryptable\n`,
      );
    }
    if (total.undecryptable > 0) {
      process.stderr.write(
        `integrity alert: ${total.undecryptable} rows do not decrypt with any key in DATA_KEY; keep the old keys\n`,
      );
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rotate-data-key failed: ${error instanceof Error ? error.message : "unknown"}\n`);
  process.exit(1);
});
