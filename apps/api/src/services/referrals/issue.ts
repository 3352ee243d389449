import { createHash, createHmac, randomBytes } from "node:crypto";
import type { TClinicReferral, TReferralIssueRequest } from "@priyom/contracts";
import {
  ageOn,
  checkEnp,
  checkPersonName,
  checkReferralNumber,
  checkSnils,
  DEFAULT_REFERRAL_POLICY,
  isSpecialtyCode,
  localDateTimeInZone,
  parseDateInput,
  referralLastValidDay,
  specialtyServesAge,
  type ReferralPolicy,
} from "@priyom/domain";
import { clinics, referralAllowedClinics, referralEvents, referrals, type Database } from "@priyom/db";
import { eq, inArray } from "drizzle-orm";
import type { AppServices } from "../../context.ts";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { clinicReferralView } from "./clinic-view.ts";
import { findReferralPatient } from "./matching.ts";

export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9]{1,2})?$/;

export type IssueDeps = Pick<AppServices, "db" | "cipher" | "codeSecret">;

export interface IssueReferralInput {
  /** The issuing clinic: the key's clinic, or the staff member's. */
  clinicId: string;
  /** `clinic:<clinicId>` or `staff:<userId>`, recorded on the `issued` event. */
  actor: string;
  request: TReferralIssueRequest;
  locale: Locale;
  policy?: ReferralPolicy;
  now?: Date;
}

export interface IssueReferralResult {
  /** `false`: the same request was issued before and this is that referral (idempotent repeat). */
  created: boolean;
  referral: TClinicReferral;
}

/** A referral request after validation: what is stored, plus the canonical payload's hash. */
interface NormalizedIssue {
  number: string;
  issuedOn: string;
  lastValidDay: string;
  validityDays: number;
  enpHash: string;
  snilsHash: string | null;
  specialtyCode: string;
  allowedClinicIds: string[];
  urgency: TReferralIssueRequest["urgency"];
  kind: TReferralIssueRequest["kind"];
  diagnosisCode: string;
  issuingDoctor: string;
  timeZone: string;
  snapshot: { fullName: string; shortName: string; ogrn: string; address: string };
  payloadHash: string;
}

const MESSAGES = {
  issuedInFuture: {
    ru: "Дата выдачи направления не может быть в будущем",
    en: "The referral issue date cannot be in the future",
  },
  alreadyExpired: {
    ru: "Срок действия направления с такой датой выдачи уже истёк",
    en: "A referral with this issue date has already expired",
  },
  birthDateInvalid: {
    ru: "Неверная дата рождения: укажите ДД.ММ.ГГГГ",
    en: "Wrong birth date: use DD.MM.YYYY",
  },
  birthAfterIssue: {
    ru: "Дата рождения не может быть позже даты выдачи направления",
    en: "The birth date cannot be after the issue date",
  },
  specialtyUnknown: {
    ru: "Неизвестная специальность: укажите код из справочника специальностей",
    en: "Unknown specialty: use a code from the specialty list",
  },
  specialtyAge: {
    ru: "Направление к педиатру выдаётся только пациентам младше 18 лет",
    en: "A pediatrician referral is only for patients under 18",
  },
  diagnosisInvalid: {
    ru: "Код диагноза по МКБ-10: буква и две цифры, например J45 или J45.1",
    en: "ICD-10 code: a letter and two digits, e.g. J45 or J45.1",
  },
  doctorRequired: { ru: "Укажите выдавшего направление врача", en: "Name the issuing doctor" },
  allowedEmpty: {
    ru: "Укажите хотя бы одну поликлинику, где действует направление",
    en: "Name at least one clinic where the referral can be used",
  },
  allowedUnknown: { ru: "Поликлиника не найдена", en: "Clinic not found" },
} as const;

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Case- and ё/е-insensitive form of a checked name, as a policy holder's name is compared. */
const nameKey = (name: string) => name.toLowerCase().replace(/ё/g, "е");

/**
 * Checks every field of an issue request (all errors at once) and normalises it. The patient's
 * names and birth date are used for validation only (and, keyed-hashed, in the payload hash); the
 * policy and СНИЛС survive only as keyed look-up hashes. Nothing personal is stored in plaintext.
 */
