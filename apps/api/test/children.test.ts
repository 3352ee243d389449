import type { TChild, TChildInput } from "@priyom/contracts";
import { children, queryRows, user } from "@priyom/db";
import { addDays, anniversary, errorMessage } from "@priyom/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { DEMO_IDENTITIES } from "../src/registries/index.ts";
import {
  addChild,
  createPatientProfile,
  endAdultChildLinks,
  listChildren,
  PROFILE_MESSAGES,
  todayInMoscow,
} from "../src/services/profile/index.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

const ivan = DEMO_IDENTITIES.patient;
const maria = DEMO_IDENTITIES.daughter;
const patient = (id: string): SessionUser => ({ id, role: "patient", sessionId: `ses_${id}` });
const A = patient("usr_children_a");
const B = patient("usr_children_b");
const C = patient("usr_children_c");

const mariaInput: TChildInput = {
  lastName: maria.lastName,
  firstName: maria.firstName,
  middleName: maria.middleName,
  birthDate: "01.09.2016",
  birthCertificate: { series: "IV - МЮ", number: "654 321", issuedOn: "2016-09-10" },
  enp: maria.enp,
  snils: "198-765-432 47",
};

let ctx: TestContext;

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of [A, B, C]) {
    await ctx.handle.db.insert(user).values({ id: u.id, name: u.id, email: `${u.id}@example.ru` });
    await createPatientProfile(ctx.handle.db, u.id, {
      lastName: "Иванов",
      firstName: "Иван",
      middleName: null,
      birthDate: ivan.birthDate,
    });
  }
});
afterAll(() => ctx.close());

let mariaId = "";

