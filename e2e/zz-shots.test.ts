// TEMPORARY: screenshots of the refusal states (removed before the report).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { REPO_ROOT, launchBrowser, signInDemoPatient, startApp, type Started } from "./src/harness.ts";

const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");
let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp(47_312);
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);
afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

async function toDay(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
  const card = page.locator('[data-testid="referral-card"][data-number="100200300"]');
  await card.getByRole("button", { name: "Записаться" }).click();
  const calendar = page.locator('[data-remote="calendar"]');
  await calendar.locator('[data-testid="doctor-card"]').first().waitFor();
  return calendar;
}

const alt = (time: string, group: string, slotId: string) => ({
  slotId,
  localDate: "2026-11-27",
  localTime: time,
  minutes: 30,
  timeZone: "Asia/Yekaterinburg",
  startsAt: `2026-11-27T${String(Number(time.slice(0, 2)) - 5).padStart(2, "0")}:${time.slice(3)}:00.000Z`,
  group,
  doctor: { id: "doc_x", name: "Попова Ольга Сергеевна", room: "103" },
  clinic: { id: "cln_x", shortName: "ЦГБ № 7", address: "г. Екатеринбург, ул. Вильгельма де Геннина, д. 32" },
});

it("screens", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  await signInDemoPatient(page, app.url);

  // A: the list says nothing is free within the guarantee; the hold is refused with alternatives.
  await page.route("**/api/v1/referrals/*/doctors*", async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    await route.fulfill({ response: res, json: { ...body, freeWithinGuaranteedWait: false } });
  });
  let holdMode: "409" | "short" | "real" = "409";
  await page.route("**/api/v1/holds", async (route) => {
    if (holdMode === "409") {
      await route.fulfill({
        status: 409,
        json: {
          error: {
            code: "slot_taken",
            message: "Это время уже заняли",
            requestId: "req_demo",
            alternatives: [
              alt("16:30", "same_doctor", "slt_a1"),
              alt("17:00", "same_doctor", "slt_a2"),
              alt("09:00", "other_clinic", "slt_a3"),
            ],
          },
        },
      });
      return;
    }
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    if (holdMode === "short" && res.status() === 201) {
      await route.fulfill({ response: res, json: { ...body, expiresAt: new Date(Date.now() + 4_000).toISOString() } });
    } else {
      await route.fulfill({ response: res });
    }
  });
  let calendar = await toDay(page);
  await calendar.locator('[data-testid="nearest-slot"]').first().click();
  await calendar.locator('[data-testid="alternative-slot"]').first().waitFor();
  await page.screenshot({ path: join(SHOTS, "state-hold-409.png"), fullPage: true });

  // B: a short hold lapses and sends the patient back to the day.
  holdMode = "short";
  await calendar.locator('[data-testid="doctor-open"]').first().click();
  await calendar.locator('[data-testid="month-day"]:not([aria-disabled])').first().click();
  await calendar.locator('[data-testid="day-slot"]').first().click();
  await calendar.locator('[data-testid="hold-countdown"]').waitFor();
  await calendar.locator('[data-testid="booking-notice"]').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(SHOTS, "state-lapsed.png"), fullPage: true });

  // C: the booking is refused with failures (422), then with alternatives (409).
  holdMode = "real";
  let bookMode: "422" | "409" = "422";
  await page.route("**/api/v1/appointments", async (route) => {
    if (bookMode === "422") {
      await route.fulfill({
        status: 422,
        json: {
          error: {
            code: "booking_not_allowed",
            message: "Записаться нельзя",
            requestId: "req_demo2",
            fields: { contactPhone: "Нужен мобильный номер: на городской SMS не придёт" },
            failures: [
              { code: "phone_landline", message: "Нужен мобильный номер: на городской SMS не придёт", field: "contactPhone" },
              { code: "profile_incomplete", message: "Заполните паспортные данные в профиле" },
              { code: "appointment_overlap", message: "В это время у вас уже есть запись к другому врачу" },
            ],
          },
        },
      });
    } else {
      await route.fulfill({
        status: 409,
        json: {
          error: {
            code: "slot_taken",
            message: "Пока вы проверяли данные, это время заняли",
            requestId: "req_demo3",
            alternatives: [alt("16:30", "same_doctor", "slt_b1"), alt("10:00", "same_clinic", "slt_b2")],
          },
        },
      });
    }
  });
  await calendar.locator('[data-testid="day-slot"]').nth(1).click();
  await calendar.locator('[data-testid="confirm-booking"]').waitFor();
  await calendar.locator('[data-testid="confirm-booking"]').click();
  await calendar.locator('[data-testid="booking-failures"]').waitFor();
  await page.screenshot({ path: join(SHOTS, "state-book-422.png"), fullPage: true });
  bookMode = "409";
  await calendar.locator('[data-testid="confirm-booking"]').click();
  await calendar.locator('[data-testid="alternative-slot"]').first().waitFor();
  await page.screenshot({ path: join(SHOTS, "state-book-409.png"), fullPage: true });
  calendar = page.locator('[data-remote="calendar"]');
  await ctx.close();

  // D: a start taken while the patient is on it (the stream is replayed by the test).
  const ctx2 = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
  const p2 = await ctx2.newPage();
  p2.setDefaultTimeout(20_000);
  let release: () => void = () => undefined;
  const focusedOnSlot = new Promise<void>((resolve) => (release = resolve));
  let takenEvent = "";
  await p2.route("**/api/v1/slots/stream*", async (route) => {
    await focusedOnSlot;
    await route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/event-stream" },
      body: `event: ready\ndata: {}\n\nevent: slot\ndata: ${takenEvent}\n\n`,
    });
  });
  const res = await fetch(`${app.url}/api/v1/doctors/doc_ekb0007cardiologist/free-dates`);
  const dates = (await res.json()) as { dates: { date: string; free: number }[] };
  const date = dates.dates.find((d) => d.free > 0)?.date ?? "";
  await p2.goto(`${app.url}/calendar?doctor=doc_ekb0007cardiologist&date=${date}`);
  const first = p2.locator('[data-testid="day-slot"]').first();
  await first.waitFor();
  await first.focus();
  await p2.keyboard.press("ArrowRight");
  const focused = p2.locator('[data-testid="day-slot"]:focus');
  const slotId = (await focused.getAttribute("data-slot-id")) ?? "";
  const day = (await (await fetch(`${app.url}/api/v1/doctors/doc_ekb0007cardiologist/slots?date=${date}`)).json()) as {
    slots: { slotId: string }[];
  };
  const s = day.slots.find((x) => x.slotId === slotId);
  takenEvent = JSON.stringify({ ...s, doctorId: "doc_ekb0007cardiologist", state: "taken" });
  release();
  await p2.locator('[data-testid="slot-taken-note"]').getByText("только что заняли").waitFor();
  await p2.screenshot({ path: join(SHOTS, "state-taken-live.png"), fullPage: true });
  await ctx2.close();
});