async function normalizeIssue(
  deps: IssueDeps,
  clinicId: string,
  request: TReferralIssueRequest,
  locale: Locale,
  policy: ReferralPolicy,
  now: Date,
): Promise<NormalizedIssue> {
  const [clinic] = await deps.db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) throw new AppError("not_found", { logMessage: "issuing clinic does not exist" });
  const today = localDateTimeInZone(now, clinic.timeZone).localDate;
  const errors = new FieldErrors(locale);

  const number = errors.check("number", checkReferralNumber(request.number));
  let issuedOn: string | undefined = parseDateInput(request.issuedOn) ?? undefined;
  if (issuedOn === undefined) errors.addDomain("issuedOn", "referral_issue_date_invalid");
  else if (issuedOn > today) {
    errors.addLocal("issuedOn", MESSAGES.issuedInFuture);
    issuedOn = undefined;
  }

  const p = request.patient;
  const enp = errors.check("patient.enp", checkEnp(p.enp));
  const snils =
    p.snils !== undefined && p.snils.trim() !== ""
      ? errors.check("patient.snils", checkSnils(p.snils))
      : null;
  const lastName = errors.check("patient.lastName", checkPersonName(p.lastName));
  const firstName = errors.check("patient.firstName", checkPersonName(p.firstName));
  const middleName =
    p.middleName !== undefined && p.middleName.trim() !== ""
      ? errors.check("patient.middleName", checkPersonName(p.middleName))
      : "";
  const birthDate = parseDateInput(p.birthDate);
  if (birthDate === null) errors.addLocal("patient.birthDate", MESSAGES.birthDateInvalid);
  else if (birthDate > (issuedOn ?? today)) errors.addLocal("patient.birthDate", MESSAGES.birthAfterIssue);

  const specialty = request.specialty.trim();
  if (!isSpecialtyCode(specialty)) errors.addLocal("specialty", MESSAGES.specialtyUnknown);
  else if (birthDate !== null && !specialtyServesAge(specialty, ageOn(birthDate, issuedOn ?? today))) {
    errors.addLocal("specialty", MESSAGES.specialtyAge);
  }

  let lastValidDay: string | undefined;
  const validityDays = request.validityDays ?? policy.defaultDays[request.kind];
  if (issuedOn !== undefined) {
    lastValidDay = errors.check(
      "validityDays",
      referralLastValidDay({ issuedOn, kind: request.kind, validityDays }, policy),
    );
    if (lastValidDay !== undefined && lastValidDay < today)
      errors.addLocal("issuedOn", MESSAGES.alreadyExpired);
  }

  const diagnosisCode = request.diagnosisCode.trim().toUpperCase();
  if (!ICD10_CODE.test(diagnosisCode)) errors.addLocal("diagnosisCode", MESSAGES.diagnosisInvalid);
  const issuingDoctor = request.issuingDoctor.replace(/\s+/g, " ").trim();
  if (issuingDoctor === "") errors.addLocal("issuingDoctor", MESSAGES.doctorRequired);

  const allowedClinicIds = [
    ...new Set((request.allowedClinicIds ?? [clinicId]).map((id) => id.trim())),
  ].sort();
  if (allowedClinicIds.length === 0) errors.addLocal("allowedClinicIds", MESSAGES.allowedEmpty);
  else {
    const found = await deps.db
      .select({ id: clinics.id })
      .from(clinics)
      .where(inArray(clinics.id, allowedClinicIds));
    const known = new Set(found.map((c) => c.id));
    const unknown = allowedClinicIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      errors.addLocal("allowedClinicIds", {
        ru: `${MESSAGES.allowedUnknown.ru}: ${unknown.join(", ")}`,
        en: `${MESSAGES.allowedUnknown.en}: ${unknown.join(", ")}`,
      });
    }
  }
  errors.throwIfAny();
  if (
    number === undefined ||
    issuedOn === undefined ||
    lastValidDay === undefined ||
    enp === undefined ||
    snils === undefined ||
    lastName === undefined ||
    firstName === undefined ||
    middleName === undefined ||
    birthDate === null
  ) {
    throw new Error("validation passed with a missing value");
  }

  const enpHash = deps.cipher.lookupHash("enp", enp);
  const snilsHash = snils === null ? null : deps.cipher.lookupHash("snils", snils);
  // Keyed, so the stored payload hash cannot be used to guess names and birth dates.
  const personHash = createHmac("sha256", deps.codeSecret)
    .update(
      `referral-person:${canonicalJson([nameKey(lastName), nameKey(firstName), nameKey(middleName), birthDate])}`,
    )
    .digest("hex");
  const canonical = {
    v: 1,
    clinicId,
    number,
    issuedOn,
    patient: { enpHash, snilsHash, personHash },
    specialty,
    allowedClinicIds,
    urgency: request.urgency,
    kind: request.kind,
    validityDays,
    diagnosisCode,
    issuingDoctor,
  };
  return {
    number,
    issuedOn,
    lastValidDay,
    validityDays,
    enpHash,
    snilsHash,
    specialtyCode: specialty,
    allowedClinicIds,
    urgency: request.urgency,
    kind: request.kind,
    diagnosisCode,
    issuingDoctor,
    timeZone: clinic.timeZone,
    snapshot: {
      fullName: clinic.fullName,
      shortName: clinic.shortName,
      ogrn: clinic.ogrn,
      address: clinic.address,
    },
    payloadHash: createHash("sha256").update(canonicalJson(canonical)).digest("hex"),
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The answer for a number that exists: the same clinic and payload → that referral (200); anything
 * else → 409 `conflict`, saying nothing about whose number it is.
 */
async function existingAnswer(
  db: Database,
  clinicId: string,
  normalized: NormalizedIssue,
  locale: Locale,
): Promise<IssueReferralResult | null> {
  const [existing] = await db.select().from(referrals).where(eq(referrals.number, normalized.number));
  if (!existing) return null;
  if (existing.issuingClinicId !== clinicId || existing.payloadHash !== normalized.payloadHash) {
    throw new AppError("conflict", {
      logMessage: "referral number reused with another payload",
      message:
        locale === "en"
          ? "A referral with this number has already been issued with other data"
          : "Направление с этим номером уже выдано с другими данными",
    });
  }
  return { created: false, referral: await clinicReferralView(db, existing) };
}

/**
 * Issues a referral (DOMAIN.md "Referrals"), idempotent by number: new → created; the same
 * payload again → the existing referral; another payload (or another clinic's number) → 409.
 * The referral, its allowed clinics, the `issued` event and — when a registered patient matches by
 * policy or СНИЛС — the patient and a `matched` event are written in one transaction; with no
 * match the referral waits (`attachWaitingReferrals` picks it up when the patient saves the policy).
 * Two identical requests racing: the unique index on the number lets one insert win, the other
 * re-reads and answers like a repeat.
 */
export async function issueReferral(
  deps: IssueDeps,
  input: IssueReferralInput,
): Promise<IssueReferralResult> {
  const policy = input.policy ?? DEFAULT_REFERRAL_POLICY;
  const normalized = await normalizeIssue(
    deps,
    input.clinicId,
    input.request,
    input.locale,
    policy,
    input.now ?? new Date(),
  );
  const repeat = await existingAnswer(deps.db, input.clinicId, normalized, input.locale);
  if (repeat) return repeat;

  const id = `ref_${randomBytes(10).toString("hex")}`;
  try {
    const row = await deps.db.transaction(async (tx) => {
      const patient = await findReferralPatient(tx, {
        enpHash: normalized.enpHash,
        snilsHash: normalized.snilsHash,
      });
      const [inserted] = await tx
        .insert(referrals)
        .values({
          id,
          number: normalized.number,
          issuedOn: normalized.issuedOn,
          issuingClinicId: input.clinicId,
          issuingClinicSnapshot: normalized.snapshot,
          timeZone: normalized.timeZone,
          enpHash: normalized.enpHash,
          snilsHash: normalized.snilsHash,
          patientUserId: patient?.userId ?? null,
          patientChildId: patient?.childId ?? null,
          specialtyCode: normalized.specialtyCode,
          urgency: normalized.urgency,
          kind: normalized.kind,
          diagnosisCode: normalized.diagnosisCode,
          issuingDoctor: normalized.issuingDoctor,
          validityDays: normalized.validityDays,
          lastValidDay: normalized.lastValidDay,
          payloadHash: normalized.payloadHash,
        })
        .returning();
      if (!inserted) throw new Error("referral insert returned nothing");
      await tx
        .insert(referralAllowedClinics)
        .values(normalized.allowedClinicIds.map((clinicId) => ({ referralId: id, clinicId })));
      await tx.insert(referralEvents).values([
        {
          referralId: id,
          kind: "issued" as const,
          actor: input.actor,
          details: { validityDays: normalized.validityDays, lastValidDay: normalized.lastValidDay },
        },
        ...(patient ? [{ referralId: id, kind: "matched" as const, actor: "system" }] : []),
      ]);
      return inserted;
    });
    return { created: true, referral: await clinicReferralView(deps.db, row) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existingAnswer(deps.db, input.clinicId, normalized, input.locale);
    if (raced) return raced;
    throw error;
  }
}

/**
 * `AppServices.issueReportedReferral` for «Обновить сведения»: issues what a clinic's source
 * reported under that clinic (actor `clinic:<id>`); true when it was new. A number the clinic
 * already issued with other data (409) is left alone (false); invalid data still throws.
 */
export function reportedReferralIssuer(deps: IssueDeps) {
  return async (item: { clinicId: string; request: TReferralIssueRequest }): Promise<boolean> => {
    try {
      const result = await issueReferral(deps, {
        clinicId: item.clinicId,
        actor: `clinic:${item.clinicId}`,
        request: item.request,
        locale: "ru",
      });
      return result.created;
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") return false;
      throw error;
    }
  };
}
