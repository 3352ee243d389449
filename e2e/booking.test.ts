import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  REPO_ROOT,
  axeViolations,
  launchBrowser,
  signInDemoPatient,
  startApp,
  type Started,
} from "./src/harness.ts";

const APP_PORT = 47_311;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");
const PHONE = { viewport: { width: 390, height: 844 }, locale: "ru-RU" } as const;

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

describe("booking by referral in Chromium", () => {
  it("books the cardiologist referral from «Мои направления» to the ticket while another visitor sees the time go", async () => {
    const patient = await browser.newContext(PHONE);
    const page = await patient.newPage();
    page.setDefaultTimeout(20_000);
    await signInDemoPatient(page, app.url);

    // «Мои направления» → the cardiologist referral → «Записаться».
    await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
    const referrals = page.locator('[data-remote="referrals"]');
    const cardiologist = referrals.locator('[data-testid="referral-card"][data-number="100200300"]');
    await cardiologist.getByRole("button", { name: "Записаться" }).click();
    await page.waitForURL(/\/calendar\?referral=ref_/);
    const calendar = page.locator('[data-remote="calendar"]');
    await calendar.locator('[data-testid="selected-referral-number"]').getByText("№ 100200300").waitFor();

    // The referral's doctors with their nearest free starts.
    const cards = calendar.locator('[data-testid="doctor-card"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(1);
    expect(await cards.first().locator('[data-testid="nearest-slot"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "booking-1-doctors.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The first doctor's month: a day with free time, then its starts.
    const doctorId = await cards.first().getAttribute("data-doctor-id");
    await cards.first().getByRole("button", { name: "Все даты и время" }).click();
    const freeDay = calendar.locator('[data-testid="month-day"]:not([aria-disabled])').first();
    await freeDay.waitFor();
    expect(await freeDay.getAttribute("aria-label")).toMatch(/^\d{1,2} [а-я]+, \d+ свободн/);
    await page.screenshot({ path: join(SHOTS, "booking-2-month.png"), fullPage: true });
    const date = await freeDay.getAttribute("data-date");
    await freeDay.click();
    const slots = calendar.locator('[data-testid="day-slot"]');
    await slots.first().waitFor();
    // Keyboard: the next start is one arrow away, and every start is named with date and doctor.
    await slots.first().focus();
    await page.keyboard.press("ArrowRight");
    const chosen = calendar.locator('[data-testid="day-slot"]:focus');
    expect(await chosen.getAttribute("aria-label")).toMatch(
      /^\d\d:\d\d, \d{1,2} [а-я]+, врач [А-ЯЁ][а-яё]+ [А-ЯЁ]\. [А-ЯЁ]\.$/,
    );
    const slotId = (await chosen.getAttribute("data-slot-id")) ?? "";
    expect(slotId).not.toBe("");
    await page.screenshot({ path: join(SHOTS, "booking-3-day.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // A second visitor, signed out, watches the same doctor's same day (the day's starts are public).
    const visitor = await browser.newContext(PHONE);
    const watcher = await visitor.newPage();
    watcher.setDefaultTimeout(20_000);
    await watcher.goto(`${app.url}/calendar?doctor=${doctorId ?? ""}&date=${date ?? ""}`);
    const watched = watcher.locator(
      `[data-remote="calendar"] [data-testid="day-slot"][data-slot-id="${slotId}"]`,
    );
    await watched.waitFor();
    await watcher.locator('[data-remote="calendar"] [data-live="on"]').waitFor();

    // Choosing the start holds it: the countdown and «Проверка введенных данных».
    await page.keyboard.press("Enter");
    await calendar.locator('[data-testid="hold-countdown"]').waitFor();
    expect(await calendar.locator('[data-testid="hold-countdown"]').textContent()).toMatch(
      /Время закреплено за вами ещё [45]:\d\d/,
    );
    const facts = calendar.locator('[data-testid="confirm-facts"]');
    await facts.waitFor();
    const checked = (await facts.textContent()) ?? "";
    expect(checked).toContain("Иванов");
    expect(checked).toContain("12.04.1985");
    expect(checked).toMatch(/\*\*\*-\*\*\*-\d{3} \d{2}/);
    expect(checked).toMatch(/\d\d:\d\d \((Москва|Екатеринбург), UTC\+\d\)/);
    await page.screenshot({ path: join(SHOTS, "booking-4-confirm.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The watcher's page drops the held start without a reload.
    await watched.waitFor({ state: "detached" });
    await watcher.screenshot({ path: join(SHOTS, "booking-5-watcher.png"), fullPage: true });

    // «Записаться» → the ticket → «Мои записи».
    await calendar.locator('[data-testid="confirm-booking"]').click();
    const ticket = calendar.locator('[data-testid="ticket"]');
    await ticket.waitFor();
    expect(((await ticket.locator('[data-testid="ticket-number"]').textContent()) ?? "").trim()).not.toBe("");
    expect(await ticket.textContent()).toContain("№ 100200300");
    await page.waitForURL(/\/calendar\?appointment=/);
    await page.screenshot({ path: join(SHOTS, "booking-6-ticket.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await ticket.getByRole("link", { name: "Мои записи" }).click();
    await page.waitForURL(/\/appointments$/);

    // The booked start stays gone for the watcher, after a reload too.
    await watcher.reload();
    await watcher.locator('[data-remote="calendar"] [data-testid="day-slots"]').waitFor();
    expect(await watched.count()).toBe(0);

    await visitor.close();
    await patient.close();
  });
});