describe("children of the signed-in parent", () => {
  it("answers 401 to nobody on every route", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/children"],
      ["POST", "/api/v1/children"],
      ["GET", "/api/v1/children/chd_0000000000/documents"],
      ["PUT", "/api/v1/children/chd_0000000000"],
      ["DELETE", "/api/v1/children/chd_0000000000"],
    ] as const) {
      const res = await ctx.request(
        method,
        path,
        method === "POST" || method === "PUT" ? { body: mariaInput } : {},
      );
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("adds a child: masked answer, a chd_ id, both numbers verified by the demo registry", async () => {
    const res = await ctx.request("POST", "/api/v1/children", { as: A, body: mariaInput });
    expect(res.status).toBe(201);
    const child = await json<TChild>(res);
    mariaId = child.id;
    expect(child.id).toMatch(/^chd_[a-z0-9]{20}$/);
    expect(child).toMatchObject({
      lastName: "Иванова",
      birthDate: "2016-09-01",
      masked: true,
      enp: "************8910",
      snils: "***-***-432 47",
      birthCertificate: { series: "**-**", number: "***321", issuedOn: "2016-09-10" },
      registryChecks: { snils: { state: "verified" }, enp: { state: "verified" } },
    });
    const list = await json<{ items: TChild[] }>(await ctx.request("GET", "/api/v1/children", { as: A }));
    expect(list.items).toEqual([child]);
  });

  it("shows the parent the documents unmasked, never cached", async () => {
    const res = await ctx.request("GET", `/api/v1/children/${mariaId}/documents`, { as: A });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await json<TChild>(res)).toMatchObject({
      masked: false,
      enp: maria.enp,
      snils: maria.snils,
      birthCertificate: { series: "IV-МЮ", number: "654321", issuedOn: "2016-09-10" },
    });
  });

  it("stores no plaintext certificate number, СНИЛС or policy digits (raw SQL read)", async () => {
    const rows = await queryRows<{ row: string }>(
      ctx.handle.db,
      sql`select row_to_json(c)::text as row from children c`,
    );
    expect(rows).toHaveLength(1);
    for (const secret of ["654321", maria.snils, maria.enp, "МЮ"]) expect(rows[0]?.row).not.toContain(secret);
  });

  it("answers every invalid field at once", async () => {
    const res = await ctx.request("POST", "/api/v1/children", {
      as: A,
      body: {
        lastName: "Ivanova Мария",
        firstName: "",
        birthDate: "2000-01-01",
        birthCertificate: { series: "IIII-МЮ", number: "65432", issuedOn: "1999-12-31" },
        enp: "",
        snils: "198-765-432 48",
      },
    });
    expect(res.status).toBe(400);
    const { error } = await json<{ error: { code: string; fields: Record<string, string> } }>(res);
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual({
      lastName: errorMessage("name_mixed_script", "ru"),
      firstName: errorMessage("name_required", "ru"),
      birthDate: PROFILE_MESSAGES.child_not_minor.ru,
      "birthCertificate.series": errorMessage("birth_certificate_series_invalid", "ru"),
      "birthCertificate.number": errorMessage("birth_certificate_number_invalid", "ru"),
      "birthCertificate.issuedOn": errorMessage("birth_certificate_issued_before_birth", "ru"),
      enp: errorMessage("enp_required", "ru"),
      snils: errorMessage("snils_checksum", "ru"),
    });
  });

  it("takes a child the day before the 18th birthday and refuses one on it", async () => {
    const today = todayInMoscow();
    const eighteenToday = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
    const input = (birthDate: string, enp: string) => ({
      ...mariaInput,
      birthDate,
      birthCertificate: { ...mariaInput.birthCertificate, issuedOn: birthDate },
      enp,
      snils: null,
    });
    const adult = await ctx.request("POST", "/api/v1/children", {
      as: C,
      body: input(eighteenToday, "1234567890123452"),
    });
    expect(adult.status).toBe(400);
    expect((await json<{ error: { fields: object } }>(adult)).error.fields).toEqual({
      birthDate: PROFILE_MESSAGES.child_not_minor.ru,
    });
    const minor = await ctx.request("POST", "/api/v1/children", {
      as: C,
      body: input(addDays(eighteenToday, 1), "1234567890123452"),
    });
    expect(minor.status).toBe(201);
    const { id } = await json<TChild>(minor);
    expect((await ctx.request("DELETE", `/api/v1/children/${id}`, { as: C })).status).toBe(204);
  });

  it("refuses a policy an adult or another child holds (409 naming the field), both ways", async () => {
    const adultsPolicy = await ctx.request("PUT", "/api/v1/profile", {
      as: B,
      body: {
        lastName: "Иванов",
        firstName: "Иван",
        birthDate: ivan.birthDate,
        sex: null,
        passport: null,
        snils: null,
        enp: ivan.enp,
        notificationChannels: [],
      },
    });
    expect(adultsPolicy.status).toBe(200);
    const childWithAdultsPolicy = await ctx.request("POST", "/api/v1/children", {
      as: A,
      body: { ...mariaInput, enp: ivan.enp, snils: null },
    });
    expect(childWithAdultsPolicy.status).toBe(409);
    expect(
      Object.keys((await json<{ error: { fields: object } }>(childWithAdultsPolicy)).error.fields),
    ).toEqual(["enp"]);

    const sameChildTwice = await ctx.request("POST", "/api/v1/children", { as: B, body: mariaInput });
    expect(sameChildTwice.status).toBe(409);

    const adultWithChildsPolicy = await ctx.request("PUT", "/api/v1/profile", {
      as: C,
      body: {
        lastName: "Иванов",
        firstName: "Иван",
        birthDate: ivan.birthDate,
        sex: null,
        passport: null,
        snils: maria.snils,
        enp: null,
        notificationChannels: [],
      },
    });
    expect(adultWithChildsPolicy.status).toBe(409);
    expect(
      Object.keys((await json<{ error: { fields: object } }>(adultWithChildsPolicy)).error.fields),
    ).toEqual(["snils"]);
    expect(
      (await json<{ items: unknown[] }>(await ctx.request("GET", "/api/v1/children", { as: B }))).items,
    ).toEqual([]);
  });

  it("updates the parent's own child, keeping its id", async () => {
    const res = await ctx.request("PUT", `/api/v1/children/${mariaId}`, {
      as: A,
      body: { ...mariaInput, firstName: "Марья", snils: null },
    });
    expect(res.status).toBe(200);
    const child = await json<TChild>(res);
    expect(child).toMatchObject({ id: mariaId, firstName: "Марья", snils: null });
    // The demo registry knows her as «Мария»: the policy no longer matches the name.
    expect(child.registryChecks.enp.state).toBe("not_found");
    expect(child.registryChecks.snils).toEqual({ state: "not_checked", checkedAt: null });
  });
});

