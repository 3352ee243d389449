import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, launchBrowser, signInDemoPatient, startApp, type Started } from "./src/harness.ts";

const APP_PORT = 47_304;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");

let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp(APP_PORT);
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

/** The calendar date `days` from today in an IANA zone, as ДД.ММ.ГГГГ. */
function localDate(zone: string, days: number): string {
  const [y = 0, m = 1, d = 1] = new Intl.DateTimeFormat("en-CA", { timeZone: zone })
    .format(new Date())
    .split("-")
    .map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${String(date.getUTCDate()).padStart(2, "0")}.${String(date.getUTCMonth() + 1).padStart(2, "0")}.${date.getUTCFullYear()}`;
}

describe("«Мои направления» in Chromium", () => {
  it("shows the demo patient's referrals with the right days left, finds one by number and date, and books from another", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
    page.setDefaultTimeout(20_000);
    await signInDemoPatient(page, app.url);
    await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
    const section = page.locator('[data-remote="referrals"]');
    const cardiologist = section.locator('[data-testid="referral-card"][data-number="100200300"]');
    await cardiologist.waitFor();
    expect(await section.locator('[data-testid="referral-card"]').count()).toBe(6);
    // Issued 5 days ago for 30 days in Moscow; 60-day therapist referral issued 10 days ago;
    // the ophthalmologist's is dated in Vladivostok.
    const daysLeft = (number: string) =>
      section
        .locator(`[data-testid="referral-card"][data-number="${number}"] [data-testid="days-left"]`)
        .textContent();
    expect(await daysLeft("100200300")).toContain(localDate("Europe/Moscow", 25));
    expect(await daysLeft("100200300")).toMatch(/25 дней/);
    expect(await daysLeft("100200301")).toMatch(/50 дней/);
    expect(await daysLeft("100200302")).toContain(localDate("Asia/Vladivostok", 28));
    await expect
      .poll(() => section.locator('[data-testid="referral-card"][data-number="100200305"]').textContent())
      .toContain("Иванова Мария Ивановна");
    await page.screenshot({ path: join(SHOTS, "referrals-list.png"), fullPage: true });

    await section.getByLabel("Номер направления").fill("100200301");
    await section.getByLabel("Дата выдачи").fill(localDate("Europe/Moscow", -10));
    await section.getByRole("button", { name: "Найти" }).click();
    const detail = section.locator('[data-testid="referral-detail"]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain("100200301");
    await page.screenshot({ path: join(SHOTS, "referrals-lookup.png"), fullPage: true });

    await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
    await cardiologist.waitFor();
    const referralId = await cardiologist.getAttribute("data-referral-id");
    await cardiologist.getByRole("button", { name: "Записаться" }).click();
    await page.waitForURL(`**/calendar?referral=${referralId ?? ""}`);
    const calendar = page.locator('[data-remote="calendar"]');
    await calendar.locator('[data-testid="selected-referral-number"]').getByText("№ 100200300").waitFor();
    await page.screenshot({ path: join(SHOTS, "calendar-with-referral.png"), fullPage: true });
    await page.close();
  });
});
