import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ZErrorBody, ZReferralDetail, ZReferralListResponse } from "@priyom/contracts";
import { outboxMessages, referrals } from "@priyom/db";
import { addDays, localDateTimeInZone } from "@priyom/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceExpiringReferrals, expireReferrals } from "../src/jobs/referral-expiry.ts";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "../src/seed/demo-accounts.ts";
import { seedDemoDoctors, seedDemoReferrals } from "../src/seed/demo-referrals.ts";
import { DEMO_IDENTITIES } from "../src/registries/index.ts";
import { httpReferralSource } from "../src/services/referrals/sources.ts";
import { registeredPerson, signIn } from "./account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let demo: TestBrowser;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoDoctors(ctx.handle.db);
  await seedDemoAccounts(ctx.services);
  await seedDemoReferrals(ctx.services);
  demo = new TestBrowser(ctx);
  await signIn(
    ctx,
    demo,
    DEMO_ACCOUNTS.patient.email,
    DEMO_ACCOUNTS.patient.password,
    DEMO_ACCOUNTS.patient.phone,
  );
});
afterAll(async () => {
  await ctx.close();
});

const todayIn = (zone: string) => localDateTimeInZone(new Date(), zone).localDate;

describe("«Мои направления»", () => {
  it("lists the demo patient's five referrals and his daughter's, with days left in the issuing clinic's zone", async () => {
    const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
    const byNumber = new Map(list.items.map((r) => [r.number, r]));
    expect([...byNumber.keys()].sort()).toEqual([
      "100200300",
      "100200301",
      "100200302",
      "100200303",
      "100200304",
      "100200305",
    ]);

    const cardiologist = byNumber.get("100200300");
    expect(cardiologist?.daysLeft).toBe(25);
    expect(cardiologist?.lastValidDay).toBe(addDays(todayIn("Europe/Moscow"), 25));
    expect(cardiologist?.bookable).toBe(true);
    expect(cardiologist?.issuingClinic.ogrn).toBe("1027700132195");
    expect(cardiologist?.allowedClinics.map((c) => c.id).sort()).toEqual(["cln_ekb0007", "cln_msk0002"]);

    expect(byNumber.get("100200301")?.daysLeft).toBe(50);
    const ophthalmologist = byNumber.get("100200302");
    expect(ophthalmologist?.timeZone).toBe("Asia/Vladivostok");
    expect(ophthalmologist?.lastValidDay).toBe(addDays(todayIn("Asia/Vladivostok"), 28));

    const expired = byNumber.get("100200304");
    expect(expired?.status).toBe("expired");
    expect(expired?.bookable).toBe(false);
    expect(expired?.notBookableReason?.message).toBe("Срок действия направления истёк");

    const daughter = byNumber.get("100200305");
    expect(daughter?.patient).toEqual({
      kind: "child",
      childId: expect.any(String) as string,
      name: "Иванова Мария Ивановна",
    });
    expect(byNumber.get("100200300")?.patient.kind).toBe("self");
  });

  it("shows one referral with its history, the extension reason included", async () => {
    const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
    const longTerm = list.items.find((r) => r.number === "100200303");
    const detail = ZReferralDetail.parse(
      (await demo.json("GET", `/api/v1/referrals/${longTerm?.id ?? ""}`)).body,
    );
    expect(detail.kind).toBe("long_term");
    expect(detail.history.map((h) => h.kind)).toEqual(["issued", "matched", "extended"]);
    expect(detail.history.find((h) => h.kind === "extended")?.reason).toContain("по решению лечащего врача");
    expect(detail.history[0]?.actor).toBe("Центральная городская больница № 7");
  });

  it("never shows one patient's referral to another: the same 404 as for an id that does not exist", async () => {
    const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    expect(ZReferralListResponse.parse((await browser.json("GET", "/api/v1/referrals")).body).items).toEqual(
      [],
    );
    const theirs = await browser.request("GET", `/api/v1/referrals/${list.items[0]?.id ?? ""}`);
    const missing = await browser.request("GET", "/api/v1/referrals/ref_doesnotexist");
    expect(theirs.status).toBe(404);
    const a = ZErrorBody.parse(await theirs.json()).error;
    const b = ZErrorBody.parse(await missing.json()).error;
    expect({ ...a, requestId: "" }).toEqual({ ...b, requestId: "" });
    expect((await new TestBrowser(ctx).request("GET", "/api/v1/referrals")).status).toBe(401);
  });
});