describe("one parent can never reach another's child", () => {
  it("GET/PUT/DELETE with another parent's child id answer 404 like an unknown id, and change nothing", async () => {
    const before = await json<TChild>(
      await ctx.request("GET", `/api/v1/children/${mariaId}/documents`, { as: A }),
    );
    const unknown = "chd_00000000000000000000";
    for (const id of [mariaId, unknown]) {
      const responses = [
        await ctx.request("GET", `/api/v1/children/${id}/documents`, { as: B }),
        await ctx.request("PUT", `/api/v1/children/${id}`, {
          as: B,
          body: { ...mariaInput, enp: "1234567890123452", snils: null },
        }),
        await ctx.request("DELETE", `/api/v1/children/${id}`, { as: B }),
      ];
      for (const res of responses) {
        expect(res.status).toBe(404);
        expect((await json<{ error: { code: string } }>(res)).error.code).toBe("not_found");
      }
    }
    expect(
      (await json<{ items: unknown[] }>(await ctx.request("GET", "/api/v1/children", { as: B }))).items,
    ).toEqual([]);
    const after = await json<TChild>(
      await ctx.request("GET", `/api/v1/children/${mariaId}/documents`, { as: A }),
    );
    expect(after).toEqual(before);
    // A POST as B creates B's own child, never touches A's.
    const [row] = await ctx.handle.db.select().from(children).where(eq(children.id, mariaId));
    expect(row?.parentUserId).toBe(A.id);
  });

  it("the parent deletes their own child; it is gone after", async () => {
    expect((await ctx.request("DELETE", `/api/v1/children/${mariaId}`, { as: A })).status).toBe(204);
    expect((await ctx.request("GET", `/api/v1/children/${mariaId}/documents`, { as: A })).status).toBe(404);
    expect((await ctx.request("DELETE", `/api/v1/children/${mariaId}`, { as: A })).status).toBe(404);
  });
});

describe("endAdultChildLinks", () => {
  it("ends the link on the 18th birthday (29 February → 1 March), returns each parent once, hides them from the list", async () => {
    const deps = ctx.services;
    const add = (birthDate: string, enp: string, today: string) =>
      addChild(
        deps,
        C.id,
        {
          ...mariaInput,
          birthDate,
          birthCertificate: { ...mariaInput.birthCertificate, issuedOn: birthDate },
          enp,
          snils: null,
        },
        { locale: "ru", today },
      );
    const leap = await add("2008-02-29", "1111111111111117", "2026-01-10");
    const november = await add("2008-11-26", "2222222222222224", "2026-01-10");
    await add("2010-05-05", "3333333333333331", "2026-01-10");
    expect(anniversary("2008-02-29", 18)).toBe("2026-03-01");

    expect(await endAdultChildLinks(ctx.handle.db, "2026-02-28")).toEqual([]);
    expect(await endAdultChildLinks(ctx.handle.db, "2026-03-01")).toEqual([C.id]);
    expect(await endAdultChildLinks(ctx.handle.db, "2026-03-01")).toEqual([]);
    const listed = await listChildren(deps, C.id, { masked: true, today: "2026-03-02" });
    expect(listed.map((c) => c.id)).not.toContain(leap.id);
    expect(listed.map((c) => c.id)).toContain(november.id);

    expect(await endAdultChildLinks(ctx.handle.db, "2026-11-25")).toEqual([]);
    expect(await endAdultChildLinks(ctx.handle.db, "2026-11-26")).toEqual([C.id]);
    const [row] = await ctx.handle.db.select().from(children).where(eq(children.id, november.id));
    expect(row?.linkEndedAt).toBeInstanceOf(Date);
    expect(
      (await listChildren(deps, C.id, { masked: true, today: "2026-11-26" })).map((c) => c.birthDate),
    ).toEqual(["2010-05-05"]);
    // An ended link is out of reach like any other child.
    expect((await ctx.request("GET", `/api/v1/children/${november.id}/documents`, { as: C })).status).toBe(
      404,
    );
  });
});
