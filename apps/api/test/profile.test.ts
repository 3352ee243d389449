import type { TProfile } from "@priyom/contracts";
import { children, patientProfiles, queryRows, user } from "@priyom/db";
import { errorMessage, type DomainErrorCode } from "@priyom/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { createDemoRegistries, DEMO_IDENTITIES, type Registries } from "../src/registries/index.ts";
import { createPatientProfile, deletePersonalData, PROFILE_MESSAGES } from "../src/services/profile/index.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

const ivan = DEMO_IDENTITIES.patient;
const maria = DEMO_IDENTITIES.daughter;

/** Registries the tests can take down: "down" throws like an outage. */
function switchableRegistries() {
  const demo = createDemoRegistries();
  const state = { down: false };
  const guard = () => {
    if (state.down) throw new Error("registry down");
  };
  const registries: Registries = {
    insurance: { checkPolicy: (enp, p) => (guard(), demo.insurance.checkPolicy(enp, p)) },
    pension: { checkSnils: (snils, p) => (guard(), demo.pension.checkSnils(snils, p)) },
  };
  return { registries, state };
}

const patient = (id: string): SessionUser => ({ id, role: "patient", sessionId: `ses_${id}` });
const A = patient("usr_profile_a");
const B = patient("usr_profile_b");
const NO_PROFILE = patient("usr_profile_none");

const ivanInput = {
  lastName: ivan.lastName,
  firstName: ivan.firstName,
  middleName: ivan.middleName,
  birthDate: "12.04.1985",
  sex: "male",
  passport: { series: "45 10", number: "123456", departmentCode: "770001", issuedOn: "20.05.2010" },
  snils: "112-233-445 95",
  enp: ivan.enp,
  notificationChannels: ["cabinet", "sms", "sms"],
};

/** A valid person the demo registry does not know. */
const petrovInput = {
  lastName: "Петров",
  firstName: "Пётр",
  birthDate: "1990-05-17",
  sex: "male",
  passport: null,
  snils: "001-001-998 00",
  enp: "1234567890123452",
  notificationChannels: ["cabinet"],
};

let ctx: TestContext;
const registries = switchableRegistries();

