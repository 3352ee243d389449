import type { TReferral, TReferralDetail, TReferralEvent } from "@priyom/contracts";
import {
  children,
  clinics,
  referralAllowedClinics,
  referralEvents,
  referrals,
  specialties,
  type Database,
} from "@priyom/db";
import {
  daysBetween,
  errorMessage,
  isReferralValidAt,
  localDateTimeInZone,
  type DomainErrorCode,
} from "@priyom/domain";
import { and, asc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Locale } from "../../errors.ts";

type ReferralRow = typeof referrals.$inferSelect;

/** Referrals with this many days left or fewer are highlighted, and the patient is told once. */
export const EXPIRING_SOON_DAYS = 3;

/** The SQL condition "this referral is the account holder's, or one of their linked children's". */
async function ownedBy(
  db: Database,
  userId: string,
): Promise<{ where: SQL; childNames: Map<string, string> }> {
  const kids = await db
    .select({
      id: children.id,
      lastName: children.lastName,
      firstName: children.firstName,
      middleName: children.middleName,
    })
    .from(children)
    .where(and(eq(children.parentUserId, userId), isNull(children.linkEndedAt)));
  const childNames = new Map(
    kids.map((k) => [k.id, [k.lastName, k.firstName, k.middleName].filter(Boolean).join(" ")]),
  );
  const where =
    kids.length === 0
      ? eq(referrals.patientUserId, userId)
      : (or(
          eq(referrals.patientUserId, userId),
          inArray(referrals.patientChildId, [...childNames.keys()]),
        ) as SQL);
  return { where, childNames };
}

/** Why a referral cannot be booked now, or null when it can. */
function notBookable(row: ReferralRow, now: Date): DomainErrorCode | null {
  if (row.status === "booked") return "referral_already_booked";
  if (row.status === "used") return "referral_used";
  if (row.status === "withdrawn") return "referral_withdrawn";
  if (
    row.status === "expired" ||
    !isReferralValidAt({ lastValidDay: row.lastValidDay, timeZone: row.timeZone }, now)
  ) {
    return "referral_expired";
  }
  return null;
}

async function toReferrals(
  db: Database,
  rows: ReferralRow[],
  context: { accountName: string; childNames: Map<string, string>; now: Date; locale: Locale },
): Promise<TReferral[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [allowed, names] = await Promise.all([
    db
      .select({ referralId: referralAllowedClinics.referralId, clinic: clinics })
      .from(referralAllowedClinics)
      .innerJoin(clinics, eq(clinics.id, referralAllowedClinics.clinicId))
      .where(inArray(referralAllowedClinics.referralId, ids))
      .orderBy(asc(clinics.shortName)),
    db.select({ code: specialties.code, nameRu: specialties.nameRu }).from(specialties),
  ]);
  const specialtyName = new Map(names.map((s) => [s.code, s.nameRu]));
  return rows.map((row) => {
    const today = localDateTimeInZone(context.now, row.timeZone).localDate;
    const daysLeft = daysBetween(today, row.lastValidDay);
    const reason = notBookable(row, context.now);
    const childName = row.patientChildId ? context.childNames.get(row.patientChildId) : undefined;
    return {
      id: row.id,
      number: row.number,
      status: row.status === "active" && reason === "referral_expired" ? "expired" : row.status,
      patient: childName
        ? { kind: "child" as const, childId: row.patientChildId, name: childName }
        : { kind: "self" as const, childId: null, name: context.accountName },
      specialty: {
        code: row.specialtyCode,
        nameRu: specialtyName.get(row.specialtyCode) ?? row.specialtyCode,
      },
      issuingClinic: { id: row.issuingClinicId, ...row.issuingClinicSnapshot },
      allowedClinics: allowed
        .filter((a) => a.referralId === row.id)
        .map((a) => ({
          id: a.clinic.id,
          shortName: a.clinic.shortName,
          fullName: a.clinic.fullName,
          address: a.clinic.address,
          timeZone: a.clinic.timeZone,
        })),
      urgency: row.urgency,
      kind: row.kind,
      diagnosisCode: row.diagnosisCode,
      issuingDoctor: row.issuingDoctor,
      issuedOn: row.issuedOn,
      lastValidDay: row.lastValidDay,
      timeZone: row.timeZone,
      daysLeft,
      expiringSoon: reason === null && daysLeft <= EXPIRING_SOON_DAYS,
      bookable: reason === null,
      notBookableReason:
        reason === null ? null : { code: reason, message: errorMessage(reason, context.locale) },
    };
  });
}

/** The patient's referrals and their children's, newest first. */
export async function listPatientReferrals(
  db: Database,
  user: { id: string; name: string },
  now: Date,
  locale: Locale,
): Promise<TReferral[]> {
  const { where, childNames } = await ownedBy(db, user.id);
  const rows = await db.select().from(referrals).where(where).orderBy(asc(referrals.lastValidDay));
  return toReferrals(db, rows, { accountName: user.name, childNames, now, locale });
}

function actorLabel(actor: string, clinicNames: Map<string, string>, userId: string, locale: Locale): string {
  if (actor === "system") return locale === "en" ? "System" : "Система";
  const [kind, id = ""] = actor.split(":");
  if (kind === "clinic") return clinicNames.get(id) ?? (locale === "en" ? "Clinic" : "Поликлиника");
  if (kind === "staff") return locale === "en" ? "Clinic staff" : "Сотрудник поликлиники";
  if (kind === "patient")
    return id === userId ? (locale === "en" ? "You" : "Вы") : locale === "en" ? "Patient" : "Пациент";
  return locale === "en" ? "Administrator" : "Администратор";
}

/**
 * One referral of this patient (or their child) with its history, found by id or by number +
 * issue date; `null` when it is not theirs — callers answer that exactly like "does not exist".
 */
export async function findPatientReferral(
  db: Database,
  user: { id: string; name: string },
  match: { id: string } | { number: string; issuedOn: string },
  now: Date,
  locale: Locale,
): Promise<TReferralDetail | null> {
  const { where, childNames } = await ownedBy(db, user.id);
  const identity =
    "id" in match
      ? eq(referrals.id, match.id)
      : and(eq(referrals.number, match.number), eq(referrals.issuedOn, match.issuedOn));
  const [row] = await db.select().from(referrals).where(and(where, identity)).limit(1);
  if (!row) return null;
  const [view] = await toReferrals(db, [row], { accountName: user.name, childNames, now, locale });
  if (!view) return null;
  const events = await db
    .select()
    .from(referralEvents)
    .where(eq(referralEvents.referralId, row.id))
    .orderBy(asc(referralEvents.at), asc(referralEvents.id));
  const clinicNames = new Map([[row.issuingClinicId, row.issuingClinicSnapshot.shortName]]);
  const history: TReferralEvent[] = events.map((e) => ({
    at: e.at.toISOString(),
    kind: e.kind,
    actor: actorLabel(e.actor, clinicNames, user.id, locale),
    reason: e.reason,
  }));
  return { ...view, history };
}
