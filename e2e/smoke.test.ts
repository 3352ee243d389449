import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  REPO_ROOT,
  buildRemote,
  launchBrowser,
  previewRemote,
  startApp,
  type Started,
} from "./src/harness.ts";

const APP_PORT = 47_301;
const MOVED_REMOTE_PORT = 47_302;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");

const SECTIONS = [
  { path: "/cabinet", remote: "cabinet", heading: "Личный кабинет" },
  { path: "/referrals", remote: "referrals", heading: "Мои направления" },
  { path: "/calendar", remote: "calendar", heading: "Запись к врачу" },
  { path: "/appointments", remote: "my-appointments", heading: "Мои записи" },
] as const;
/** Offered in the menu only to clinic staff and administrators; its route is open to everyone. */
const STAFF_SECTION = { path: "/staff", remote: "staff", heading: "Работа с записями" } as const;

let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let workDir: string;
let remotesJson: string;
let defaultRemotes: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "priyom-e2e-"));
  mkdirSync(SHOTS, { recursive: true });
  // A copy of the built remotes.json that the tests may edit, as an operator would.
  remotesJson = join(workDir, "remotes.json");
  copyFileSync(join(REPO_ROOT, "apps", "shell", "dist", "remotes.json"), remotesJson);
  defaultRemotes = readFileSync(remotesJson, "utf8");
  app = await startApp(APP_PORT, { REMOTES_JSON: remotesJson });
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function openPage(width = 1280, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: "ru-RU" });
  page.setDefaultTimeout(20_000);
  return page;
}

function section(page: Page, remote: string) {
  return page.locator(`[data-remote="${remote}"]`);
}