async function addUser(id: string, profile = true) {
  await ctx.handle.db.insert(user).values({
    id,
    name: id,
    email: `${id}@example.ru`,
    phoneNumber: `+7999${String(id.length).padStart(7, "0")}${id.slice(-1).charCodeAt(0) % 10}`,
  });
  if (profile) {
    await createPatientProfile(ctx.handle.db, id, {
      lastName: ivan.lastName,
      firstName: ivan.firstName,
      middleName: "",
      birthDate: ivan.birthDate,
    });
  }
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function documentsOf(as: SessionUser): Promise<TProfile> {
  const res = await ctx.request("GET", "/api/v1/profile/documents", { as });
  expect(res.status).toBe(200);
  return json<TProfile>(res);
}

beforeAll(async () => {
  ctx = await createTestContext({}, { registries: registries.registries });
  await addUser(A.id);
  await addUser(B.id);
  await addUser(NO_PROFILE.id, false);
});
afterAll(() => ctx.close());
beforeEach(() => {
  registries.state.down = false;
});

describe("createPatientProfile (sign-up)", () => {
  it("creates the row with the names and birth date, an empty отчество as null, nothing checked yet", async () => {
    const [row] = await ctx.handle.db.select().from(patientProfiles).where(eq(patientProfiles.userId, B.id));
    expect(row).toMatchObject({
      lastName: "Иванов",
      firstName: "Иван",
      middleName: null,
      birthDate: "1985-04-12",
      passportEnc: null,
      snilsEnc: null,
      enpEnc: null,
      notificationChannels: ["cabinet"],
      snilsCheckState: "not_checked",
      enpCheckState: "not_checked",
    });
  });

  it("refuses a second profile for the same account", async () => {
    await expect(
      createPatientProfile(ctx.handle.db, B.id, {
        lastName: "Б",
        firstName: "Б",
        middleName: null,
        birthDate: "1990-01-01",
      }),
    ).rejects.toThrow();
  });
});

describe("GET /api/v1/profile", () => {
  it("answers 401 to nobody, on every profile route", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/profile"],
      ["GET", "/api/v1/profile/documents"],
      ["PUT", "/api/v1/profile"],
      ["POST", "/api/v1/profile/registry-checks"],
      ["GET", "/api/v1/account/export"],
    ] as const) {
      const res = await ctx.request(method, path, method === "PUT" ? { body: ivanInput } : {});
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("answers 404 in the one error shape when the account has no profile", async () => {
    const res = await ctx.request("GET", "/api/v1/profile", { as: NO_PROFILE });
    expect(res.status).toBe(404);
    const body = await json<{ error: { code: string; requestId: string } }>(res);
    expect(body.error.code).toBe("not_found");
    expect(body.error.requestId).not.toBe("");
  });

  it("shows a fresh profile: no documents, not complete, checks not run", async () => {
    const res = await ctx.request("GET", "/api/v1/profile", { as: A });
    expect(res.status).toBe(200);
    const profile = await json<TProfile>(res);
    expect(profile).toMatchObject({
      userId: A.id,
      lastName: "Иванов",
      passport: null,
      snils: null,
      enp: null,
      complete: false,
      email: `${A.id}@example.ru`,
      registryChecks: {
        snils: { state: "not_checked", checkedAt: null },
        enp: { state: "not_checked", checkedAt: null },
      },
    });
  });
});

describe("PUT /api/v1/profile", () => {
  it("saves every field, masks the documents, and verifies both numbers with the registries", async () => {
    const res = await ctx.request("PUT", "/api/v1/profile", { as: A, body: ivanInput });
    expect(res.status).toBe(200);
    const profile = await json<TProfile>(res);
    expect(profile).toMatchObject({
      userId: A.id,
      middleName: "Иванович",
      birthDate: "1985-04-12",
      sex: "male",
      masked: true,
      snils: "***-***-445 95",
      enp: "************3453",
      passport: {
        series: "** **",
        number: "***456",
        departmentCode: "***-***",
        issuedOn: "2010-05-20",
        expiresOn: "2030-07-11",
      },
      notificationChannels: ["cabinet", "sms"],
      complete: true,
    });
    expect(profile.registryChecks.snils.state).toBe("verified");
    expect(profile.registryChecks.enp.state).toBe("verified");
    expect(Date.parse(profile.registryChecks.enp.checkedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    const masked = await json<TProfile>(await ctx.request("GET", "/api/v1/profile", { as: A }));
    expect(masked).toEqual(profile);
  });

  it("GET /profile/documents shows the owner the same profile unmasked, never cached", async () => {
    const res = await ctx.request("GET", "/api/v1/profile/documents", { as: A });
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const profile = await json<TProfile>(res);
    expect(profile).toMatchObject({
      masked: false,
      snils: "11223344595",
      enp: ivan.enp,
      passport: { series: "4510", number: "123456", departmentCode: "770-001", issuedOn: "2010-05-20" },
    });
  });

  it("stores no plaintext passport number, СНИЛС or policy digits (raw SQL read)", async () => {
    const rows = await queryRows<{ row: string }>(
      ctx.handle.db,
      sql`select row_to_json(p)::text as row from patient_profiles p where user_id = ${A.id}`,
    );
    const text = rows[0]?.row ?? "";
    expect(text).toContain("v2.");
    for (const secret of ["123456", "11223344595", ivan.enp, "770-001", "770001"])
      expect(text).not.toContain(secret);
    const [row] = await ctx.handle.db.select().from(patientProfiles).where(eq(patientProfiles.userId, A.id));
    // The series is 4 digits: look for it outside the hex hashes, where 4 digits could occur by chance.
    const withoutHashes = text.replace(/[0-9a-f]{64}/g, "");
    expect(withoutHashes).not.toContain("4510");
    expect(row?.snilsHash).toBe(ctx.services.cipher.lookupHash("snils", "11223344595"));
    expect(row?.enpHash).toBe(ctx.services.cipher.lookupHash("enp", ivan.enp));
  });

  it("answers every invalid field at once with the domain's codes' messages, and saves nothing", async () => {
    const before = await documentsOf(A);
    const res = await ctx.request("PUT", "/api/v1/profile", {
      as: A,
      body: {
        lastName: "Ivanov1",
        firstName: "Иvan",
        middleName: "-Иванович",
        birthDate: "31.02.1985",
        sex: null,
        passport: { series: "45a0", number: "12345", departmentCode: "77-0001", issuedOn: "2099-01-01" },
        snils: "112-233-445 96",
        enp: "7700000000123454",
        notificationChannels: [],
      },
    });
    expect(res.status).toBe(400);
    const body = await json<{ error: { code: string; fields: Record<string, string> } }>(res);
    expect(body.error.code).toBe("validation_failed");
    const expected: Record<string, DomainErrorCode> = {
      lastName: "name_invalid_characters",
      firstName: "name_mixed_script",
      middleName: "name_must_start_with_letter",
      birthDate: "birth_date_invalid",
      "passport.series": "passport_series_invalid",
      "passport.number": "passport_number_invalid",
      "passport.departmentCode": "passport_department_code_invalid",
      "passport.issuedOn": "passport_issue_date_in_future",
      snils: "snils_checksum",
      enp: "enp_checksum",
    };
    expect(body.error.fields).toEqual(
      Object.fromEntries(Object.entries(expected).map(([f, c]) => [f, errorMessage(c, "ru")])),
    );
    expect(await documentsOf(A)).toEqual(before);
  });

  it("names the rules that depend on the birth date, and speaks English when asked", async () => {
    const res = await ctx.request("PUT", "/api/v1/profile", {
      as: A,
      headers: { "Accept-Language": "en" },
      body: {
        ...ivanInput,
        lastName: "",
        birthDate: "2020-01-01",
        passport: { ...ivanInput.passport, issuedOn: "2005-01-01" },
        snils: "000-000-000 00",
        enp: "77000000001234",
      },
    });
    expect(res.status).toBe(400);
    const body = await json<{ error: { fields: Record<string, string> } }>(res);
    expect(body.error.fields).toEqual({
      lastName: errorMessage("name_required", "en"),
      birthDate: errorMessage("account_holder_too_young", "en"),
      "passport.issuedOn": errorMessage("passport_issued_before_14", "en"),
      snils: errorMessage("snils_all_zeros", "en"),
      enp: errorMessage("enp_invalid_format", "en"),
    });
  });

  it("refuses a policy or СНИЛС another patient holds with 409 naming the field, and changes nothing", async () => {
    const beforeA = await documentsOf(A);
    const beforeB = await documentsOf(B);
    const taken = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: { ...petrovInput, enp: ivan.enp },
    });
    expect(taken.status).toBe(409);
    const body = await json<{ error: { code: string; message: string; fields: Record<string, string> } }>(
      taken,
    );
    expect(body.error.code).toBe("conflict");
    expect(Object.keys(body.error.fields)).toEqual(["enp"]);
    expect(body.error.fields.enp).toBe(PROFILE_MESSAGES.identifier_taken.ru);
    expect(JSON.stringify(body)).not.toMatch(/Иванов|usr_profile_a/);

    const snilsTaken = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: { ...petrovInput, snils: "11223344595" },
    });
    expect(snilsTaken.status).toBe(409);
    expect(Object.keys((await json<{ error: { fields: object } }>(snilsTaken)).error.fields)).toEqual([
      "snils",
    ]);
    expect(await documentsOf(A)).toEqual(beforeA);
    expect(await documentsOf(B)).toEqual(beforeB);
  });

  it("the database itself refuses a duplicate policy hash", async () => {
    const [a] = await ctx.handle.db.select().from(patientProfiles).where(eq(patientProfiles.userId, A.id));
    await expect(
      ctx.handle.db
        .update(patientProfiles)
        .set({ enpEnc: a?.enpEnc, enpHash: a?.enpHash })
        .where(eq(patientProfiles.userId, B.id)),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
  });

  it("a number the registry does not know for this person is not_found, and the data is kept", async () => {
    const res = await ctx.request("PUT", "/api/v1/profile", { as: B, body: petrovInput });
    expect(res.status).toBe(200);
    const profile = await json<TProfile>(res);
    expect(profile.registryChecks.snils.state).toBe("not_found");
    expect(profile.registryChecks.enp.state).toBe("not_found");
    expect((await documentsOf(B)).enp).toBe("1234567890123452");
  });

  it("a registry outage leaves `unavailable` and loses nothing; registry-checks later verifies", async () => {
    registries.state.down = true;
    const res = await ctx.request("PUT", "/api/v1/profile", { as: A, body: { ...ivanInput, sex: null } });
    expect(res.status).toBe(200);
    const profile = await json<TProfile>(res);
    expect(profile.registryChecks.snils.state).toBe("unavailable");
    expect(profile.registryChecks.enp.state).toBe("unavailable");
    const saved = await documentsOf(A);
    expect(saved).toMatchObject({ sex: null, snils: "11223344595", enp: ivan.enp });

    registries.state.down = false;
    const again = await ctx.request("POST", "/api/v1/profile/registry-checks", { as: A });
    expect(again.status).toBe(200);
    const checked = await json<TProfile>(again);
    expect(checked.masked).toBe(true);
    expect(checked.registryChecks.snils.state).toBe("verified");
    expect(checked.registryChecks.enp.state).toBe("verified");
  });

  it("removing the numbers clears them and their check states", async () => {
    const res = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: { ...petrovInput, snils: null, enp: "" },
    });
    expect(res.status).toBe(200);
    const profile = await json<TProfile>(res);
    expect(profile).toMatchObject({ snils: null, enp: null, complete: false });
    expect(profile.registryChecks.enp).toEqual({ state: "not_checked", checkedAt: null });
  });
});

