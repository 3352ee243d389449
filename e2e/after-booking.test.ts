import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS, REPO_ROOT, launchBrowser, signInAs, startApp, type Started } from "./src/harness.ts";

const APP_PORT = 47_316;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");
const PHONE = { viewport: { width: 390, height: 844 }, locale: "ru-RU", acceptDownloads: true } as const;
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ru-RU" } as const;

let app: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp(APP_PORT);
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await app?.stop();
});

interface Booked {
  appointmentId: string;
  referralId: string;
  doctorId: string;
  localDate: string;
  localTime: string;
  ticketNumber: string;
  startsAt: string;
}

/** The signed-in account's referral with this number, read through the API from the page. */
async function referralIdOf(page: Page, number: string): Promise<string> {
  return page.evaluate(async (wanted) => {
    const list = (await (await fetch("/api/v1/referrals")).json()) as {
      items: { id: string; number: string }[];
    };
    const found = list.items.find((r) => r.number === wanted);
    if (!found) throw new Error(`no referral ${wanted}`);
    return found.id;
  }, number);
}

/**
 * Books the referral through the API from the signed-in page (the booking screens have their own
 * journey): a doctor's first free day at least 3 days ahead, so the 24-hour limit leaves it changeable.
 */
async function bookThroughApi(page: Page, referralId: string): Promise<Booked> {
  return page.evaluate(async (id) => {
    const get = async <T>(path: string) => (await (await fetch(path)).json()) as T;
    const doctors = await get<{ items: { id: string }[] }>(`/api/v1/referrals/${id}/doctors`);
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);
    for (const doctor of doctors.items) {
      const free = await get<{ dates: { date: string }[] }>(
        `/api/v1/doctors/${doctor.id}/free-dates?from=${from}&to=${to}`,
      );
      const date = free.dates[0]?.date;
      if (!date) continue;
      const day = await get<{ slots: { slotId: string }[] }>(
        `/api/v1/doctors/${doctor.id}/slots?date=${date}`,
      );
      const slot = day.slots[Math.floor(day.slots.length / 2)];
      if (!slot) continue;
      const res = await fetch("/api/v1/appointments", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": `e2e-${crypto.randomUUID()}` },
        body: JSON.stringify({ referralId: id, slotId: slot.slotId, contactPhone: "+7 999 000-00-01" }),
      });
      if (res.status !== 201) throw new Error(`booking answered ${res.status}`);
      const a = (await res.json()) as {
        id: string;
        doctor: { id: string };
        localDate: string;
        localTime: string;
        ticketNumber: string;
        startsAt: string;
      };
      return {
        appointmentId: a.id,
        referralId: id,
        doctorId: a.doctor.id,
        localDate: a.localDate,
        localTime: a.localTime,
        ticketNumber: a.ticketNumber,
        startsAt: a.startsAt,
      };
    }
    throw new Error("no doctor with a free day");
  }, referralId);
}

/** Saves a download started by clicking `link` and returns its bytes. */
async function download(page: Page, click: () => Promise<void>, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(SHOTS, name);
  await file.saveAs(path);
  return readFileSync(path);
}

