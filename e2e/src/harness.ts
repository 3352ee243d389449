import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A process we started, stopped by its own PID. */
export interface Started {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

async function waitFor(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
  contentType = "",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      // A preview server answers unknown paths with its index.html: check what came back.
      if (res.ok && (res.headers.get("content-type") ?? "").includes(contentType)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

/** Starts the single-process API (built shell and remotes included) on a fresh embedded database. */
export async function startApp(port: number, env: Record<string, string> = {}): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), "priyom-e2e-data-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: join(REPO_ROOT, "apps", "api"),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A fresh data folder seeds 8 weeks of slots for 40 demo doctors and their other patients' visits:
  // 15 s on an idle machine, close to a minute on a busy CI one.
  await waitFor(`${url}/readyz`, child, () => output, 180_000);
  return {
    url,
    process: child,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The environment for build tools started from a test: vitest's own variables removed, because
 * @module-federation/vite turns itself off when it sees them (a build would then have no
 * remoteEntry.js).
 */
export function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|TEST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  return env;
}

/** Builds one remote alone into `outDir`, as its team would for a release. */
export function buildRemote(remote: string, outDir: string): { status: number | null; output: string } {
  const appDir = join(REPO_ROOT, "apps", remote);
  const result = spawnSync(
    process.execPath,
    [join(appDir, "node_modules", "vite", "bin", "vite.js"), "build", "--outDir", outDir, "--emptyOutDir"],
    {
      cwd: appDir,
      env: { ...toolEnv(), NODE_ENV: "production" },
      encoding: "utf8",
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Serves a built remote folder with `vite preview` on its own port, as a separately hosted remote. */
export async function previewRemote(remote: string, outDir: string, port: number): Promise<Started> {
  const appDir = join(REPO_ROOT, "apps", remote);
  const child = spawn(
    process.execPath,
    [
      join(appDir, "node_modules", "vite", "bin", "vite.js"),
      "preview",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--strictPort",
      "--outDir",
      outDir,
    ],
    { cwd: appDir, env: toolEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/remoteEntry.js`, child, () => output, 60_000, "javascript");
  return { url, process: child, stop: () => stopProcess(child) };
}

/** Debian's Chromium, never a downloaded browser; playwright gives every launch a fresh profile. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it with "apt-get install -y chromium"`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // No egress: any host but this machine fails — names resolve to nothing, and everything not on
      // loopback goes to a proxy on a closed port (Chromium never sends loopback through a proxy).
      "--proxy-server=http://127.0.0.1:9",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ],
  });
  return { browser, close: () => browser.close() };
}

/** The 6-digit code in the newest development-mailbox message to `recipient`, as shown by the cabinet. */
export async function mailboxCode(page: Page, recipient: string): Promise<string> {
  const message = page.locator(`[data-testid="dev-message"][data-recipient="${recipient}"]`).first();
  await message.locator('[data-testid="dev-code"]').waitFor();
  return (await message.locator('[data-testid="dev-code"]').textContent())?.trim() ?? "";
}

/** A demo account of the README: its login, password, where its new-device code goes, and its name. */
export interface DemoLogin {
  login: string;
  password: string;
  codeRecipient: string;
  displayName: string;
}

export const DEMO_LOGINS = {
  patient: {
    login: "ivanov@example.ru",
    password: "Priyom-demo-1",
    codeRecipient: "+79990000001",
    displayName: "Иванов Иван Иванович",
  },
  neighbour: {
    login: "petrova@example.ru",
    password: "Priyom-demo-2",
    codeRecipient: "+79990000002",
    displayName: "Петрова Светлана Олеговна",
  },
  admin: {
    login: "admin@example.ru",
    password: "Priyom-admin-1",
    codeRecipient: "admin@example.ru",
    displayName: "Администратор Приёма",
  },
} as const satisfies Record<string, DemoLogin>;

/** Signs a demo account in through the cabinet, answering the new-device code from the mailbox. */
export async function signInAs(page: Page, appUrl: string, who: DemoLogin): Promise<void> {
  await page.goto(`${appUrl}/cabinet/sign-in`);
  const cabinet = page.locator('[data-remote="cabinet"]');
  await cabinet.getByLabel("Телефон или электронная почта").fill(who.login);
  await cabinet.getByLabel("Пароль", { exact: true }).fill(who.password);
  await cabinet.getByRole("button", { name: "Войти" }).click();
  await cabinet
    .getByLabel(/Код/)
    .first()
    .fill(await mailboxCode(page, who.codeRecipient));
  await cabinet.getByRole("button", { name: "Подтвердить" }).click();
  await page.locator('[data-testid="shell-user"]').getByText(who.displayName).waitFor();
}

/** Signs the demo patient in through the cabinet, answering the new-device code from the mailbox. */
export async function signInDemoPatient(page: Page, appUrl: string): Promise<void> {
  await signInAs(page, appUrl, DEMO_LOGINS.patient);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * WCAG 2.1 A and AA violations axe-core finds on the page as it stands, one line each. axe is put in
 * through the DevTools protocol (`page.evaluate`), not a `<script>`: our pages' Content-Security-Policy
 * refuses inline scripts, as it should.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })).violations;
  });
  return found.map(
    (v) => `${v.impact ?? "?"} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  );
}