describe("one patient can never reach another's profile", () => {
  it("every profile route acts on the session's user only; a user id in the body is refused", async () => {
    const beforeA = await documentsOf(A);
    // Mass assignment (issue 8): a key the schema does not name is a 400 naming it, not ignored.
    const smuggled = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: { ...petrovInput, userId: A.id },
    });
    expect(smuggled.status).toBe(400);
    expect(Object.keys((await json<{ error: { fields: object } }>(smuggled)).error.fields)).toEqual([
      "userId",
    ]);
    const res = await ctx.request("PUT", "/api/v1/profile", { as: B, body: petrovInput });
    expect(res.status).toBe(200);
    expect((await json<TProfile>(res)).userId).toBe(B.id);
    expect((await json<TProfile>(await ctx.request("GET", "/api/v1/profile", { as: B }))).userId).toBe(B.id);
    expect((await documentsOf(B)).lastName).toBe("Петров");
    expect(
      (await json<TProfile>(await ctx.request("POST", "/api/v1/profile/registry-checks", { as: B }))).userId,
    ).toBe(B.id);
    expect(await documentsOf(A)).toEqual(beforeA);
    // Query strings are not a way in either.
    expect(
      (await json<TProfile>(await ctx.request("GET", `/api/v1/profile?userId=${A.id}`, { as: B }))).userId,
    ).toBe(B.id);
  });
});

