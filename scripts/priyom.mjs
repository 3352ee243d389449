#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, on a machine that has only Node and npm.
// Installs the pinned pnpm into ./.tools when the right one is not on PATH (no root needed), then
// dependencies, then builds (turbo cache) and runs. Plain JavaScript: nothing is installed yet.
import os from "node:os";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager.split(
  "@",
)[1];
const TOOLS = join(ROOT, ".tools");
const command = process.argv[2];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

function step(n, total, text) {
  process.stdout.write(`\n[${n}/${total}] ${text}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${[cmd, ...args].join(" ")} exited with ${result.status ?? result.signal}\n`);
    process.exit(result.status ?? 1);
  }
}

function versionOf(bin) {
  const result = spawnSync(bin, ["--version"], { encoding: "utf8", env });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The pnpm this repository pins: from PATH when it is that version, else a local copy. */
function ensurePnpm() {
  if (versionOf("pnpm") === PNPM_VERSION) return "pnpm";
  const local = join(TOOLS, "node_modules", ".bin", "pnpm");
  if (existsSync(local) && versionOf(local) === PNPM_VERSION) return local;
  process.stdout.write(`pnpm ${PNPM_VERSION} is not on PATH: installing it into .tools/ (no root needed)\n`);
  run("npm", [
    "install",
    "--prefix",
    TOOLS,
    "--no-save",
    "--no-package-lock",
    "--no-audit",
    "--no-fund",
    `pnpm@${PNPM_VERSION}`,
  ]);
  if (versionOf(local) !== PNPM_VERSION) {
    process.stderr.write(`✗ could not run ${local}\n`);
    process.exit(1);
  }
  return local;
}

function main() {
  if (command !== "start" && command !== "test") {
    process.stderr.write("usage: node scripts/priyom.mjs start|test\n");
    process.exit(64);
  }
  const total = command === "start" ? 4 : 3;
  step(1, total, `pnpm ${PNPM_VERSION}`);
  const pnpm = ensurePnpm();
  // Make the pinned pnpm the one turbo and package scripts find too.
  env.PATH = `${dirname(pnpm === "pnpm" ? "pnpm" : pnpm)}:${env.PATH ?? ""}`;

  step(2, total, "dependencies (pnpm install --frozen-lockfile)");
  run(pnpm, ["install", "--frozen-lockfile", "--prefer-offline"]);

  if (command === "test") {
    step(3, total, "formatting (prettier), then lint, type check and tests of every package (turbo)");
    // No egress: every Node process of the run refuses connections beyond loopback, and writes each
    // attempt down; an attempt fails the run even when the test that made it passed.
    const egressLog = join(mkdtempSync(join(os.tmpdir(), "priyom-egress-")), "attempts.log");
    env.NODE_OPTIONS =
      `${env.NODE_OPTIONS ?? ""} --require \"${join(ROOT, "scripts", "no-egress.cjs")}\"`.trim();
    env.PRIYOM_EGRESS_LOG = egressLog;
    run(pnpm, ["exec", "prettier", "--check", "--log-level=warn", "."]);
    // Two tasks at a time, one per core: ten at once (turbo's default) made database suites on
    // PGlite six times slower and pushed them past their limits on a 2-core machine.
    const concurrency = String(Math.max(2, os.availableParallelism()));
    run(pnpm, [
      "exec",
      "turbo",
      "run",
      "lint",
      "typecheck",
      "test",
      "--output-logs=new-only",
      `--concurrency=${concurrency}`,
    ]);
    const attempts = existsSync(egressLog) ? readFileSync(egressLog, "utf8").trim() : "";
    if (attempts !== "") {
      process.stderr.write(`\n✗ the tests tried to reach beyond this machine:\n${attempts}\n`);
      process.exit(1);
    }
    process.stdout.write("\nno egress: no test tried to connect beyond loopback\n");
    process.stdout.write("\n✓ all checks passed\n");
    return;
  }

  step(3, total, "build (turbo; unchanged packages come from the cache)");
  run(pnpm, ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);

  const port = env.PORT ?? "3000";
  const partnerPort = partnerDemoPort();
  // The demo data registers the demo partner's origin: it must be the page started next to the API.
  if (partnerPort !== undefined) env.DEMO_PARTNER_ORIGIN ??= `http://localhost:${partnerPort}`;
  step(4, total, `start: migrations, demo data, then http://localhost:${port}`);
  const server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: join(ROOT, "apps", "api"),
    stdio: "inherit",
    env,
  });
  const partnerDemo = partnerPort === undefined ? undefined : startPartnerDemo(partnerPort, port);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      partnerDemo?.kill(signal);
      server.kill(signal);
    });
  }
  server.on("exit", (code, signal) => {
    // The demo page is only useful next to its API: it goes when the API goes.
    partnerDemo?.kill("SIGTERM");
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/** PARTNER_DEMO_PORT: the demo partner page's port (default 3001), or `off` for no demo page. */
function partnerDemoPort() {
  const raw = (env.PARTNER_DEMO_PORT ?? "3001").trim();
  if (raw.toLowerCase() === "off") return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`✗ PARTNER_DEMO_PORT must be a port number or "off", got "${raw}"\n`);
    process.exit(64);
  }
  return String(port);
}

/** The demo partner page (apps/partner-demo): another origin that embeds the calendar widget. */
function startPartnerDemo(partnerPort, apiPort) {
  const child = spawn(process.execPath, [join(ROOT, "apps", "partner-demo", "serve.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...env, PORT: partnerPort, API_ORIGIN: `http://localhost:${apiPort}` },
  });
  process.stdout.write(
    `Демо-сайт партнёра с виджетом записи: http://localhost:${partnerPort} (PARTNER_DEMO_PORT=off — без него)\n`,
  );
  // A busy port must not take the service down: the API goes on without the demo page.
  child.on("exit", (code) => {
    if (code) process.stderr.write(`✗ the demo partner page exited with ${code}; the API keeps running\n`);
  });
  return child;
}

main();
