// What every load script shares: its report's shape, and the life of one run — a fresh database,
// the world seeded, the API process(es) started, the body run, everything stopped and dropped
// whatever happened.
import { startLoadApi, type LoadApi } from "./api.ts";
import { freshDatabase, seedLoadWorld, type LoadWorld, type WorldSize } from "./world.ts";

export const SMOKE = process.env.LOAD_SMOKE === "1";

export interface LoadCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface LoadReport {
  name: string;
  smoke: boolean;
  /** The sizes it ran at. */
  size: Record<string, number | string>;
  /** Measured figures (latencies in ms, memory in MB). */
  figures: Record<string, unknown>;
  /** Correctness checks: a failed one fails the script (latencies never do). */
  checks: LoadCheck[];
  seconds: number;
  postgres: string;
}

export interface RunContext {
  world: LoadWorld;
  api: LoadApi;
  postgres: string;
}

/** Runs `body` against a seeded world and one API process on `port`; always cleans up. */
export async function withLoadApi<T>(
  label: string,
  port: number,
  size: WorldSize,
  body: (ctx: RunContext) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const database = await freshDatabase(label);
  let world: LoadWorld | undefined;
  let api: LoadApi | undefined;
  try {
    const seedStarted = performance.now();
    world = await seedLoadWorld(database.url, size);
    process.stdout.write(
      `  ${label}: ${world.doctors.length} doctors, ${world.slotCount.toLocaleString("en")} slots, ${world.patients.length} patients seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`,
    );
    api = await startLoadApi({ port, databaseUrl: database.url, env });
    return await body({ world, api, postgres: database.serverVersion });
  } finally {
    await api?.stop();
    await world?.close();
    await database.drop();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