describe("look-up by number and issue date", () => {
  it("finds the patient's own referral, and answers every miss the same way", async () => {
    const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
    const cardio = list.items.find((r) => r.number === "100200300");
    const [y, m, d] = (cardio?.issuedOn ?? "").split("-");
    const found = await demo.json("POST", "/api/v1/referrals/lookup", {
      number: "1002 00300",
      issuedOn: `${d}.${m}.${y}`,
    });
    expect(found.status).toBe(200);
    expect(ZReferralDetail.parse(found.body).id).toBe(cardio?.id);

    const wrongDate = await demo.request("POST", "/api/v1/referrals/lookup", {
      number: "100200300",
      issuedOn: "01.01.2020",
    });
    const noSuch = await demo.request("POST", "/api/v1/referrals/lookup", {
      number: "999999999",
      issuedOn: `${d}.${m}.${y}`,
    });
    const { person, browser: stranger } = await registeredPerson(ctx);
    await stranger.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const someoneElses = await stranger.request("POST", "/api/v1/referrals/lookup", {
      number: "100200300",
      issuedOn: `${d}.${m}.${y}`,
    });
    const answers = await Promise.all(
      [wrongDate, noSuch, someoneElses].map(async (res) => ({
        status: res.status,
        error: { ...ZErrorBody.parse(await res.json()).error, requestId: "" },
      })),
    );
    expect(answers[0]?.status).toBe(404);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]?.error.message).toContain("не найдено среди ваших направлений");
  });

  it("names wrong fields, and allows 10 tries an hour per account", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const bad = await browser.json<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/v1/referrals/lookup",
      { number: "12ab", issuedOn: "31.02.2025" },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["issuedOn", "number"]);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (
          await browser.request("POST", "/api/v1/referrals/lookup", {
            number: `5000000${i}0`,
            issuedOn: "01.02.2025",
          })
        ).status,
      );
    }
    // The first bad request above counted too: tries 2–10 are answered, the 11th is refused.
    expect(statuses.slice(0, 9).every((s) => s === 404)).toBe(true);
    expect(statuses[9]).toBe(429);
  });
});

