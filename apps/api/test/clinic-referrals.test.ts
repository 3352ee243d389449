import type { TClinicReferral } from "@priyom/contracts";
import { referralAllowedClinics, referralEvents, referrals } from "@priyom/db";
import { addDays } from "@priyom/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredPerson, signIn } from "./account-helpers.ts";
import {
  asClinic,
  CLINIC_A,
  CLINIC_B,
  CLINIC_C,
  clinicKey,
  doctorBody,
  enpFrom,
  issueRequest,
  todayIn,
  WEEKDAY_SCHEDULE,
} from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  ctx = await createTestContext();
  keyA = await clinicKey(ctx, CLINIC_A);
  keyB = await clinicKey(ctx, CLINIC_B);
  // A cardiologist with free time in A (for extensions); none in B or C.
  expect(
    (await asClinic(ctx, keyA, "PUT", "/api/v1/clinic/doctors/card-1", doctorBody("card-1"))).status,
  ).toBe(201);
  expect(
    (await asClinic(ctx, keyA, "PUT", "/api/v1/clinic/doctors/card-1/schedule", WEEKDAY_SCHEDULE)).status,
  ).toBe(200);
});
afterAll(async () => {
  await ctx.close();
});

async function rowsOf(number: string) {
  return ctx.services.db.select().from(referrals).where(eq(referrals.number, number));
}
async function eventsOf(referralId: string) {
  return ctx.services.db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId));
}
async function issue(key: string, body: unknown) {
  return asClinic(ctx, key, "POST", "/api/v1/clinic/referrals", body);
}
const fieldsOf = (body: Record<string, unknown>) =>
  Object.keys((body.error as { fields?: Record<string, string> }).fields ?? {}).sort();

describe("doctors", () => {
  it("PUT creates, then updates the same doctor (same id); GET lists the clinic's own", async () => {
    const created = await asClinic(ctx, keyA, "PUT", "/api/v1/clinic/doctors/ext-42", doctorBody("ext-42"));
    expect(created.status).toBe(201);
    const updated = await asClinic(
      ctx,
      keyA,
      "PUT",
      "/api/v1/clinic/doctors/ext-42",
      doctorBody("ext-42", { room: "301", specialty: "neurologist", middleName: undefined }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: created.body.id,
      room: "301",
      specialty: "neurologist",
      middleName: null,
      clinicId: CLINIC_A,
    });
    const list = await asClinic(ctx, keyA, "GET", "/api/v1/clinic/doctors");
    const items = (list.body as { items: { externalId: string; clinicId: string }[] }).items;
    expect(items.filter((d) => d.externalId === "ext-42")).toHaveLength(1);
    expect(items.every((d) => d.clinicId === CLINIC_A)).toBe(true);
  });

  it("clinic B's key cannot touch A's doctor: the same external id is B's own new doctor", async () => {
    const before = await asClinic(ctx, keyA, "GET", "/api/v1/clinic/doctors");
    const a = (before.body as { items: { externalId: string; id: string; room: string }[] }).items.find(
      (d) => d.externalId === "card-1",
    );
    const b = await asClinic(
      ctx,
      keyB,
      "PUT",
      "/api/v1/clinic/doctors/card-1",
      doctorBody("card-1", { room: "999" }),
    );
    expect(b.status).toBe(201);
    expect(b.body.clinicId).toBe(CLINIC_B);
    expect(b.body.id).not.toBe(a?.id);
    const after = await asClinic(ctx, keyA, "GET", "/api/v1/clinic/doctors");
    const aAfter = (after.body as { items: { externalId: string; room: string }[] }).items.find(
      (d) => d.externalId === "card-1",
    );
    expect(aAfter?.room).toBe(a?.room);
  });

  it("answers every field error at once", async () => {
    const res = await asClinic(
      ctx,
      keyA,
      "PUT",
      "/api/v1/clinic/doctors/ext-bad",
      doctorBody("ext-bad", { lastName: "Ивaнов", firstName: "", specialty: "surgeon", room: " " }),
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["firstName", "lastName", "room", "specialty"]);
  });
});

