import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  REPO_ROOT,
  launchBrowser,
  mailboxCode,
  signInDemoPatient,
  startApp,
  type Started,
} from "./src/harness.ts";

const APP_PORT = 47_303;
const SHOTS = join(REPO_ROOT, "e2e", ".e2e-tmp");

/** The registrant of the built-in registries (apps/api/src/registries/demo-registry.ts). */
const PERSON = {
  phone: "+7 999 123-45-67",
  normalizedPhone: "+79991234567",
  email: "sidorova@example.ru",
  password: "Priyom-e2e-1",
  lastName: "Сидорова",
  firstName: "Анна",
  middleName: "Петровна",
  birthDate: "15.03.1992",
  snils: "123-456-789 64",
  enp: "7700000000246809",
};

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

async function fieldError(field: Locator): Promise<string> {
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const page = field.page();
  const texts: string[] = [];
  for (const id of describedBy.split(/\s+/).filter(Boolean)) {
    const el = page.locator(`[id="${id}"]`);
    if ((await el.count()) > 0) texts.push((await el.first().textContent()) ?? "");
  }
  return texts.join(" ");
}

describe("a new patient in Chromium", () => {
  it("signs up, confirms both codes from the development mailbox, fixes one mistake per profile field, and sees the registry checks pass", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/cabinet/sign-up`);
    const cabinet = page.locator('[data-remote="cabinet"]');
    await cabinet.getByLabel("Телефон", { exact: true }).fill(PERSON.phone);
    await cabinet.getByLabel("Электронная почта").fill(PERSON.email);
    await cabinet.getByLabel("Пароль", { exact: true }).fill(PERSON.password);
    await cabinet.getByLabel("Фамилия").fill(PERSON.lastName);
    await cabinet.getByLabel("Имя", { exact: true }).fill(PERSON.firstName);
    await cabinet.getByLabel(/Отчество/).fill(PERSON.middleName);
    await cabinet.getByLabel("Дата рождения").fill(PERSON.birthDate);
    await cabinet.getByRole("button", { name: "Зарегистрироваться" }).click();

    // Confirmation: one code by SMS, one by e-mail, both read from the development mailbox.
    await cabinet.getByLabel("Код из СМС").waitFor();
    await cabinet.getByLabel("Код из СМС").fill(await mailboxCode(page, PERSON.normalizedPhone));
    await cabinet.locator('[data-testid="confirm-sms"]').getByRole("button", { name: "Подтвердить" }).click();
    await cabinet.getByLabel("Код из письма").fill(await mailboxCode(page, PERSON.email));
    await cabinet
      .locator('[data-testid="confirm-email"]')
      .getByRole("button", { name: "Подтвердить" })
      .click();
    await page.screenshot({ path: join(SHOTS, "cabinet-confirmed.png"), fullPage: true });

    // Signed in: the shell names the person.
    await page.locator('[data-testid="shell-user"]').getByText("Сидорова Анна Петровна").waitFor();

    // The profile: one mistake in every field, all reported at once, then corrected.
    await cabinet.getByRole("button", { name: "Изменить" }).click();
    const fields = {
      series: cabinet.getByLabel("Серия паспорта"),
      number: cabinet.getByLabel("Номер паспорта"),
      department: cabinet.getByLabel("Код подразделения"),
      issuedOn: cabinet.getByLabel("Дата выдачи паспорта"),
      snils: cabinet.getByLabel("СНИЛС"),
      enp: cabinet.getByLabel("Полис ОМС"),
    };
    await cabinet.getByLabel("Женский").check();
    await fields.series.fill("45А8");
    await fields.number.fill("12345");
    await fields.department.fill("77-0001");
    await fields.issuedOn.fill("01.01.2036");
    await fields.snils.fill("123-456-789 65");
    await fields.enp.fill("7700000000246808");
    await cabinet.getByRole("button", { name: "Сохранить" }).click();
    for (const field of Object.values(fields)) {
      await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
      expect(await fieldError(field)).not.toBe("");
    }
    expect(await fieldError(fields.snils)).toMatch(/СНИЛС/);
    expect(await fieldError(fields.enp)).toMatch(/полис/i);
    await page.screenshot({ path: join(SHOTS, "cabinet-profile-errors.png"), fullPage: true });

    await fields.series.fill("4512");
    await fields.number.fill("345678");
    await fields.department.fill("770-001");
    await fields.issuedOn.fill("20.04.2012");
    await fields.snils.fill(PERSON.snils);
    await fields.enp.fill(PERSON.enp);
    await cabinet.getByRole("button", { name: "Сохранить" }).click();

    const verified = cabinet.getByText(/Проверка в реестре: проверен$/);
    await verified.first().waitFor();
    await expect.poll(() => verified.count()).toBe(2);
    // Shown masked once saved.
    await cabinet.getByText(/\*\*\*-\*\*\*-789\s+64/).waitFor();
    await page.screenshot({ path: join(SHOTS, "cabinet-profile-verified.png"), fullPage: true });
    await page.close();
  });

  it("the demo patient signs in with the new-device code from the mailbox", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    page.setDefaultTimeout(20_000);
    await signInDemoPatient(page, app.url);
    await page.screenshot({ path: join(SHOTS, "cabinet-demo-signed-in.png"), fullPage: true });
    await page.close();
  });
});
