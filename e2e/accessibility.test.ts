import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, signInDemoPatient, startApp, type Started } from "./src/harness.ts";

const APP_PORT = 47_305;

let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  app = await startApp(APP_PORT);
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

async function settled(page: Page, path: string) {
  await page.goto(`${app.url}${path}`, { waitUntil: "networkidle" });
  if (path !== "/") await page.locator('[data-remote-state="mounted"]').waitFor();
  // Data still loading would be audited half-drawn: wait until nothing says it is busy.
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

describe("accessibility (axe-core, WCAG 2.1 A and AA) on a phone-sized screen", () => {
  it("finds nothing on any section, signed out and signed in", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
    page.setDefaultTimeout(20_000);
    const report: Record<string, string[]> = {};
    for (const path of [
      "/",
      "/cabinet/sign-in",
      "/cabinet/sign-up",
      "/referrals",
      "/calendar",
      "/appointments",
      "/staff",
    ]) {
      await settled(page, path);
      report[path] = await axeViolations(page);
    }
    await signInDemoPatient(page, app.url);
    for (const path of ["/cabinet/profile", "/cabinet/children", "/cabinet/security", "/referrals"]) {
      await settled(page, path);
      report[`signed in ${path}`] = await axeViolations(page);
    }
    expect(Object.keys(report).length).toBe(11);
    expect(Object.entries(report).filter(([, found]) => found.length > 0)).toEqual([]);
    await page.close();
  });
});
