#!/usr/bin/env node
// Builds ONE remote alone, as its team does for a release: just that remote's Vite build (no turbo, no
// other remote, no shell) into a folder ready to upload to static hosting, then prints the line of
// remotes.json that points at it. Plain Node with no dependencies, so it runs wherever the repository
// is installed.
//
//   node scripts/build-remote.mjs <name> [--version X] [--out DIR] [--url URL]
//
//   <name>       cabinet | referrals | calendar | my-appointments | staff
//   --version X  the release (default: the remote's package.json version); the build carries it in its
//                module (`version`) and in mf-manifest.json (metaData.buildInfo.buildVersion)
//   --out DIR    where the build goes (default: dist/releases/<name>/<version>); emptied first
//   --url URL    where DIR will be served, for the printed remotes.json line
//
// Only the remotes.json line goes to stdout (the build's log goes to stderr), so a script can take it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The remotes of packages/federation's REMOTE_NAMES (restated: this script cannot import TypeScript). */
const REMOTES = ["cabinet", "referrals", "calendar", "my-appointments", "staff"];
const RELEASE_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
const USAGE = "usage: node scripts/build-remote.mjs <name> [--version X] [--out DIR] [--url URL]";

function fail(message) {
  process.stderr.write(`build-remote: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { name: undefined, version: undefined, out: undefined, url: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined || next === "") fail(`${flag} needs a value`);
      return next;
    };
    if (flag === "--version") options.version = value();
    else if (flag === "--out") options.out = value();
    else if (flag === "--url") options.url = value();
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (!flag.startsWith("-") && options.name === undefined) options.name = flag;
    else fail(`unexpected argument "${arg}"`);
  }
  return options;
}

/** True when `inner` is `outer` or inside it. */
function isInside(inner, outer) {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/**
 * The environment for Vite: vitest's own variables removed, because @module-federation/vite turns
 * itself off when it sees them (the build would then have no remoteEntry.js), and a production build.
 */
function buildEnv(version) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|TEST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  return { ...env, NODE_ENV: "production", PRIYOM_REMOTE_VERSION: version };
}

function folderSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

const options = parseArgs(process.argv.slice(2));
if (options.name === undefined) fail("which remote?");
if (!REMOTES.includes(options.name)) fail(`"${options.name}" is not a remote (${REMOTES.join(", ")})`);
const appDir = join(ROOT, "apps", options.name);
const packageVersion = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")).version;
const version = options.version ?? packageVersion;
if (!RELEASE_VERSION.test(version)) fail(`--version must look like 1.2.3, got "${version}"`);
const out = resolve(options.out ?? join(ROOT, "dist", "releases", options.name, version));
// The build empties its folder first: inside the repository, only a dist/ folder may be emptied.
const holdsSources =
  isInside(ROOT, out) || (isInside(out, ROOT) && !relative(ROOT, out).split(sep).includes("dist"));
if (holdsSources) fail(`refusing to empty ${out}: it holds the repository's sources`);

const vite = join(appDir, "node_modules", "vite", "bin", "vite.js");
if (!existsSync(vite)) fail(`${vite} is missing: run pnpm install first`);
if (process.env.PRIYOM_CONTRACT_VERSION)
  process.stderr.write(
    `build-remote: PRIYOM_CONTRACT_VERSION=${process.env.PRIYOM_CONTRACT_VERSION} is set — a testing aid; never release this build\n`,
  );

process.stderr.write(`build-remote: building ${options.name} ${version} into ${out}\n`);
const result = spawnSync(process.execPath, [vite, "build", "--outDir", out, "--emptyOutDir"], {
  cwd: appDir,
  env: buildEnv(version),
  // Vite's log to stderr: stdout carries only the remotes.json line.
  stdio: ["ignore", 2, 2],
});
if (result.error) throw result.error;
if (result.status !== 0) {
  process.stderr.write(`build-remote: vite build exited with ${result.status ?? result.signal}\n`);
  process.exit(result.status ?? 1);
}

for (const file of ["remoteEntry.js", "mf-manifest.json"])
  if (!existsSync(join(out, file))) fail(`the build has no ${file}: is the federation plugin on?`);
const manifest = JSON.parse(readFileSync(join(out, "mf-manifest.json"), "utf8"));
const stamped = manifest.metaData?.buildInfo?.buildVersion;
if (stamped !== version) fail(`mf-manifest.json says buildVersion ${stamped}, expected ${version}`);

const { files, bytes } = folderSize(out);
const base = options.url === undefined ? "<where you upload the folder>" : options.url.replace(/\/+$/, "");
process.stderr.write(
  `build-remote: ${files} files, ${(bytes / 1024).toFixed(1)} KiB in ${out}\n` +
    "build-remote: upload assets/ first, remoteEntry.js and mf-manifest.json last, then put this line in remotes.json:\n",
);
process.stdout.write(
  `${JSON.stringify(options.name)}: ${JSON.stringify({ entry: `${base}/remoteEntry.js`, version })}\n`,
);