describe("after booking in Chromium", () => {
  it("ticket, PDF and .ics, reschedule and cancel; the waiting patient gets the freed time; an administrator approves a priority request", async () => {
    // The demo patient has a cardiologist's visit.
    const patientContext = await browser.newContext(PHONE);
    const patient = await patientContext.newPage();
    patient.setDefaultTimeout(30_000);
    await signInAs(patient, app.url, DEMO_LOGINS.patient);
    const cardiology = await referralIdOf(patient, "100200300");
    const first = await bookThroughApi(patient, cardiology);

    // The second patient waits for that doctor on that day (her own cardiologist's referral).
    const neighbourContext = await browser.newContext(PHONE);
    const neighbour = await neighbourContext.newPage();
    neighbour.setDefaultTimeout(30_000);
    await signInAs(neighbour, app.url, DEMO_LOGINS.neighbour);
    const herReferral = await referralIdOf(neighbour, "100200310");
    await neighbour.goto(`${app.url}/calendar?referral=${herReferral}&want=waitlist`);
    const herCalendar = neighbour.locator('[data-remote="calendar"]');
    await herCalendar.getByLabel("С даты").fill(first.localDate);
    await herCalendar.getByLabel("По дату").fill(first.localDate);
    await herCalendar.locator(`[data-testid="waitlist-doctor"][value="${first.doctorId}"]`).check();
    await herCalendar.locator('[data-testid="waitlist-submit"]').click();
    const joined = herCalendar.locator('[data-testid="waitlist-result"]');
    await joined.waitFor();
    expect(await joined.textContent()).toMatch(/Вы в очереди: 1/);
    await neighbour.screenshot({ path: join(SHOTS, "after-1-waitlist-joined.png"), fullPage: true });

    // «Мои записи» → the ticket with its QR, the PDF and the calendar file.
    await patient.goto(`${app.url}/appointments`);
    const section = patient.locator('[data-remote="my-appointments"]');
    const card = section.locator('[data-testid="appointment-card"]').filter({ hasText: first.ticketNumber });
    await card.waitFor();
    await card.getByRole("link", { name: "Талон", exact: true }).click();
    const ticket = section.locator('[data-testid="ticket-view"]');
    await ticket.waitFor();
    expect(await ticket.locator('[data-testid="ticket-number"]').textContent()).toContain(first.ticketNumber);
    expect(await ticket.locator('[data-testid="ticket-referral"]').textContent()).toContain("100200300");
    expect(await ticket.locator('[data-testid="ticket-qr"]').getAttribute("src")).toMatch(
      /^data:image\/svg\+xml;base64,/,
    );
    expect((await ticket.locator('[data-testid="ticket-bring"]').textContent())?.trim()).not.toBe("");
    await patient.screenshot({ path: join(SHOTS, "after-2-ticket.png"), fullPage: true });
    const pdf = await download(
      patient,
      () => ticket.locator('[data-testid="ticket-pdf"]').click(),
      "after-ticket.pdf",
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/DejaVuSans/);
    const ics = (
      await download(patient, () => ticket.locator('[data-testid="ticket-ics"]').click(), "after-ticket.ics")
    ).toString("utf8");
    const utc = first.startsAt.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toMatch(new RegExp(`DTSTART[^:\\r\\n]*:${utc}`));

    // «Перенести» opens the calendar for this visit; another time is held and confirmed.
    await section.locator('[data-testid="ticket-back"]').click();
    await card.locator('[data-testid="reschedule"]').click();
    await patient.waitForURL(/\/calendar\?.*reschedule=/);
    const calendar = patient.locator('[data-remote="calendar"]');
    await calendar.locator('[data-testid="reschedule-banner"]').waitFor();
    expect(await calendar.locator('[data-testid="reschedule-banner-text"]').textContent()).toContain(
      first.ticketNumber,
    );
    const doctorCard = calendar.locator(`[data-testid="doctor-card"][data-doctor-id="${first.doctorId}"]`);
    await doctorCard.getByRole("button", { name: "Все даты и время" }).click();
    // A free day at least 3 days ahead, so the moved visit can still be cancelled (24-hour limit).
    const earliest = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (let month = 0; month < 3; month += 1) {
      const days = calendar.locator('[data-testid="month-day"]:not([aria-disabled])');
      await days.first().waitFor();
      const dates = await days.evaluateAll((cells) => cells.map((c) => c.getAttribute("data-date") ?? ""));
      const date = dates.find((d) => d >= earliest);
      if (date) {
        await calendar.locator(`[data-testid="month-day"][data-date="${date}"]`).click();
        break;
      }
      await calendar.getByRole("button", { name: "Следующий месяц" }).click();
    }
    const newSlot = calendar.locator('[data-testid="day-slot"]').first();
    await newSlot.waitFor();
    await newSlot.click();
    await calendar.locator('[data-testid="reschedule-confirm"]').waitFor();
    await patient.screenshot({ path: join(SHOTS, "after-3-reschedule-confirm.png"), fullPage: true });
    await calendar.locator('[data-testid="confirm-reschedule"]').click();
    const newTicket = calendar.locator('[data-testid="ticket"]');
    await newTicket.waitFor();
    expect(await calendar.textContent()).toContain("Запись перенесена");
    const secondNumber = (
      (await newTicket.locator('[data-testid="ticket-number"]').textContent()) ?? ""
    ).trim();
    expect(secondNumber).not.toBe("");
    expect(secondNumber).not.toContain(first.ticketNumber);

    // The freed time went to the waiting patient first: held for her, with a notification.
    await neighbour.goto(`${app.url}/appointments?tab=waiting`);
    const waiting = neighbour.locator('[data-remote="my-appointments"]');
    const offer = waiting.locator('[data-testid="waitlist-offer"]');
    await offer.waitFor();
    expect(await offer.locator('[data-testid="offer-when"]').textContent()).toContain(first.localTime);
    await neighbour.screenshot({ path: join(SHOTS, "after-4-offer.png"), fullPage: true });
    await offer.locator('[data-testid="offer-accept"]').click();
    await waiting.locator('[data-testid="waitlist-entry"][data-status="booked"]').waitFor();
    await neighbour.goto(`${app.url}/appointments`);
    const hers = waiting.locator('[data-testid="appointment-card"]');
    await hers.first().waitFor();
    expect(await hers.first().locator('[data-testid="appointment-when"]').textContent()).toContain(
      first.localTime,
    );

    // The patient cancels the moved visit, with a reason; the referral can be booked again.
    await patient.goto(`${app.url}/appointments`);
    const moved = section.locator('[data-testid="appointment-card"]').filter({ hasText: secondNumber });
    await moved.locator('[data-testid="cancel"]').click();
    const dialog = patient.getByRole("dialog", { name: "Отменить запись?" });
    await dialog.getByLabel("Причина отмены").fill("Не смогу прийти");
    await patient.screenshot({ path: join(SHOTS, "after-5-cancel-dialog.png"), fullPage: true });
    await dialog.locator('[data-testid="cancel-confirm"]').click();
    await dialog.waitFor({ state: "detached" });
    await moved.locator('[data-testid="status"]').getByText("Отменена").waitFor();

    // A priority request for the same referral, approved by an administrator at a chosen time.
    await patient.goto(`${app.url}/calendar?referral=${cardiology}&want=priority`);
    await calendar
      .locator('[data-testid="priority-reason"]')
      .fill("Боли в груди при нагрузке усилились, лечащий врач просит осмотра как можно раньше");
    await calendar.locator('[data-testid="priority-urgency-urgent"]').check();
    await calendar.locator('[data-testid="priority-submit"]').click();
    await calendar.locator('[data-testid="priority-status"]').getByText("На рассмотрении").waitFor();

    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(30_000);
    await signInAs(admin, app.url, DEMO_LOGINS.admin);
    await admin.getByRole("navigation").getByRole("link", { name: "Работа с записями" }).click();
    const staff = admin.locator('[data-remote="staff"]');
    const request = staff
      .locator('[data-testid="priority-request"]')
      .filter({ hasText: "Иванов Иван Иванович" });
    await request.getByRole("button", { name: /Рассмотреть запрос/ }).click();
    const slot = staff.locator('[data-testid="priority-detail"] [data-testid="slot"]').first();
    await slot.waitFor();
    await admin.screenshot({ path: join(SHOTS, "after-6-priority.png"), fullPage: true });
    await slot.getByRole("button", { name: /Записать на это время/ }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Записать", exact: true }).click();
    await staff
      .locator('[data-testid="priority-outcome"]')
      .getByText(/Запрос одобрен/)
      .waitFor();

    // The patient sees the request approved, with the visit it gave.
    await patient.goto(`${app.url}/appointments?tab=waiting`);
    await section.locator('[data-testid="priority-approved"]').waitFor();
    await patient.screenshot({ path: join(SHOTS, "after-7-approved.png"), fullPage: true });

    await Promise.all([patientContext.close(), neighbourContext.close(), adminContext.close()]);
  });
});