describe("«Обновить сведения»", () => {
  it("answers 503 with a clear message and changes nothing when the clinic's source fails", async () => {
    const failing = await createTestContext(
      {},
      {
        referralSource: { name: "broken", fetch: () => Promise.reject(new Error("timeout")) },
      },
    );
    try {
      const { person, browser } = await registeredPerson(failing);
      await browser.request("POST", "/api/v1/account/sign-in", {
        login: person.phone,
        password: person.password,
      });
      const res = await browser.request("POST", "/api/v1/referrals/refresh");
      expect(res.status).toBe(503);
      expect(ZErrorBody.parse(await res.json()).error.message).toContain("данные не изменились");
    } finally {
      await failing.close();
    }
  });

  it("issues what a clinic's HTTP source reports, once, under that clinic", async () => {
    const asked: unknown[] = [];
    const source = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        asked.push(JSON.parse(raw));
        res.writeHead(200, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            referrals: [
              {
                clinicId: "cln_ekb0007",
                referral: {
                  number: "100200399",
                  issuedOn: addDays(todayIn("Asia/Yekaterinburg"), -1),
                  patient: {
                    enp: DEMO_IDENTITIES.patient.enp,
                    lastName: "Иванов",
                    firstName: "Иван",
                    middleName: "Иванович",
                    birthDate: "1985-04-12",
                  },
                  specialty: "gastroenterologist",
                  urgency: "planned",
                  kind: "regular",
                  diagnosisCode: "K29.5",
                  issuingDoctor: "Волкова Наталья Юрьевна",
                },
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve));
    const port = (source.address() as AddressInfo).port;
    const previous = ctx.services.referralSource;
    ctx.services.referralSource = httpReferralSource(`http://127.0.0.1:${port}`);
    try {
      const first = await demo.json<{ changed: number }>("POST", "/api/v1/referrals/refresh");
      expect(first.status).toBe(200);
      expect(first.body.changed).toBe(1);
      expect(JSON.stringify(asked[0])).toContain(DEMO_IDENTITIES.patient.enp);
      const list = ZReferralListResponse.parse((await demo.json("GET", "/api/v1/referrals")).body);
      const added = list.items.find((r) => r.number === "100200399");
      expect(added?.issuingClinic.id).toBe("cln_ekb0007");
      expect(added?.specialty.code).toBe("gastroenterologist");
      const again = await demo.json<{ changed: number }>("POST", "/api/v1/referrals/refresh");
      expect(again.body.changed).toBe(0);
    } finally {
      ctx.services.referralSource = previous;
      await new Promise<void>((resolve) => source.close(() => resolve()));
    }
  });

  it("re-matches with the built-in source", async () => {
    const res = await demo.json<{ status: string; changed: number }>("POST", "/api/v1/referrals/refresh");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "refreshed", changed: 0 });
  });
});

describe("expiry, by each referral's own zone", () => {
  it("expires a Vladivostok referral while Moscow's clock still shows its last day", async () => {
    const [vvo] = await ctx.handle.db.select().from(referrals).where(eq(referrals.number, "100200302"));
    const [msk] = await ctx.handle.db.select().from(referrals).where(eq(referrals.number, "100200300"));
    const lastDay = todayIn("Europe/Moscow");
    await ctx.handle.db
      .update(referrals)
      .set({ lastValidDay: lastDay })
      .where(eq(referrals.id, vvo?.id ?? ""));
    await ctx.handle.db
      .update(referrals)
      .set({ lastValidDay: lastDay })
      .where(eq(referrals.id, msk?.id ?? ""));
    // 14:30 UTC on that day: already 00:30 of the next day in Vladivostok (UTC+10), 17:30 in Moscow.
    const instant = new Date(`${lastDay}T14:30:00Z`);
    expect(await expireReferrals(ctx.services, instant)).toBe(1);
    const [vvoAfter] = await ctx.handle.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, vvo?.id ?? ""));
    const [mskAfter] = await ctx.handle.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, msk?.id ?? ""));
    expect(vvoAfter?.status).toBe("expired");
    expect(mskAfter?.status).toBe("active");
    const detail = ZReferralDetail.parse((await demo.json("GET", `/api/v1/referrals/${vvo?.id ?? ""}`)).body);
    expect(detail.history.at(-1)?.kind).toBe("expired");
  });

  it("tells the patient once, 3 days before the last day, by the channels they chose", async () => {
    const [therapist] = await ctx.handle.db.select().from(referrals).where(eq(referrals.number, "100200301"));
    await ctx.handle.db
      .update(referrals)
      .set({ lastValidDay: addDays(todayIn("Europe/Moscow"), 3) })
      .where(eq(referrals.id, therapist?.id ?? ""));
    const before = await ctx.handle.db.select().from(outboxMessages);
    expect(await announceExpiringReferrals(ctx.services)).toBe(1);
    expect(await announceExpiringReferrals(ctx.services)).toBe(0);
    const added = (await ctx.handle.db.select().from(outboxMessages)).filter(
      (m) => !before.some((b) => b.id === m.id),
    );
    expect(added.map((m) => m.channel).sort()).toEqual(["email", "sms"]);
    expect(added[0]?.body).toContain("№ 100200301");
  });
});
