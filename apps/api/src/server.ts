import { DataDirLockedError } from "@priyom/db";
import { loadConfig } from "./env.ts";
import { startServer } from "./start.ts";

/** Process entry point: start, and shut down cleanly on SIGINT/SIGTERM (releasing the data lock). */
async function main() {
  const config = loadConfig();
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Received ${signal}, stopping…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Priyom failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
