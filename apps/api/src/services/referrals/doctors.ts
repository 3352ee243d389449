import { randomBytes } from "node:crypto";
import type { TClinicDoctorUpsert, TDoctor } from "@priyom/contracts";
import { checkPersonName, isSpecialtyCode } from "@priyom/domain";
import { doctors, type Database } from "@priyom/db";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Locale } from "../../errors.ts";
import { FieldErrors, type LocalMessage } from "../../validation.ts";

type DoctorRow = typeof doctors.$inferSelect;

const REQUIRED: LocalMessage = { ru: "Заполните поле", en: "This field is required" };
const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function toDoctor(row: DoctorRow): TDoctor {
  return {
    id: row.id,
    clinicId: row.clinicId,
    externalId: row.externalId,
    lastName: row.lastName,
    firstName: row.firstName,
    middleName: row.middleName,
    specialty: row.specialtyCode,
    qualification: row.qualification,
    licenceNumber: row.licenceNumber,
    room: row.room,
    visitModes: row.visitModes,
  };
}

/**
 * Publishes a doctor of `clinicId` under the clinic's own id (`externalId`): created the first
 * time, updated (same `doc_…` id) after. Every field is checked and all errors answered at once.
 * The clinic comes from the caller's key or staff row, never from the request, so a clinic can
 * only ever write its own doctors.
 */
export async function upsertDoctor(
  db: Database,
  clinicId: string,
  externalIdInput: string,
  input: TClinicDoctorUpsert,
  locale: Locale,
): Promise<{ created: boolean; doctor: TDoctor }> {
  const errors = new FieldErrors(locale);
  const externalId = externalIdInput.trim();
  if (!EXTERNAL_ID.test(externalId)) {
    errors.addLocal("externalId", {
      ru: "Идентификатор врача: до 64 латинских букв, цифр и знаков . _ : -",
      en: "Doctor id: up to 64 Latin letters, digits and . _ : -",
    });
  } else if (input.externalId.trim() !== externalId) {
    errors.addLocal("externalId", {
      ru: "Идентификатор врача в адресе и в теле запроса должен совпадать",
      en: "The doctor id in the path and in the body must match",
    });
  }
  const lastName = errors.check("lastName", checkPersonName(input.lastName));
  const firstName = errors.check("firstName", checkPersonName(input.firstName));
  const middleName =
    input.middleName !== undefined && input.middleName.trim() !== ""
      ? errors.check("middleName", checkPersonName(input.middleName))
      : null;
  const specialty = input.specialty.trim();
  if (!isSpecialtyCode(specialty)) {
    errors.addLocal("specialty", {
      ru: "Неизвестная специальность: укажите код из справочника специальностей",
      en: "Unknown specialty: use a code from the specialty list",
    });
  }
  const text = (field: "qualification" | "licenceNumber" | "room") => {
    const value = input[field].replace(/\s+/g, " ").trim();
    if (value === "") errors.addLocal(field, REQUIRED);
    return value;
  };
  const qualification = text("qualification");
  const licenceNumber = text("licenceNumber");
  const room = text("room");
  errors.throwIfAny();
  if (lastName === undefined || firstName === undefined || middleName === undefined) {
    throw new Error("validation passed with a missing name");
  }
  const values = {
    lastName,
    firstName,
    middleName,
    specialtyCode: specialty,
    qualification,
    licenceNumber,
    room,
    visitModes: [...new Set(input.visitModes)],
  };
  const before = await findDoctor(db, clinicId, externalId);
  const [row] = await db
    .insert(doctors)
    .values({ id: `doc_${randomBytes(10).toString("hex")}`, clinicId, externalId, ...values })
    .onConflictDoUpdate({
      target: [doctors.clinicId, doctors.externalId],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error("doctor upsert returned nothing");
  return { created: before === null, doctor: toDoctor(row) };
}

export async function listDoctors(db: Database, clinicId: string): Promise<TDoctor[]> {
  const rows = await db
    .select()
    .from(doctors)
    .where(eq(doctors.clinicId, clinicId))
    .orderBy(asc(doctors.lastName), asc(doctors.firstName), asc(doctors.id));
  return rows.map(toDoctor);
}

export async function findDoctor(
  db: Database,
  clinicId: string,
  externalId: string,
): Promise<TDoctor | null> {
  const [row] = await db
    .select()
    .from(doctors)
    .where(and(eq(doctors.clinicId, clinicId), eq(doctors.externalId, externalId)));
  return row ? toDoctor(row) : null;
}