describe("issuing referrals", () => {
  it("new → 201 with the issuing clinic's zone, snapshot, hashes only, `issued` event", async () => {
    const body = issueRequest({ allowedClinicIds: [CLINIC_A, CLINIC_C], validityDays: 45 });
    const res = await issue(keyA, body);
    expect(res.status).toBe(201);
    const today = todayIn("Europe/Moscow");
    expect(res.body).toMatchObject({
      number: body.number,
      status: "active",
      issuedOn: today,
      validityDays: 45,
      lastValidDay: addDays(today, 45),
      allowedClinicIds: [CLINIC_C, CLINIC_A].sort(),
      matched: false,
    });
    const [row] = await rowsOf(body.number);
    expect(row).toMatchObject({ timeZone: "Europe/Moscow", issuingClinicId: CLINIC_A, patientUserId: null });
    expect(row?.issuingClinicSnapshot.ogrn).toMatch(/^\d{13}$/);
    expect(row?.enpHash).toBe(ctx.services.cipher.lookupHash("enp", body.patient.enp));
    expect(row?.snilsHash).toBe(ctx.services.cipher.lookupHash("snils", "00100199800"));
    const stored = JSON.stringify(row);
    for (const secret of [body.patient.enp, "00100199800", "Смирнова", "Ольга", "1970-03-15"]) {
      expect(stored).not.toContain(secret);
    }
    const events = await eventsOf(row?.id ?? "");
    expect(events.map((e) => [e.kind, e.actor])).toEqual([["issued", `clinic:${CLINIC_A}`]]);
  });

  it("the last valid day is counted in the issuing clinic's zone", async () => {
    const keyVvo = await clinicKey(ctx, "cln_vvo0001");
    const today = todayIn("Asia/Vladivostok");
    const res = await issue(keyVvo, issueRequest({ issuedOn: today }));
    expect(res.status).toBe(201);
    expect(res.body.lastValidDay).toBe(addDays(today, 30));
    const [row] = await rowsOf(String(res.body.number));
    expect(row?.timeZone).toBe("Asia/Vladivostok");
  });

  it("the same request twice → one row, the second 200 with the same id", async () => {
    const body = issueRequest();
    const first = await issue(keyA, body);
    // Same data, other spelling: the policy with spaces, the date as ДД.ММ.ГГГГ, the name's case.
    const [y, m, d] = body.issuedOn.split("-");
    const again = await issue(keyA, {
      ...body,
      issuedOn: `${d}.${m}.${y}`,
      patient: {
        ...body.patient,
        enp: body.patient.enp.replace(/(\d{4})/g, "$1 ").trim(),
        lastName: "СМИРНОВА",
      },
      diagnosisCode: "i10",
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await rowsOf(body.number)).toHaveLength(1);
  });

  it("the same number with another payload → 409, also when the number is another clinic's", async () => {
    const body = issueRequest();
    expect((await issue(keyA, body)).status).toBe(201);
    const changed = await issue(keyA, { ...body, diagnosisCode: "I11" });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ error: { code: "conflict" } });
    const otherClinic = await issue(keyB, body);
    expect(otherClinic.status).toBe(409);
    expect(JSON.stringify(otherClinic.body)).not.toContain(CLINIC_A);
    const [row] = await rowsOf(body.number);
    expect(row?.diagnosisCode).toBe("I10");
  });

  it("two identical requests at once create one row", async () => {
    const body = issueRequest();
    const answers = await Promise.all([issue(keyA, body), issue(keyA, body), issue(keyA, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await rowsOf(body.number)).toHaveLength(1);
    const [row] = await rowsOf(body.number);
    expect((await eventsOf(row?.id ?? "")).filter((e) => e.kind === "issued")).toHaveLength(1);
  });

  it("answers every field error at once", async () => {
    const res = await issue(keyA, {
      ...issueRequest(),
      number: "12-34",
      issuedOn: "31.02.2025",
      patient: {
        enp: "1234567890123456",
        snils: "112-233-445 96",
        lastName: "Ивaнов",
        firstName: "",
        birthDate: "завтра",
      },
      specialty: "surgeon",
      validityDays: 120,
      diagnosisCode: "10.1",
      issuingDoctor: " ",
      allowedClinicIds: [CLINIC_A, "cln_nowhere1"],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(
      [
        "allowedClinicIds",
        "diagnosisCode",
        "issuedOn",
        "issuingDoctor",
        "number",
        "patient.birthDate",
        "patient.enp",
        "patient.firstName",
        "patient.lastName",
        "patient.snils",
        "specialty",
      ].sort(),
    );
    const days = await issue(keyA, issueRequest({ validityDays: 6 }));
    expect(fieldsOf(days.body)).toEqual(["validityDays"]);
    const future = await issue(keyA, issueRequest({ issuedOn: addDays(todayIn("Europe/Moscow"), 2) }));
    expect(fieldsOf(future.body)).toEqual(["issuedOn"]);
    const adultToPediatrician = await issue(keyA, issueRequest({ specialty: "pediatrician" }));
    expect(fieldsOf(adultToPediatrician.body)).toEqual(["specialty"]);
  });

  it("matches a registered patient by policy at issue (patient_user_id set, `matched` event)", async () => {
    const { person, browser } = await registeredPerson(ctx);
    await signIn(ctx, browser, person.email, person.password, person.normalizedPhone);
    const enp = enpFrom("770000000999001");
    const saved = await browser.request("PUT", "/api/v1/profile", {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      birthDate: person.birthDate,
      sex: "male",
      passport: null,
      snils: null,
      enp,
      notificationChannels: ["cabinet"],
    });
    expect(saved.status).toBe(200);
    const me = (await (await browser.request("GET", "/api/v1/profile")).json()) as { userId: string };
    const res = await issue(keyA, issueRequest({ patient: { ...issueRequest().patient, enp } }));
    expect(res.status).toBe(201);
    expect(res.body.matched).toBe(true);
    const [row] = await rowsOf(String(res.body.number));
    expect(row?.patientUserId).toBe(me.userId);
    expect((await eventsOf(row?.id ?? "")).map((e) => e.kind).sort()).toEqual(["issued", "matched"]);
  });

  it("a referral issued first waits, and is attached when the patient saves the policy", async () => {
    const enp = enpFrom("770000000999002");
    const res = await issue(keyA, issueRequest({ patient: { ...issueRequest().patient, enp } }));
    expect(res.body.matched).toBe(false);
    const { person, browser } = await registeredPerson(ctx);
    await signIn(ctx, browser, person.email, person.password, person.normalizedPhone);
    const saved = await browser.request("PUT", "/api/v1/profile", {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      birthDate: person.birthDate,
      sex: "male",
      passport: null,
      snils: null,
      enp,
      notificationChannels: ["cabinet"],
    });
    expect(saved.status).toBe(200);
    const me = (await (await browser.request("GET", "/api/v1/profile")).json()) as { userId: string };
    const [row] = await rowsOf(String(res.body.number));
    expect(row?.patientUserId).toBe(me.userId);
    const read = await asClinic(ctx, keyA, "GET", `/api/v1/clinic/referrals/${String(res.body.number)}`);
    expect(read.body.matched).toBe(true);
  });
});

describe("scoping: a key of clinic A never sees clinic B's referrals", () => {
  it("B's number through A's key is 404 for read, extend and withdraw, like a number nobody issued", async () => {
    const ofB = issueRequest({ issuedOn: todayIn("Asia/Yekaterinburg") });
    expect((await issue(keyB, ofB)).status).toBe(201);
    for (const number of [ofB.number, "900099999999", "not-a-number"]) {
      const read = await asClinic(ctx, keyA, "GET", `/api/v1/clinic/referrals/${number}`);
      const extend = await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${number}/extend`, {
        validityDays: 60,
        reason: "Продолжение лечения у кардиолога",
      });
      const withdraw = await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${number}/withdraw`, {
        reason: "Выдано ошибочно",
      });
      expect([read.status, extend.status, withdraw.status], number).toEqual([404, 404, 404]);
      expect(read.body).toMatchObject({ error: { code: "not_found" } });
    }
    const [row] = await rowsOf(ofB.number);
    expect(row).toMatchObject({ status: "active", validityDays: 30 });
    const own = await asClinic(ctx, keyB, "GET", `/api/v1/clinic/referrals/${ofB.number}`);
    expect(own.status).toBe(200);
  });
});

describe("extending", () => {
  async function issued(overrides = {}) {
    const body = issueRequest(overrides);
    const res = await issue(keyA, body);
    expect(res.status).toBe(201);
    return res.body as unknown as TClinicReferral;
  }
  const extend = (number: string, body: unknown, key = keyA) =>
    asClinic(ctx, key, "POST", `/api/v1/clinic/referrals/${number}/extend`, body);

  it("no reason → 400 naming `reason` (and a wrong number of days together with it)", async () => {
    const r = await issued();
    const res = await extend(r.number, { validityDays: 60, reason: "  кратко " });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["reason"]);
    expect(String((res.body.error as { fields: Record<string, string> }).fields.reason)).toMatch(
      /обоснование/,
    );
    const both = await extend(r.number, { validityDays: 91, reason: "" });
    expect(fieldsOf(both.body)).toEqual(["reason", "validityDays"]);
  });

  it("past 90 days in total → 400; not longer than now → 400", async () => {
    const r = await issued({ kind: "long_term" });
    const tooLong = await extend(r.number, { validityDays: 91, reason: "Курс лечения продолжается" });
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong.body)).toEqual(["validityDays"]);
    const shorter = await extend(r.number, { validityDays: 30, reason: "Курс лечения продолжается" });
    expect(shorter.status).toBe(400);
    expect(fieldsOf(shorter.body)).toEqual(["validityDays"]);
  });

  it("no free time with a doctor of the specialty in any allowed clinic → 409 with a Russian message", async () => {
    const r = await issued({ specialty: "dermatologist" });
    const res = await extend(r.number, { validityDays: 60, reason: "Нужна повторная консультация" });
    expect(res.status).toBe(409);
    expect(String((res.body.error as { message: string }).message)).toMatch(/нет свободного времени/);
    // A dermatologist without a schedule has no free time either.
    await asClinic(
      ctx,
      keyA,
      "PUT",
      "/api/v1/clinic/doctors/derm-1",
      doctorBody("derm-1", { specialty: "dermatologist" }),
    );
    expect(
      (await extend(r.number, { validityDays: 60, reason: "Нужна повторная консультация" })).status,
    ).toBe(409);
    const [row] = await rowsOf(r.number);
    expect(row?.validityDays).toBe(30);
  });

  it("capacity counts doctors of every allowed clinic, not only the issuing one", async () => {
    const keyC = await clinicKey(ctx, CLINIC_C);
    await asClinic(
      ctx,
      keyC,
      "PUT",
      "/api/v1/clinic/doctors/oph-1",
      doctorBody("oph-1", { specialty: "ophthalmologist" }),
    );
    await asClinic(ctx, keyC, "PUT", "/api/v1/clinic/doctors/oph-1/schedule", WEEKDAY_SCHEDULE);
    const r = await issued({ specialty: "ophthalmologist", allowedClinicIds: [CLINIC_A, CLINIC_C] });
    expect(
      (await extend(r.number, { validityDays: 60, reason: "Нужна повторная консультация" })).status,
    ).toBe(200);
  });

  it("success updates validity and the last day and writes an `extended` event with the reason", async () => {
    const r = await issued({ kind: "long_term" });
    const res = await extend(r.number, { validityDays: 90, reason: "Курс химиотерапии продолжается" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ validityDays: 90, lastValidDay: addDays(r.issuedOn, 90) });
    const [row] = await rowsOf(r.number);
    expect(row).toMatchObject({ validityDays: 90, lastValidDay: addDays(r.issuedOn, 90) });
    const events = await eventsOf(r.id);
    expect(events.find((e) => e.kind === "extended")).toMatchObject({
      actor: `clinic:${CLINIC_A}`,
      reason: "Курс химиотерапии продолжается",
      details: { fromDays: 30, toDays: 90 },
    });
  });

  it("a withdrawn referral cannot be extended (409)", async () => {
    const r = await issued();
    await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${r.number}/withdraw`, {
      reason: "Выдано ошибочно",
    });
    const res = await extend(r.number, { validityDays: 60, reason: "Курс лечения продолжается" });
    expect(res.status).toBe(409);
  });
});

describe("withdrawing", () => {
  it("active → withdrawn with a `withdrawn` event; again → 409; no reason → 400", async () => {
    const body = issueRequest();
    const r = (await issue(keyA, body)).body as unknown as TClinicReferral;
    const noReason = await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${r.number}/withdraw`, {
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(["reason"]);
    const res = await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${r.number}/withdraw`, {
      reason: "Выдано ошибочно",
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("withdrawn");
    const events = await eventsOf(r.id);
    expect(events.find((e) => e.kind === "withdrawn")).toMatchObject({
      actor: `clinic:${CLINIC_A}`,
      reason: "Выдано ошибочно",
    });
    const again = await asClinic(ctx, keyA, "POST", `/api/v1/clinic/referrals/${r.number}/withdraw`, {
      reason: "Выдано ошибочно",
    });
    expect(again.status).toBe(409);
    // Reading needs referrals:read or referrals:write.
    const reader = await clinicKey(ctx, CLINIC_A, ["referrals:read"]);
    const read = await asClinic(ctx, reader, "GET", `/api/v1/clinic/referrals/${r.number}`);
    expect(read.body).toMatchObject({ status: "withdrawn", allowedClinicIds: [CLINIC_A] });
    const allowed = await ctx.services.db
      .select()
      .from(referralAllowedClinics)
      .where(and(eq(referralAllowedClinics.referralId, r.id), eq(referralAllowedClinics.clinicId, CLINIC_A)));
    expect(allowed).toHaveLength(1);
  });
});