describe("GET /api/v1/account/export", () => {
  it("downloads the account, the profile unmasked and the children, as an attachment never cached", async () => {
    const child = await ctx.request("POST", "/api/v1/children", {
      as: A,
      body: {
        lastName: maria.lastName,
        firstName: maria.firstName,
        middleName: maria.middleName,
        birthDate: maria.birthDate,
        birthCertificate: { series: "IV-МЮ", number: "654321", issuedOn: "2016-09-10" },
        enp: maria.enp,
        snils: maria.snils,
      },
    });
    expect(child.status).toBe(201);
    const res = await ctx.request("GET", "/api/v1/account/export", { as: A });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="priyom-data.json"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const data = await json<{
      account: { id: string; email: string };
      profile: TProfile;
      children: { enp: string; birthCertificate: { number: string }; linkEndedAt: string | null }[];
    }>(res);
    expect(data.account).toMatchObject({ id: A.id, email: `${A.id}@example.ru` });
    expect(data.profile).toMatchObject({ userId: A.id, masked: false, snils: "11223344595", enp: ivan.enp });
    expect(data.children).toHaveLength(1);
    expect(data.children[0]).toMatchObject({
      enp: maria.enp,
      birthCertificate: { number: "654321" },
      linkEndedAt: null,
    });
    const other = await json<{ profile: TProfile; children: unknown[] }>(
      await ctx.request("GET", "/api/v1/account/export", { as: B }),
    );
    expect(other.profile.userId).toBe(B.id);
    expect(other.children).toEqual([]);
  });
});

describe("deletePersonalData", () => {
  it("removes the profile and the children of one account only, inside the caller's transaction", async () => {
    const countOf = async (userId: string) => ({
      profiles: (await ctx.handle.db.select().from(patientProfiles).where(eq(patientProfiles.userId, userId)))
        .length,
      children: (await ctx.handle.db.select().from(children).where(eq(children.parentUserId, userId))).length,
    });
    expect(await countOf(A.id)).toEqual({ profiles: 1, children: 1 });
    const removed = await ctx.handle.db.transaction((tx) => deletePersonalData(tx, A.id));
    expect(removed).toEqual({ profiles: 1, children: 1 });
    expect(await countOf(A.id)).toEqual({ profiles: 0, children: 0 });
    expect(await countOf(B.id)).toEqual({ profiles: 1, children: 0 });
    expect((await ctx.request("GET", "/api/v1/profile", { as: A })).status).toBe(404);
    // The freed policy may now be registered by someone else.
    const reuse = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: { ...ivanInput, lastName: "Иванов" },
    });
    expect(reuse.status).toBe(200);
  });
});
