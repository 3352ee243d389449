// `pnpm bench` (`BENCH_SMOKE=1` or `-- --smoke` for the small size): the five figures of issue 5 —
// each a ratio of two things measured in this run, alternating, the median of every side — on PGlite
// and, when DATABASE_URL names a PostgreSQL server, on PostgreSQL too; then the front-end figures
// 6–9 of issue 7 (figure-frontend.ts: the federated front end against the monolithic build, in
// Chromium; it expects the apps built, as CI does before the bench, and builds what is missing).
// Prints the machine and versions and a table, writes results/latest.json. Asserts correctness
// (engine = oracle, the hot slot's gate, the federation checks), never time.
import { cpus, totalmem, platform, release, loadavg } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { databaseFigures, type DatabaseFigures } from "./figure-database.ts";
import { engineFigure } from "./figure-engine.ts";
import { frontendFigures } from "./figure-frontend.ts";
import { benchSizes } from "./sizes.ts";

const smoke = process.env.BENCH_SMOKE === "1" || process.argv.includes("--smoke");
const sizes = benchSizes(smoke);
const out = (line = "") => process.stdout.write(`${line}\n`);
const started = Date.now();

/** A fresh database on the server `DATABASE_URL` names; dropped by the returned function. */
async function freshPostgres(
  serverUrl: string,
): Promise<{ url: string; version: string; drop: () => Promise<void> }> {
  const name = `priyom_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const version =
    (await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "?";
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    version,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

const machine = {
  cpu: cpus()[0]?.model ?? "?",
  cores: cpus().length,
  ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${platform()} ${release()}`,
  loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  node: process.version,
};
out(`Priyom benchmarks${smoke ? " (smoke size: proves it works, the figures mean nothing)" : ""}`);
out(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, ${machine.os}; node ${machine.node}; load ${machine.loadAverageAtStart.join(" ")}`,
);

out(
  `\nFigure 1: slot engine, ${sizes.engine.doctors.toLocaleString("en")} doctors × ${sizes.engine.days} days, 30 % booked`,
);
const engine = await engineFigure(sizes.engine.doctors, sizes.engine.days, sizes.rounds);
out(
  `  ${engine.generatedSlots.toLocaleString("en")} slots, ${engine.freeSlots.toLocaleString("en")} free; engine and oracle agree in every round`,
);
for (const part of ["generate", "search", "total"] as const) {
  out(
    `  ${part.padEnd(9)} engine ${engine.engineMs[part].toFixed(2).padStart(9)} ms   oracle ${engine.oracleMs[part].toFixed(1).padStart(9)} ms   ${engine.speedUp[part].toFixed(0).padStart(6)}×`,
  );
}

const databases: DatabaseFigures[] = [];
out("\nFigures 2–5 over the API (HTTP on 127.0.0.1, sign-in replaced by a header)");
databases.push(await databaseFigures("pglite", 47_401, null, sizes, out));
const serverUrl = process.env.DATABASE_URL;
let postgresVersion: string | null = null;
if (serverUrl) {
  const fresh = await freshPostgres(serverUrl);
  postgresVersion = fresh.version;
  try {
    databases.push(await databaseFigures("postgres", 47_402, fresh.url, sizes, out));
  } finally {
    await fresh.drop();
  }
} else {
  out("  DATABASE_URL is not set: PostgreSQL skipped");
}

out(
  "\nFigures 6–9: the federated front end against the monolithic build, each served by the API, in Chromium",
);
const frontend = await frontendFigures(sizes, out);

const pglite = databases.find((d) => d.database === "pglite");
out(`browser: Chromium ${frontend.chromium}, Lighthouse ${frontend.lighthouse}`);
out(
  `versions: node ${process.version}, PGlite ${pglite?.pgliteVersion ?? "?"} (PostgreSQL ${pglite?.serverVersion ?? "?"})${postgresVersion ? `, PostgreSQL server ${postgresVersion}` : ""}`,
);

interface Row {
  figure: string;
  database: string;
  value: string;
  target: string;
  met: boolean;
}
const rows: Row[] = [
  {
    figure: "1 slot engine speed-up (generate + search)",
    database: "—",
    value: `${engine.speedUp.total.toFixed(0)}×`,
    target: "≥ 1,000×",
    met: engine.speedUp.total >= 1_000,
  },
  {
    figure: "  of which search alone",
    database: "—",
    value: `${engine.speedUp.search.toFixed(0)}×`,
    target: "(≥ 1,000×)",
    met: engine.speedUp.search >= 1_000,
  },
];
for (const d of databases) {
  rows.push(
    {
      figure: "2 nearest-slot search / trivial endpoint, req/s",
      database: d.database,
      value: `${d.search.ratio.toFixed(2)} (${d.search.nearestPerSecond.toFixed(0)} / ${d.search.trivialPerSecond.toFixed(0)})`,
      target: "≥ 0.7",
      met: d.search.ratio >= 0.7,
    },
    {
      figure: "3 bookings over HTTP / raw inserts, per s",
      database: d.database,
      value: `${d.booking.ratio.toFixed(2)} (${d.booking.bookingsPerSecond.toFixed(0)} / ${d.booking.rawInsertsPerSecond.toFixed(0)})`,
      target: "≥ 0.5",
      met: d.booking.ratio >= 0.5,
    },
    {
      figure: `4 hot slot attempts / bookings (${sizes.hotClients} for ${sizes.hotSlots})`,
      database: d.database,
      value: `${d.hotSlot.ratio.toFixed(2)} (${d.hotSlot.attemptsPerSecond.toFixed(0)} / ${d.booking.bookingsPerSecond.toFixed(0)})`,
      target: "≥ 2",
      met: d.hotSlot.ratio >= 2,
    },
    {
      figure: "  gate: 10 winners a round, 0 double, 0 5xx",
      database: d.database,
      value: `${d.hotSlot.gateHeld ? "held" : "BROKEN"} (${d.hotSlot.winnersPerRound.join(",")}; ${d.hotSlot.doubleBookedSlots}; ${d.hotSlot.serverErrors})`,
      target: "held",
      met: d.hotSlot.gateHeld,
    },
    {
      figure: "5 bookings in process / raw inserts, per s",
      database: d.database,
      value: `${d.inProcess.ratio.toFixed(2)} (${d.inProcess.bookingsPerSecond.toFixed(0)} / ${d.inProcess.rawInsertsPerSecond.toFixed(0)})`,
      target: "≥ 0.8",
      met: d.inProcess.ratio >= 0.8,
    },
    {
      figure: "  longest event-loop delay meanwhile",
      database: d.database,
      value: `${d.inProcess.maxEventLoopDelayMs.toFixed(1)} ms`,
      target: "≤ 20 ms",
      met: d.inProcess.maxEventLoopDelayMs <= 20,
    },
    {
      figure: "  API peak memory (RSS)",
      database: d.database,
      value: `${d.peakRssMb.toFixed(0)} MB (${d.loadPeakRssMb.toFixed(0)} under load)`,
      target: "≤ 400 MB",
      met: d.peakRssMb <= 400,
    },
  );
}
const front = {
  bytes: frontend.initialScript,
  lcp: frontend.lcp,
  inp: frontend.inp.federated.worstMs,
  checks: frontend.checks,
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
rows.push(
  {
    figure: "6 initial-route JS on /, federated / monolith",
    database: "—",
    value: `${front.bytes.ratio.toFixed(2)} (${kb(front.bytes.federated.network)} / ${kb(front.bytes.monolith.network)}${front.bytes.federated.compressed ? "" : ", not gzipped by the server"})`,
    target: "≤ 1.1",
    met: front.bytes.ratio <= 1.1,
  },
  {
    figure: "7 Lighthouse mobile LCP of /, federated / monolith",
    database: "—",
    value: `${front.lcp.simulatedRatio.toFixed(2)} (${front.lcp.simulatedMs.federated.toFixed(0)} / ${front.lcp.simulatedMs.monolith.toFixed(0)} ms, simulated)`,
    target: "≤ 1.1",
    met: front.lcp.simulatedRatio <= 1.1,
  },
  {
    figure: "  LCP of the federated /, simulated throttling",
    database: "—",
    value: `${front.lcp.simulatedMs.federated.toFixed(0)} ms`,
    target: "≤ 1,000 ms",
    met: front.lcp.simulatedMs.federated <= 1_000,
  },
  {
    figure: "  the same, unthrottled (local server as it is)",
    database: "—",
    value: `${front.lcp.unthrottledMs.federated.toFixed(0)} ms (ratio ${front.lcp.unthrottledRatio.toFixed(2)})`,
    target: "(≤ 1,000 ms)",
    met: front.lcp.unthrottledMs.federated <= 1_000,
  },
  {
    figure: "8 INP pick a slot → confirm, CPU 4× slower",
    database: "—",
    value: `${front.inp} ms (monolith ${frontend.inp.monolith.worstMs} ms)`,
    target: "≤ 50 ms",
    met: front.inp <= 50,
  },
  ...(["calendar", "referrals", "my-appointments"] as const).map((name) => {
    const bytes = frontend.widgets[name];
    return {
      figure: `9 widget priyom-${name}.js, gzip -9`,
      database: "—",
      value: bytes === null ? "not built" : kb(bytes),
      target: name === "calendar" ? "≤ 80 KB" : "—",
      met: bytes !== null && (name !== "calendar" || bytes <= 80 * 1024),
    };
  }),
  {
    figure: "  check: no runtime, no remoteEntry on /",
    database: "—",
    value: front.checks.noFederationRuntimeOnHome && front.checks.noRemoteEntryOnHome ? "held" : "BROKEN",
    target: "held",
    met: front.checks.noFederationRuntimeOnHome && front.checks.noRemoteEntryOnHome,
  },
  {
    figure: "  check: two sections, Vue downloaded / running",
    database: "—",
    value: `${front.checks.vueOnce ? "held" : "BROKEN"} (${front.checks.twoSections.federated.vueChunks} / ${front.checks.twoSections.federated.vueRuntimes})`,
    target: "held (1 / 1)",
    met: front.checks.vueOnce,
  },
  {
    figure: "  federation runtime copies after two sections",
    database: "—",
    value: String(front.checks.twoSections.federated.federationRuntimeCopies),
    target: "(1)",
    met: front.checks.twoSections.federated.federationRuntimeCopies === 1,
  },
);

const widths = [
  Math.max(...rows.map((r) => r.figure.length)),
  8,
  Math.max(...rows.map((r) => r.value.length)),
  Math.max(...rows.map((r) => r.target.length)),
];
out();
out(
  `${"figure".padEnd(widths[0] ?? 0)}  ${"database".padEnd(8)}  ${"value".padEnd(widths[2] ?? 0)}  ${"target".padEnd(widths[3] ?? 0)}  met?`,
);
for (const r of rows) {
  out(
    `${r.figure.padEnd(widths[0] ?? 0)}  ${r.database.padEnd(8)}  ${r.value.padEnd(widths[2] ?? 0)}  ${r.target.padEnd(widths[3] ?? 0)}  ${r.met ? "yes" : "no"}`,
  );
}

const results = {
  date: new Date().toISOString(),
  smoke,
  seconds: Math.round((Date.now() - started) / 1000),
  machine: { ...machine, loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100) },
  versions: {
    node: process.version,
    pglite: pglite?.pgliteVersion ?? null,
    pglitePostgres: pglite?.serverVersion ?? null,
    postgres: postgresVersion,
  },
  sizes,
  figures: { engine, databases, frontend },
  table: rows,
};
// The smoke run (CI) must not overwrite the committed full-size results.
const file = new URL(smoke ? "../results/smoke.json" : "../results/latest.json", import.meta.url);
mkdirSync(new URL("../results/", import.meta.url), { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
out(`\nwritten to bench/results/${smoke ? "smoke" : "latest"}.json in ${results.seconds} s`);
if (databases.some((d) => !d.hotSlot.gateHeld)) {
  process.exitCode = 1;
  out("The hot-slot gate did not hold: a correctness failure, not a slow run.");
}
if (!front.checks.noFederationRuntimeOnHome || !front.checks.noRemoteEntryOnHome || !front.checks.vueOnce) {
  process.exitCode = 1;
  out("A federation check failed (runtime or remoteEntry on /, or Vue twice): a correctness failure.");
}