describe("the federated app in Chromium", () => {
  it("renders every section from its remote, with one Vue runtime for all of them", async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect(page.locator("h1").first().textContent()).resolves.toContain("Приём");

    for (const s of SECTIONS) {
      // Client-side navigation through the shell's own menu: the page is never reloaded.
      await page.getByRole("navigation").getByRole("link", { name: s.heading }).click();
      await page.waitForURL(`**${s.path}`);
      await section(page, s.remote).and(page.locator('[data-remote-state="mounted"]')).waitFor();
      await expect(
        section(page, s.remote).getByRole("heading", { level: 2, name: s.heading }).first().isVisible(),
      ).resolves.toBe(true);
      await page.screenshot({ path: join(SHOTS, `section-${s.remote}.png`), fullPage: true });
    }

    // Data from the API reached the remotes: specialties in «Мои направления», clinics in «Запись к врачу».
    await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
    await section(page, "referrals").getByText("Кардиолог").first().waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Запись к врачу" }).click();
    await section(page, "calendar").getByText("Городская поликлиника № 2").first().waitFor();

    // The staff section is not offered to a signed-out visitor.
    await expect(
      page.getByRole("navigation").getByRole("link", { name: STAFF_SECTION.heading }).count(),
    ).resolves.toBe(0);

    const runtimes = await page.evaluate(() => {
      const set = (window as unknown as { __PRIYOM_VUE_RUNTIMES__?: Set<unknown> }).__PRIYOM_VUE_RUNTIMES__;
      return set?.size ?? 0;
    });
    expect(runtimes).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("tells a signed-out visitor of /staff that the section is for staff, with a link to sign in", async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${app.url}${STAFF_SECTION.path}`);
    const staff = section(page, STAFF_SECTION.remote);
    await staff.and(page.locator('[data-remote-state="mounted"]')).waitFor();
    await expect(
      staff.getByRole("heading", { level: 2, name: STAFF_SECTION.heading }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      staff.getByText("раздел для сотрудников поликлиник и администраторов").isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, "section-staff-signed-out.png"), fullPage: true });
    await staff.getByRole("link", { name: "Войти" }).click();
    await page.waitForURL("**/cabinet/sign-in");
    await section(page, "cabinet").and(page.locator('[data-remote-state="mounted"]')).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reaches nothing beyond this machine: an outside host fails, by name and by address", async () => {
    const page = await openPage();
    await page.goto(`${app.url}/healthz`);
    // From the page's own origin, with no CSP in the way (/healthz is JSON): only the network decides.
    const outcomes = await page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url, { mode: "no-cors", signal: AbortSignal.timeout(5_000) }).then(
          () => "reached",
          () => "refused",
        );
      return [await attempt("https://example.org/"), await attempt("http://203.0.113.7/")];
    });
    expect(outcomes).toEqual(["refused", "refused"]);
    await page.close();
  });

  it("shows each section on a phone-sized screen", async () => {
    const page = await openPage(390, 844);
    for (const s of [...SECTIONS, STAFF_SECTION]) {
      await page.goto(`${app.url}${s.path}`);
      await section(page, s.remote).and(page.locator('[data-remote-state="mounted"]')).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${s.path} scrolls sideways`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `phone-${s.remote}.png`), fullPage: true });
    }
    await page.close();
  });

  it("shows the fallback for a broken remotes.json entry while the other sections keep working", async () => {
    const broken = JSON.parse(defaultRemotes) as Record<string, { entry: string; version: string }>;
    broken.calendar = { entry: "http://127.0.0.1:9/remoteEntry.js", version: "0.1.0" };
    writeFileSync(remotesJson, JSON.stringify(broken));
    try {
      const page = await openPage();
      await page.goto(`${app.url}/calendar`);
      await section(page, "calendar").and(page.locator('[data-remote-state="unavailable"]')).waitFor();
      await expect(
        section(page, "calendar").getByText("Раздел временно недоступен").isVisible(),
      ).resolves.toBe(true);
      await expect(
        section(page, "calendar").getByRole("button", { name: "Повторить" }).isVisible(),
      ).resolves.toBe(true);
      await page.screenshot({ path: join(SHOTS, "fallback-calendar.png"), fullPage: true });

      await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
      await section(page, "referrals").and(page.locator('[data-remote-state="mounted"]')).waitFor();
      await section(page, "referrals").getByText("Кардиолог").first().waitFor();

      // Repaired while the page is open: «Повторить» loads it without a reload.
      writeFileSync(remotesJson, defaultRemotes);
      await page.getByRole("navigation").getByRole("link", { name: "Запись к врачу" }).click();
      await section(page, "calendar").getByRole("button", { name: "Повторить" }).click();
      await section(page, "calendar").and(page.locator('[data-remote-state="mounted"]')).waitFor();
      await page.close();
    } finally {
      writeFileSync(remotesJson, defaultRemotes);
    }
  });

  it("picks up a remote rebuilt alone and moved to another port by an edit of remotes.json only", async () => {
    const outDir = join(workDir, "calendar-moved");
    const build = buildRemote("calendar", outDir);
    expect(build.status, build.output).toBe(0);
    expect(existsSync(join(outDir, "remoteEntry.js"))).toBe(true);
    const moved = await previewRemote("calendar", outDir, MOVED_REMOTE_PORT);
    try {
      const edited = JSON.parse(defaultRemotes) as Record<string, { entry: string; version: string }>;
      edited.calendar = { entry: `${moved.url}/remoteEntry.js`, version: "0.1.0" };
      writeFileSync(remotesJson, JSON.stringify(edited));

      const page = await openPage();
      const fromMoved: string[] = [];
      const fromMainCopy: string[] = [];
      page.on("response", (r) => {
        if (r.url().startsWith(moved.url) && r.ok()) fromMoved.push(r.url());
        if (r.url().startsWith(`${app.url}/remotes/calendar/`)) fromMainCopy.push(r.url());
      });
      await page.goto(`${app.url}/calendar`);
      await section(page, "calendar").and(page.locator('[data-remote-state="mounted"]')).waitFor();
      await section(page, "calendar").getByText("Городская поликлиника № 2").first().waitFor();
      expect(fromMoved).toContain(`${moved.url}/remoteEntry.js`);
      expect(fromMainCopy).toEqual([]);
      await page.close();
    } finally {
      writeFileSync(remotesJson, defaultRemotes);
      await moved.stop();
    }
  });
});
