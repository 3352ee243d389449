import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS, REPO_ROOT, launchBrowser, mailboxCode, startApp, type Started } from "./src/harness.ts";

/*
 * The partner widget on another origin (issue 7), on the BUILT app: the demo partner page
 * (apps/partner-demo) is served on its own port, registered for the run through DEMO_PARTNER_ORIGIN;
 * the same page on a second port is a site nobody registered.
 */
const APP_PORT = 47_330;
const PARTNER_PORT = 47_331;
const STRANGER_PORT = 47_332;
const PARTNER_ORIGIN = `http://127.0.0.1:${PARTNER_PORT}`;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");
const PHONE = { viewport: { width: 390, height: 844 }, locale: "ru-RU" } as const;
/** The partner's own `button` rule (apps/partner-demo/partner.css): #b00020 with !important. */
const PARTNER_RED = "rgb(176, 0, 32)";

let app: Started;
let partner: Started;
let stranger: Started;
let browser: Browser;
let closeBrowser: () => Promise<void>;

/** The demo partner page's server (plain node:http) on `port`, its widget taken from the app. */
async function startPartnerPage(port: number, apiOrigin: string): Promise<Started> {
  const child = spawn(process.execPath, [join(REPO_ROOT, "apps", "partner-demo", "serve.mjs")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", API_ORIGIN: apiOrigin },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`partner page exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`partner page did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, process: child, stop };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp(APP_PORT, { DEMO_PARTNER_ORIGIN: PARTNER_ORIGIN });
  partner = await startPartnerPage(PARTNER_PORT, app.url);
  stranger = await startPartnerPage(STRANGER_PORT, app.url);
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await Promise.all([partner?.stop(), stranger?.stop()]);
  await app?.stop();
});

const PARTNER_ELEMENTS = [
  "body",
  "h1",
  "#zapis-title",
  ".portal-lead",
  ".portal-header",
  "#portal-callback",
  "#portal-ui-button",
  "#event-log",
];
const STYLE_PROPERTIES = [
  "font-family",
  "font-size",
  "font-style",
  "line-height",
  "letter-spacing",
  "color",
  "background-color",
  "text-transform",
  "text-decoration-line",
  "outline-style",
  "border-top-style",
  "border-top-width",
  "border-radius",
  "padding-top",
  "margin-top",
  "box-sizing",
  "display",
];

/** The computed styles of the partner page's own elements. */
function partnerStyles(page: Page) {
  return page.evaluate(
    ([selectors, properties]) =>
      Object.fromEntries(
        selectors.map((selector) => {
          const el = document.querySelector(selector);
          if (!el) return [selector, null];
          const style = getComputedStyle(el);
          return [selector, Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]))];
        }),
      ),
    [PARTNER_ELEMENTS, STYLE_PROPERTIES] as const,
  );
}

/** What the page's own CSS would do to an element, read from one inside the widget. */
function styleOf(locator: Locator) {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      background: style.backgroundColor,
      font: style.fontFamily,
      border: style.borderTopStyle,
      outline: style.outlineStyle,
      transform: style.textTransform,
      lineHeight: style.lineHeight,
      fontSize: style.fontSize,
    };
  });
}

