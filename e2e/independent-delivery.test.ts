import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, launchBrowser, previewRemote, startApp, toolEnv, type Started } from "./src/harness.ts";

// Ports 47340–47349 belong to this file.
const APP_PORT = 47_340;
const NEW_RELEASE_PORT = 47_341;
const INCOMPATIBLE_PORT = 47_342;

type RemotesJson = Record<string, { entry: string; version: string }>;

let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let workDir: string;
let remotesJson: string;
let shippedRemotes: string;
const calendarPackageVersion = (
  JSON.parse(readFileSync(join(REPO_ROOT, "apps", "calendar", "package.json"), "utf8")) as { version: string }
).version;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "priyom-e2e-delivery-"));
  // The operator's copy of remotes.json: the only file a release edits.
  remotesJson = join(workDir, "remotes.json");
  copyFileSync(join(REPO_ROOT, "apps", "shell", "dist", "remotes.json"), remotesJson);
  shippedRemotes = readFileSync(remotesJson, "utf8");
  app = await startApp(APP_PORT, { REMOTES_JSON: remotesJson });
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs scripts/build-remote.mjs as a release would; resolves to the remotes.json line it printed. */
function buildRemote(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ name: string; entry: { entry: string; version: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "scripts", "build-remote.mjs"), ...args], {
      cwd: REPO_ROOT,
      env: { ...toolEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`build-remote exited with ${code}:\n${stderr}`));
      // The script prints exactly one line: `"<name>": { "entry": …, "version": … }`.
      const line = JSON.parse(`{${stdout.trim()}}`) as Record<string, { entry: string; version: string }>;
      const [name, entry] = Object.entries(line)[0] ?? [];
      if (name === undefined || entry === undefined)
        return reject(new Error(`no remotes.json line in ${stdout}`));
      resolve({ name, entry });
    });
  });
}

function pointCalendarAt(entry: { entry: string; version: string }): void {
  const edited = JSON.parse(shippedRemotes) as RemotesJson;
  edited.calendar = entry;
  writeFileSync(remotesJson, JSON.stringify(edited, null, 2));
}

async function openPage(): Promise<{ page: Page; warnings: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "ru-RU" });
  page.setDefaultTimeout(30_000);
  const warnings: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  return { page, warnings };
}

function calendarSection(page: Page) {
  return page.locator('[data-remote="calendar"]');
}

async function mountedVersion(page: Page): Promise<string | null> {
  const section = calendarSection(page);
  await section.and(page.locator('[data-remote-state="mounted"]')).waitFor();
  return section.getAttribute("data-remote-version");
}

describe("independent delivery of a remote", () => {
  it("a remote rebuilt alone with a new version is picked up by the running app through remotes.json alone", async () => {
    const { page, warnings } = await openPage();
    try {
      await page.goto(`${app.url}/calendar`);
      await expect(mountedVersion(page)).resolves.toBe(calendarPackageVersion);
      await expect(
        calendarSection(page).getByText(`Версия раздела ${calendarPackageVersion}`).isVisible(),
      ).resolves.toBe(true);

      const newRelease = join(workDir, "calendar-0.2.0");
      const built = await buildRemote([
        "calendar",
        "--version",
        "0.2.0",
        "--out",
        newRelease,
        "--url",
        `http://127.0.0.1:${NEW_RELEASE_PORT}`,
      ]);
      expect(built).toEqual({
        name: "calendar",
        entry: { entry: `http://127.0.0.1:${NEW_RELEASE_PORT}/remoteEntry.js`, version: "0.2.0" },
      });
      const hosted = await previewRemote("calendar", newRelease, NEW_RELEASE_PORT);
      try {
        // The federation manifest carries the release too.
        const manifest = (await (await fetch(`${hosted.url}/mf-manifest.json`)).json()) as {
          metaData: { buildInfo: { buildVersion: string } };
        };
        expect(manifest.metaData.buildInfo.buildVersion).toBe("0.2.0");

        pointCalendarAt(built.entry);
        const fromNewRelease: string[] = [];
        page.on("response", (r) => {
          if (r.url().startsWith(hosted.url) && r.ok()) fromNewRelease.push(r.url());
        });
        // The same server, no rebuild of the shell, no restart: the page is only loaded again.
        await page.reload();
        await expect(mountedVersion(page)).resolves.toBe("0.2.0");
        await expect(calendarSection(page).getByText("Версия раздела 0.2.0").isVisible()).resolves.toBe(true);
        await calendarSection(page).getByText("Городская поликлиника № 2").first().waitFor();
        expect(fromNewRelease).toContain(`${hosted.url}/remoteEntry.js`);
        // remotes.json and the module agree: nothing to warn about.
        expect(warnings.filter((w) => w.includes("remotes.json lists version"))).toEqual([]);
      } finally {
        await hosted.stop();
      }
    } finally {
      writeFileSync(remotesJson, shippedRemotes);
      await page.close();
    }
  });

  it("a remote built for another contract major shows the fallback; rolling back is one edit of remotes.json", async () => {
    const incompatible = join(workDir, "calendar-contract-2");
    const built = await buildRemote(
      [
        "calendar",
        "--version",
        "0.3.0",
        "--out",
        incompatible,
        "--url",
        `http://127.0.0.1:${INCOMPATIBLE_PORT}`,
      ],
      { PRIYOM_CONTRACT_VERSION: "2.0.0" },
    );
    const hosted = await previewRemote("calendar", incompatible, INCOMPATIBLE_PORT);
    const { page, warnings } = await openPage();
    try {
      pointCalendarAt(built.entry);
      const loadedEntry: string[] = [];
      page.on("response", (r) => {
        if (r.url() === `${hosted.url}/remoteEntry.js` && r.ok()) loadedEntry.push(r.url());
      });
      await page.goto(`${app.url}/calendar`);
      const section = calendarSection(page);
      await section.and(page.locator('[data-remote-state="unavailable"]')).waitFor();
      await expect(section.getByText("Раздел временно недоступен").isVisible()).resolves.toBe(true);
      await expect(section.getAttribute("data-remote-version")).resolves.toBeNull();
      await expect(section.getByText("Версия раздела").count()).resolves.toBe(0);
      // It was loaded and refused for its contract, not lost on the way.
      expect(loadedEntry).toEqual([`${hosted.url}/remoteEntry.js`]);
      expect(warnings.some((w) => w.includes("calendar unavailable: incompatible_contract"))).toBe(true);

      // Rolling back: remotes.json points at the previous entry again.
      writeFileSync(remotesJson, shippedRemotes);
      await page.reload();
      await expect(mountedVersion(page)).resolves.toBe(calendarPackageVersion);
    } finally {
      writeFileSync(remotesJson, shippedRemotes);
      await page.close();
      await hosted.stop();
    }
  });
});
