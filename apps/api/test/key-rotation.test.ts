// Key rotation (issue 8): rows written under key k1 (some still in the legacy v1 format) are
// re-encrypted under k2 by `rotateDataKey` while the API keeps writing; every value reads back the
// same, look-up hashes are unchanged, a concurrent edit is not lost, and a second run changes nothing.
import { createCipheriv, randomBytes } from "node:crypto";
import { children, clinics, patientProfiles, queryRows } from "@priyom/db";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { createFieldCipher, fieldContext, parseDataKey } from "../src/crypto/index.ts";
import { rotateDataKey } from "../src/crypto/rotate.ts";
import { createBulkPatients, type BulkPatient } from "../src/seed/bulk-patients.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

/** The 10,000 rows in both modes: ~10 s of rotation on PGlite (README has the figures). */
const SIZE = { patients: 10_000, legacy: 200 };

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const k1Only = createFieldCipher(parseDataKey(`k1:${OLD.toString("base64")}`));
const k2Only = createFieldCipher(parseDataKey(`k2:${NEW.toString("base64")}`));

/** A value exactly as the previous release (format v1, AAD without the row) wrote it. */
function legacyV1(plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", OLD, iv);
  c.setAAD(Buffer.from("v1.k1"));
  const body = Buffer.concat([c.update(plaintext, "utf8"), c.final(), c.getAuthTag()]);
  return `v1.k1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

interface Snapshot {
  snils: string;
  enp: string;
  snilsHash: string | null;
  enpHash: string | null;
}

let ctx: TestContext;
let patients: BulkPatient[] = [];
const before = new Map<string, Snapshot>();
let childId = "";
let childEnp = "";

async function staleRows(prefix: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.handle.db,
    sql`select (
      (select count(*) from patient_profiles where passport_enc not like ${prefix}
         or snils_enc not like ${prefix} or enp_enc not like ${prefix})
      + (select count(*) from children where birth_certificate_enc not like ${prefix}
         or enp_enc not like ${prefix} or snils_enc not like ${prefix}))::int as n`,
  );
  return row?.n ?? -1;
}

beforeAll(async () => {
  // The API runs with the new key first (it writes under k2 and still reads k1), as after the
  // operator's restart; the data was written under k1 before.
  ctx = await createTestContext({ dataKey: `k2:${NEW.toString("base64")},k1:${OLD.toString("base64")}` });
  const [clinic] = await ctx.handle.db
    .select({ id: clinics.id })
    .from(clinics)
    .orderBy(asc(clinics.id))
    .limit(1);
  if (!clinic) throw new Error("no clinic seeded");
  const started = Date.now();
  patients = await createBulkPatients(
    { db: ctx.handle.db, cipher: k1Only },
    { count: SIZE.patients, specialties: [], issuingClinicId: clinic.id, allowedClinicIds: [clinic.id] },
  );
  // Some rows from before row binding: the legacy format.
  for (const p of patients.slice(0, SIZE.legacy)) {
    const [row] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, p.userId));
    const snils = k1Only.decrypt(row?.snilsEnc ?? "", fieldContext("patient_profiles.snils_enc", p.userId));
    await ctx.handle.db
      .update(patientProfiles)
      .set({ snilsEnc: legacyV1(snils) })
      .where(eq(patientProfiles.userId, p.userId));
  }
  const rows = await ctx.handle.db.select().from(patientProfiles);
  for (const row of rows) {
    before.set(row.userId, {
      snils: ctx.services.cipher.decrypt(
        row.snilsEnc ?? "",
        fieldContext("patient_profiles.snils_enc", row.userId),
      ),
      enp: ctx.services.cipher.decrypt(
        row.enpEnc ?? "",
        fieldContext("patient_profiles.enp_enc", row.userId),
      ),
      snilsHash: row.snilsHash,
      enpHash: row.enpHash,
    });
  }
  // A child written under k1 too (the children table is rotated as well).
  const parent = patients[SIZE.patients - 1];
  if (!parent) throw new Error("no patients");
  const res = await ctx.request("POST", "/api/v1/children", {
    as: { id: parent.userId, role: "patient", sessionId: `ses_${parent.userId}` },
    body: {
      lastName: "Тестовая",
      firstName: "Вера",
      middleName: "Ивановна",
      birthDate: "01.09.2016",
      birthCertificate: { series: "IV - МЮ", number: "572 618", issuedOn: "2016-09-10" },
      enp: "5091234567890128",
      snils: null,
    },
  });
  expect(res.status).toBe(201);
  const [child] = await ctx.handle.db.select().from(children).where(eq(children.parentUserId, parent.userId));
  if (!child) throw new Error("no child");
  childId = child.id;
  childEnp = "5091234567890128";
  // The API wrote it under k2: put it back under k1 as an older release would have.
  await ctx.handle.db
    .update(children)
    .set({
      enpEnc: k1Only.encrypt(childEnp, fieldContext("children.enp_enc", childId)),
      birthCertificateEnc: legacyV1(
        JSON.stringify({ series: "IV-МЮ", number: "572618", issuedOn: "2016-09-10" }),
      ),
    })
    .where(eq(children.id, childId));
  process.stdout.write(`key rotation: ${SIZE.patients} patients seeded in ${Date.now() - started} ms\n`);
}, 600_000);
afterAll(() => ctx.close());

describe(`rotate-data-key over ${SIZE.patients} patients`, () => {
  it("re-encrypts every row under k2 while the API edits one of them; values and hashes unchanged", async () => {
    expect(await staleRows("v2.k2.%")).toBe(SIZE.patients + 1);
    const editor = patients[1];
    if (!editor) throw new Error("no patients");
    const as: SessionUser = { id: editor.userId, role: "patient", sessionId: `ses_${editor.userId}` };
    const policies = ["1234567890123452", "7700000000123453"];
    let edits = 0;
    let rotating = true;
    // The API keeps serving: the same patient edits their profile again and again during the run.
    const editing = (async () => {
      while (rotating || edits < 2) {
        const res = await ctx.request("PUT", "/api/v1/profile", {
          as,
          body: {
            lastName: "Тестовый",
            firstName: "Пациент",
            birthDate: "1985-06-15",
            sex: "male",
            passport: null,
            snils: null,
            enp: policies[edits % 2],
            notificationChannels: ["cabinet"],
          },
        });
        expect(res.status).toBe(200);
        edits++;
      }
    })();
    const started = Date.now();
    const result = await rotateDataKey({ db: ctx.handle.db, cipher: ctx.services.cipher });
    const elapsed = Date.now() - started;
    rotating = false;
    await editing;
    process.stdout.write(
      `key rotation: ${JSON.stringify(result)} in ${elapsed} ms (${SIZE.patients} patients, ${edits} concurrent edits)\n`,
    );
    const profiles = result.patient_profiles;
    expect(profiles?.undecryptable).toBe(0);
    expect(result.children).toEqual({ rewritten: 1, changedConcurrently: 0, undecryptable: 0 });
    // The edited row was either rewritten by the API (not stale any more) or by the rotation.
    expect((profiles?.rewritten ?? 0) + (profiles?.changedConcurrently ?? 0)).toBeGreaterThanOrEqual(
      SIZE.patients - 1,
    );
    expect(await staleRows("v2.k2.%")).toBe(0);

    // Every value reads back equal — with k2 alone: no stored value needs k1 any more.
    const rows = await ctx.handle.db.select().from(patientProfiles);
    let compared = 0;
    for (const row of rows) {
      const was = before.get(row.userId);
      if (!was) continue;
      if (row.userId === editor.userId) {
        // The last edit wins: nothing the API wrote during the rotation was lost.
        expect(k2Only.decrypt(row.enpEnc ?? "", fieldContext("patient_profiles.enp_enc", row.userId))).toBe(
          policies[(edits - 1) % 2],
        );
        expect(row.snilsEnc).toBeNull();
        continue;
      }
      expect(k2Only.decrypt(row.snilsEnc ?? "", fieldContext("patient_profiles.snils_enc", row.userId))).toBe(
        was.snils,
      );
      expect(k2Only.decrypt(row.enpEnc ?? "", fieldContext("patient_profiles.enp_enc", row.userId))).toBe(
        was.enp,
      );
      expect(row.snilsHash).toBe(was.snilsHash);
      expect(row.enpHash).toBe(was.enpHash);
      compared++;
    }
    expect(compared).toBe(SIZE.patients - 1);
    const [child] = await ctx.handle.db.select().from(children).where(eq(children.id, childId));
    expect(k2Only.decrypt(child?.enpEnc ?? "", fieldContext("children.enp_enc", childId))).toBe(childEnp);
    expect(
      JSON.parse(
        k2Only.decrypt(
          child?.birthCertificateEnc ?? "",
          fieldContext("children.birth_certificate_enc", childId),
        ),
      ),
    ).toEqual({ series: "IV-МЮ", number: "572618", issuedOn: "2016-09-10" });
  }, 600_000);

  it("a second run changes nothing", async () => {
    const again = await rotateDataKey({ db: ctx.handle.db, cipher: ctx.services.cipher });
    expect(again).toEqual({
      patient_profiles: { rewritten: 0, changedConcurrently: 0, undecryptable: 0 },
      children: { rewritten: 0, changedConcurrently: 0, undecryptable: 0 },
    });
  });

  it("a row edited between the rotation's read and write keeps the edit (compare-and-set)", async () => {
    // A policy no other test sets: the first test's editor ends holding one of its two policies,
    // which one depending on timing, and a policy belongs to one patient only (409 otherwise).
    const EDITED_POLICY = "5500000000123459";
    const three = patients.slice(10, 13);
    for (const p of three) {
      const was = before.get(p.userId);
      await ctx.handle.db
        .update(patientProfiles)
        .set({ enpEnc: k1Only.encrypt(was?.enp ?? "", fieldContext("patient_profiles.enp_enc", p.userId)) })
        .where(eq(patientProfiles.userId, p.userId));
    }
    let edited = "";
    const result = await rotateDataKey(
      { db: ctx.handle.db, cipher: ctx.services.cipher },
      {
        afterRead: async (table, keys) => {
          if (table !== "patient_profiles" || edited !== "") return;
          edited = keys[0] ?? "";
          const res = await ctx.request("PUT", "/api/v1/profile", {
            as: { id: edited, role: "patient", sessionId: `ses_${edited}` },
            body: {
              lastName: "Тестовый",
              firstName: "Пациент",
              birthDate: "1985-06-15",
              sex: "male",
              passport: null,
              snils: null,
              enp: EDITED_POLICY,
              notificationChannels: ["cabinet"],
            },
          });
          expect(res.status).toBe(200);
        },
      },
    );
    expect(three.map((p) => p.userId)).toContain(edited);
    expect(result.patient_profiles).toEqual({ rewritten: 2, changedConcurrently: 1, undecryptable: 0 });
    const [row] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, edited));
    expect(k2Only.decrypt(row?.enpEnc ?? "", fieldContext("patient_profiles.enp_enc", edited))).toBe(
      EDITED_POLICY,
    );
    expect(await staleRows("v2.k2.%")).toBe(0);
  });

  it("a value that does not decrypt is counted and left as is, not overwritten", async () => {
    const victim = patients[2];
    if (!victim) throw new Error("no patients");
    const [row] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, victim.userId));
    const other = patients[3];
    const [donor] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, other?.userId ?? ""));
    // A k1-era value moved from another row: stale and not decryptable here.
    const moved = k1Only.encrypt(
      "11223344595",
      fieldContext("patient_profiles.snils_enc", donor?.userId ?? ""),
    );
    await ctx.handle.db
      .update(patientProfiles)
      .set({ snilsEnc: moved })
      .where(eq(patientProfiles.userId, victim.userId));
    const result = await rotateDataKey({ db: ctx.handle.db, cipher: ctx.services.cipher });
    expect(result.patient_profiles).toEqual({ rewritten: 0, changedConcurrently: 0, undecryptable: 1 });
    const [after] = await ctx.handle.db
      .select()
      .from(patientProfiles)
      .where(eq(patientProfiles.userId, victim.userId));
    expect(after?.snilsEnc).toBe(moved);
    await ctx.handle.db
      .update(patientProfiles)
      .set({ snilsEnc: row?.snilsEnc ?? null })
      .where(eq(patientProfiles.userId, victim.userId));
  });
});