/** The `detail` the page's event log shows for its first event of this type. */
async function loggedDetail(page: Page, type: string): Promise<Record<string, unknown>> {
  const entry = page.locator(`#event-log li[data-event="${type}"]`).first();
  await entry.waitFor();
  const text = (await entry.locator(".portal-log__detail").textContent()) ?? "";
  return text === "—" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

describe("the calendar widget on a partner's page (another origin)", () => {
  it("signs the patient in through the pop-up and books; neither side's styles reach the other", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);

    // The partner page as it is without the widget: the reference for its own styles.
    await page.route("**/widgets/priyom-calendar.js", (route) => route.abort());
    await page.goto(partner.url);
    const before = await partnerStyles(page);
    expect(before["#portal-callback"]?.["background-color"]).toBe(PARTNER_RED);
    await page.unroute("**/widgets/priyom-calendar.js");

    await page.goto(partner.url);
    const widget = page.locator("priyom-calendar");
    // Rendered in an open shadow root, its stylesheet loaded.
    await page.waitForFunction(() => {
      const root = document.querySelector("priyom-calendar")?.shadowRoot;
      const sheet = root?.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.sheet;
      return root?.mode === "open" && sheet != null && root.querySelector("[data-testid]") !== null;
    });
    // The widget's DOM is not part of the page's document.
    expect(await page.evaluate(() => document.querySelector('[data-testid="referral-chooser"]'))).toBeNull();
    await widget.locator('[data-testid="referral-chooser"]').waitFor();
    expect(await partnerStyles(page)).toEqual(before);

    // «Войти» inside the widget → the pop-up on Priyom's origin → sign-in there with `next` back.
    const signIn = widget
      .getByRole("button", { name: /^войти$/i })
      .or(widget.getByRole("link", { name: /^войти$/i }));
    const [popup] = await Promise.all([page.waitForEvent("popup"), signIn.first().click()]);
    popup.setDefaultTimeout(30_000);
    await popup.waitForURL(`${app.url}/widget/connect?origin=${encodeURIComponent(PARTNER_ORIGIN)}`);
    const connect = popup.locator('[data-testid="widget-connect"]');
    await connect.locator('[data-testid="widget-connect-sign-in"]').waitFor();
    await connect.getByRole("link", { name: "Войти" }).click();
    await popup.waitForURL(/\/cabinet\/sign-in\?next=/);
    const cabinet = popup.locator('[data-remote="cabinet"]');
    const who = DEMO_LOGINS.patient;
    await cabinet.getByLabel("Телефон или электронная почта").fill(who.login);
    await cabinet.getByLabel("Пароль", { exact: true }).fill(who.password);
    await cabinet.getByRole("button", { name: "Войти" }).click();
    await cabinet
      .getByLabel(/Код/)
      .first()
      .fill(await mailboxCode(popup, who.codeRecipient));
    await cabinet.getByRole("button", { name: "Подтвердить" }).click();

    // Back in the pop-up: the consent names the registered partner and its origin.
    const question = connect.locator('[data-testid="widget-connect-question"]');
    await question.waitFor();
    expect((await question.textContent())?.replace(/\s+/g, " ").trim()).toBe(
      `Разрешить сайту «Портал городской поликлиники (демо)» (${PARTNER_ORIGIN}) записывать вас к врачу от вашего имени? Доступ действует 30 минут.`,
    );
    await popup.screenshot({ path: join(SHOTS, "partner-1-popup-consent.png"), fullPage: true });
    await Promise.all([
      popup.waitForEvent("close"),
      connect.locator('[data-testid="widget-connect-allow"]').click(),
    ]);

    // The widget holds the token now: the page heard `priyom:signed-in`, the referrals are there.
    await loggedDetail(page, "priyom:signed-in");
    const referral = widget.locator('[data-testid="chooser-referral"]').filter({ hasText: "№ 100200300" });
    await referral.waitFor();

    // Styles do not cross the shadow boundary inward: the partner's `button` and `.ui-button` rules
    // and its inherited serif font and double line-height stay outside.
    const choose = referral.getByRole("button", { name: /Выбрать/ });
    const inside = await styleOf(choose);
    expect(inside.background).not.toBe(PARTNER_RED);
    expect(inside.font).not.toMatch(/Times|^serif$/);
    expect(inside.border).not.toBe("double");
    expect(inside.outline).not.toBe("dashed");
    expect(inside.transform).toBe("none");
    const text = await styleOf(referral);
    expect(text.font).not.toMatch(/Times/);
    // The page's `line-height: 2` is inherited by everything it reaches; "normal" is about 1.2.
    const lineHeight =
      text.lineHeight === "normal" ? 1.2 : parseFloat(text.lineHeight) / parseFloat(text.fontSize);
    expect(lineHeight).toBeLessThan(1.9);
    await page.screenshot({ path: join(SHOTS, "partner-2-widget-signed-in.png"), fullPage: true });

    // Doctor → day → time → confirm → the ticket, all inside the widget.
    await choose.click();
    const cards = widget.locator('[data-testid="doctor-card"]');
    await cards.first().waitFor();
    await cards.first().getByRole("button", { name: "Все даты и время" }).click();
    const freeDay = widget.locator('[data-testid="month-day"]:not([aria-disabled])').first();
    await freeDay.waitFor();
    await freeDay.click();
    const slot = widget.locator('[data-testid="day-slot"]').first();
    await slot.waitFor();
    await slot.click();
    await widget.locator('[data-testid="confirm-facts"]').waitFor();
    await widget.locator('[data-testid="confirm-booking"]').click();
    const ticket = widget.locator('[data-testid="ticket"]');
    await ticket.waitFor();
    const ticketText = (await ticket.locator('[data-testid="ticket-number"]').textContent()) ?? "";

    // The page's log shows `priyom:booked` with that ticket's number; the page's URL never moved.
    const booked = await loggedDetail(page, "priyom:booked");
    expect(typeof booked.ticketNumber).toBe("string");
    expect(booked.ticketNumber).not.toBe("");
    expect(ticketText).toContain(String(booked.ticketNumber));
    expect(await page.locator("#event-log").textContent()).toContain(String(booked.ticketNumber));
    expect(await page.locator("#event-log").textContent()).not.toMatch(/pwt_/);
    expect(page.url()).toBe(`${partner.url}/`);
    expect(await partnerStyles(page)).toEqual(before);
    await page.screenshot({ path: join(SHOTS, "partner-3-booked.png"), fullPage: true });

    await context.close();
  }, 240_000);

  it("refuses a site nobody registered: the pop-up says so, no token arrives, the API answers no CORS", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(stranger.url);
    await page.locator("priyom-calendar").waitFor({ state: "attached" });
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seenMessages: unknown[] }).seenMessages = seen;
      window.addEventListener("message", (event) => seen.push(event.data));
    });

    // A cross-origin call from this page is refused: the browser gets no CORS permission…
    const outcome = await page.evaluate(async (api) => {
      try {
        return `answered ${(await fetch(`${api}/api/v1/specialties`)).status}`;
      } catch {
        return "refused";
      }
    }, app.url);
    expect(outcome).toBe("refused");
    // …because the API answers 403 without Access-Control-Allow-Origin, unlike for the partner.
    const refused = await fetch(`${app.url}/api/v1/specialties`, { headers: { Origin: stranger.url } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await fetch(`${app.url}/api/v1/specialties`, { headers: { Origin: PARTNER_ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(PARTNER_ORIGIN);

    // The pop-up, opened from this page exactly as the widget opens it, refuses the site.
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.evaluate((api) => {
        window.open(
          `${api}/widget/connect?origin=${encodeURIComponent(window.location.origin)}`,
          "priyom-sign-in",
          "popup,width=480,height=720",
        );
      }, app.url),
    ]);
    const refusal = popup.locator('[data-testid="widget-connect-refused"]');
    await refusal.waitFor();
    expect((await refusal.textContent())?.replace(/\s+/g, " ")).toContain(
      `Сайт ${stranger.url} не подключён к Приёму`,
    );
    expect(await popup.locator('[data-testid="widget-connect-allow"]').count()).toBe(0);
    await popup.screenshot({ path: join(SHOTS, "partner-4-popup-refused.png"), fullPage: true });
    await popup.close();
    expect(
      await page.evaluate(() => (window as unknown as { seenMessages: unknown[] }).seenMessages),
    ).toEqual([]);
    expect(await page.locator('#event-log li[data-event="priyom:signed-in"]').count()).toBe(0);

    await context.close();
  });
});
