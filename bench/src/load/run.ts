// `pnpm --filter @priyom/bench load [slot-search|booking-spike|sign-in-storm|soak …]`: the load
// scripts of issue 8 at their full sizes (5 min of search, 500 bookings in 30 s, 20 sign-ins a second
// for 60 s, a 30-minute soak — LOAD_SOAK_MINUTES shortens it), or a few seconds each with
// LOAD_SMOKE=1 (CI). Each starts the real API in its own process on a fresh PostgreSQL database
// (DATABASE_URL's server, else TEST_DATABASE_URL's, else 127.0.0.1:5432). Prints the figures and
// writes them to results/load-latest.json (the smoke run to results/load-smoke.json, so CI never
// overwrites measured figures); a script run alone replaces its own entry only. Fails on a broken
// correctness check (double bookings, server errors in the spike), never on a latency.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { bookingSpike } from "./booking-spike.ts";
import { SMOKE, type LoadReport } from "./harness.ts";
import { signInStorm } from "./sign-in-storm.ts";
import { slotSearch } from "./slot-search.ts";
import { soak } from "./soak.ts";

/** Each script and its API port (47560–47569 are the load scripts'). */
const SCRIPTS: Record<string, { port: number; run: (port: number) => Promise<LoadReport> }> = {
  "slot-search": { port: 47_560, run: slotSearch },
  "booking-spike": { port: 47_561, run: bookingSpike },
  "sign-in-storm": { port: 47_562, run: signInStorm },
  soak: { port: 47_563, run: soak },
};

const out = (line = "") => process.stdout.write(`${line}\n`);
const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = asked.filter((name) => !(name in SCRIPTS));
if (unknown.length > 0) {
  out(`unknown load script(s): ${unknown.join(", ")}; known: ${Object.keys(SCRIPTS).join(", ")}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(SCRIPTS);
const machine = {
  cpu: cpus()[0]?.model ?? "?",
  cores: cpus().length,
  ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
};
out(`Priyom load scripts${SMOKE ? " (smoke size: proves they run, the figures mean nothing)" : ""}`);
out(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB; node ${machine.node}; load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);

const file = new URL(
  SMOKE ? "../../results/load-smoke.json" : "../../results/load-latest.json",
  import.meta.url,
);
mkdirSync(new URL("../../results/", import.meta.url), { recursive: true });
const previous = existsSync(file)
  ? (JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, unknown> })
  : {};
const results: Record<string, unknown> = { ...(previous.scripts ?? {}) };
let failed = false;

for (const name of names) {
  const script = SCRIPTS[name];
  if (!script) continue;
  out(`\n== ${name}`);
  const loadAtStart = loadavg()[0] ?? 0;
  const report = await script.run(script.port);
  const entry = {
    ...report,
    date: new Date().toISOString(),
    machine: {
      ...machine,
      loadAverage1mAtStart: Math.round(loadAtStart * 100) / 100,
      loadAverage1mAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    },
  };
  results[name] = entry;
  out(`  size: ${JSON.stringify(report.size)}`);
  for (const [key, value] of Object.entries(report.figures)) {
    if (key === "samples") continue;
    out(`  ${key}: ${JSON.stringify(value)}`);
  }
  for (const check of report.checks) {
    out(`  ${check.ok ? "✓" : "✗"} ${check.name} (${check.detail})`);
    if (!check.ok) failed = true;
  }
  out(`  ${report.seconds} s, PostgreSQL ${report.postgres}`);
  // Written after each script: a long run interrupted later keeps what it measured.
  writeFileSync(file, `${JSON.stringify({ smoke: SMOKE, scripts: results }, null, 2)}\n`);
}
out(`\nwritten to bench/results/${SMOKE ? "load-smoke" : "load-latest"}.json`);
if (failed) {
  out("A correctness check failed (see ✗ above): a broken service, not a slow one.");
  process.exitCode = 1;
}
