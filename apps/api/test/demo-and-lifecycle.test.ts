import { ZChildListResponse, ZProfile, ZReferralListResponse } from "@priyom/contracts";
import { auditEvents, children, patientProfiles, queryRows, user } from "@priyom/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endLinksOfAdultChildren } from "../src/jobs/adult-children.ts";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "../src/seed/demo-accounts.ts";
import { seedDemoDoctors, seedDemoReferrals } from "../src/seed/demo-referrals.ts";
import { seedDemoSchedules } from "../src/seed/demo-schedules.ts";
import { latestCode, registeredPerson, signIn } from "./account-helpers.ts";
import { TestBrowser, createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoAccounts(ctx.services);
});
afterAll(async () => {
  await ctx.close();
});

describe("demo accounts", () => {
  it("the demo patient signs in and has a complete, registry-verified profile and a daughter", async () => {
    const browser = new TestBrowser(ctx);
    const signedIn = await signIn(
      ctx,
      browser,
      "+7 999 000-00-01",
      DEMO_ACCOUNTS.patient.password,
      DEMO_ACCOUNTS.patient.phone,
    );
    expect(signedIn.body).toMatchObject({
      status: "signed_in",
      user: { displayName: "Иванов Иван Иванович", role: "patient" },
    });
    const profile = ZProfile.parse((await browser.json("GET", "/api/v1/profile")).body);
    expect(profile.complete).toBe(true);
    expect(profile.registryChecks.snils.state).toBe("verified");
    expect(profile.registryChecks.enp.state).toBe("verified");
    expect(profile.snils).toBe("***-***-445 95");
    const kids = ZChildListResponse.parse((await browser.json("GET", "/api/v1/children")).body);
    expect(kids.items.map((k) => `${k.lastName} ${k.firstName} ${k.middleName ?? ""}`.trim())).toEqual([
      "Иванова Мария Ивановна",
    ]);
  });

  it("the second demo patient signs in with a verified profile and her own cardiologist's referral", async () => {
    await seedDemoDoctors(ctx.handle.db);
    await seedDemoReferrals(ctx.services);
    const browser = new TestBrowser(ctx);
    const signedIn = await signIn(
      ctx,
      browser,
      DEMO_ACCOUNTS.neighbour.email,
      DEMO_ACCOUNTS.neighbour.password,
      DEMO_ACCOUNTS.neighbour.phone,
    );
    expect(signedIn.body).toMatchObject({
      status: "signed_in",
      user: { displayName: "Петрова Светлана Олеговна", role: "patient" },
    });
    const profile = ZProfile.parse((await browser.json("GET", "/api/v1/profile")).body);
    expect(profile.complete).toBe(true);
    expect(profile.registryChecks.enp.state).toBe("verified");
    const referrals = ZReferralListResponse.parse((await browser.json("GET", "/api/v1/referrals")).body);
    expect(referrals.items.map((r) => `${r.number} ${r.specialty.code}`)).toEqual(["100200310 cardiologist"]);
  });

  it("the administrator signs in by e-mail, with the device code sent by e-mail", async () => {
    const browser = new TestBrowser(ctx);
    const first = await browser.json<{ status: string }>("POST", "/api/v1/account/sign-in", {
      login: DEMO_ACCOUNTS.admin.email,
      password: DEMO_ACCOUNTS.admin.password,
    });
    expect(first.body.status).toBe("device_code_required");
    const deviceCode = await latestCode(ctx, DEMO_ACCOUNTS.admin.email);
    const second = await browser.json<{ user: { role: string } }>("POST", "/api/v1/account/sign-in", {
      login: DEMO_ACCOUNTS.admin.email,
      password: DEMO_ACCOUNTS.admin.password,
      deviceCode,
    });
    expect(second.body.user.role).toBe("admin");
  });

  it("seeding twice changes nothing", async () => {
    const before = await ctx.handle.db.select({ n: sql<number>`count(*)::int` }).from(user);
    await seedDemoAccounts(ctx.services);
    const after = await ctx.handle.db.select({ n: sql<number>`count(*)::int` }).from(user);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe("demo schedules", () => {
  it("give every demo doctor free weekday slots for 8 weeks, none at weekends", async () => {
    await seedDemoDoctors(ctx.handle.db);
    await seedDemoSchedules(ctx.handle.db);
    const perDoctor = await queryRows<{ doctor_id: string; free: number; weekend: number; days: number }>(
      ctx.handle.db,
      sql`select d.id as doctor_id,
                 count(s.id) filter (where s.status = 'free')::int as free,
                 count(s.id) filter (where extract(isodow from s.local_date::date) in (6, 7))::int as weekend,
                 count(distinct s.local_date)::int as days
          from doctors d left join slots s on s.doctor_id = d.id
          group by d.id`,
    );
    expect(perDoctor.length).toBe(40);
    for (const d of perDoctor) {
      expect(d.free).toBeGreaterThan(0);
      expect(d.weekend).toBe(0);
      expect(d.days).toBeGreaterThanOrEqual(38);
    }
    // Seeding again changes nothing.
    const before = await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from slots`);
    await seedDemoSchedules(ctx.handle.db);
    expect(await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from slots`)).toEqual(
      before,
    );
  });
});

describe("account deletion", () => {
  it("needs the password, then removes the personal data and keeps a journal entry without it", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await browser.request("POST", "/api/v1/account/sign-in", {
      login: person.phone,
      password: person.password,
    });
    const me = (await browser.json<{ user: { id: string } }>("GET", "/api/v1/account/me")).body.user.id;
    expect(
      (await browser.request("DELETE", "/api/v1/account", { password: "Wrong-password-1" })).status,
    ).toBe(400);
    expect((await browser.request("DELETE", "/api/v1/account", { password: person.password })).status).toBe(
      200,
    );
    expect(await ctx.handle.db.select().from(user).where(eq(user.id, me))).toEqual([]);
    expect(await ctx.handle.db.select().from(patientProfiles).where(eq(patientProfiles.userId, me))).toEqual(
      [],
    );
    expect((await browser.request("GET", "/api/v1/account/me")).status).toBe(401);
    const journal = await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.subjectUserId, me));
    expect(journal.some((e) => e.action === "account.deleted")).toBe(true);
    expect(JSON.stringify(journal)).not.toContain(person.email);
    expect(JSON.stringify(journal)).not.toContain(person.normalizedPhone);
  });
});

describe("a child turns 18", () => {
  it("ends the parent's link that day and tells the parent once", async () => {
    const [daughter] = await ctx.handle.db
      .select()
      .from(children)
      .where(eq(children.birthDate, "2016-09-01"));
    expect(daughter).toBeDefined();
    expect(await endLinksOfAdultChildren(ctx.services, "2034-08-31")).toBe(0);
    expect(await endLinksOfAdultChildren(ctx.services, "2034-09-01")).toBe(1);
    expect(await endLinksOfAdultChildren(ctx.services, "2034-09-01")).toBe(0);
    const [after] = await ctx.handle.db
      .select()
      .from(children)
      .where(eq(children.id, daughter?.id ?? ""));
    expect(after?.linkEndedAt).not.toBeNull();
  });
});
