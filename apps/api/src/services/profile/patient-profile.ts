import type { TProfile, TProfileUpdateRequest } from "@priyom/contracts";
import { children, patientProfiles, user, type Database } from "@priyom/db";
import { checkEnp, passportExpiresOn } from "@priyom/domain";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { fieldContext, type FieldCipher } from "../../crypto/field-cipher.ts";
import { AppError, type Locale } from "../../errors.ts";
import {
  checkAccountHolderBirthDate,
  checkName,
  checkOptionalName,
  checkOptionalSnils,
  checkPassportFields,
  todayInMoscow,
} from "./checks.ts";
import { FieldErrors } from "../../validation.ts";
import { attachWaitingReferrals } from "../referrals/matching.ts";
import { identifierTaken, uniqueViolation } from "./field-errors.ts";
import { maskEnp, maskPassport, maskSnils } from "./masking.ts";
import { checkIdentifiers, type ProfileDeps } from "./registry-checks.ts";

type ProfileRow = typeof patientProfiles.$inferSelect;

interface StoredPassport {
  series: string;
  number: string;
  departmentCode: string;
  issuedOn: string;
}

/**
 * Creates the profile row of a new account, inside the sign-up transaction (pass its `tx`). The
 * values must already be validated (names by `checkPersonName`, the date as YYYY-MM-DD).
 */
export async function createPatientProfile(
  tx: Database,
  userId: string,
  input: { lastName: string; firstName: string; middleName: string | null; birthDate: string },
): Promise<void> {
  await tx.insert(patientProfiles).values({
    userId,
    lastName: input.lastName,
    firstName: input.firstName,
    middleName: input.middleName === "" ? null : input.middleName,
    birthDate: input.birthDate,
  });
}

async function loadRow(db: Database, userId: string) {
  const [row] = await db
    .select({ profile: patientProfiles, phone: user.phoneNumber, email: user.email })
    .from(patientProfiles)
    .innerJoin(user, eq(user.id, patientProfiles.userId))
    .where(eq(patientProfiles.userId, userId));
  return row;
}

/** The API shape of a stored profile: documents decrypted, and masked unless `masked` is false. */
export function toProfile(
  cipher: FieldCipher,
  row: { profile: ProfileRow; phone: string | null; email: string },
  masked: boolean,
): TProfile {
  const p = row.profile;
  const snils =
    p.snilsEnc === null
      ? null
      : cipher.decrypt(p.snilsEnc, fieldContext("patient_profiles.snils_enc", p.userId));
  const enp =
    p.enpEnc === null ? null : cipher.decrypt(p.enpEnc, fieldContext("patient_profiles.enp_enc", p.userId));
  const passport =
    p.passportEnc === null
      ? null
      : (JSON.parse(
          cipher.decrypt(p.passportEnc, fieldContext("patient_profiles.passport_enc", p.userId)),
        ) as StoredPassport);
  return {
    userId: p.userId,
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: p.birthDate,
    sex: p.sex,
    phone: row.phone ?? "",
    // Phone-first accounts carry a placeholder address on a reserved domain: not the patient's.
    email: row.email.endsWith(".invalid") ? "" : row.email,
    passport:
      passport === null
        ? null
        : {
            ...passport,
            ...(masked ? maskPassport(passport) : {}),
            expiresOn: passportExpiresOn(passport.issuedOn, p.birthDate),
          },
    snils: snils === null ? null : masked ? maskSnils(snils) : snils,
    enp: enp === null ? null : masked ? maskEnp(enp) : enp,
    masked,
    notificationChannels: p.notificationChannels,
    complete: snils !== null && enp !== null,
    registryChecks: {
      snils: { state: p.snilsCheckState, checkedAt: p.snilsCheckedAt?.toISOString() ?? null },
      enp: { state: p.enpCheckState, checkedAt: p.enpCheckedAt?.toISOString() ?? null },
    },
  };
}

/** The signed-in patient's profile; 404 when the account has none (e.g. staff accounts). */
export async function getProfile(
  deps: Pick<ProfileDeps, "db" | "cipher">,
  userId: string,
  options: { masked: boolean },
): Promise<TProfile> {
  const row = await loadRow(deps.db, userId);
  if (!row) throw new AppError("not_found", { logMessage: "no patient profile for this account" });
  return toProfile(deps.cipher, row, options.masked);
}

/**
 * Whether another person (another profile, or any active child) already holds this look-up hash.
 * `exceptChildId` skips a child being edited; a profile's own row is always skipped.
 */
export async function identifierHeldElsewhere(
  tx: Database,
  kind: "snils" | "enp",
  hash: string,
  except: { userId?: string; childId?: string },
): Promise<boolean> {
  const profileColumn = kind === "snils" ? patientProfiles.snilsHash : patientProfiles.enpHash;
  const childColumn = kind === "snils" ? children.snilsHash : children.enpHash;
  const [profile] = await tx
    .select({ one: sql<number>`1` })
    .from(patientProfiles)
    .where(
      and(eq(profileColumn, hash), except.userId ? ne(patientProfiles.userId, except.userId) : undefined),
    )
    .limit(1);
  if (profile) return true;
  const [child] = await tx
    .select({ one: sql<number>`1` })
    .from(children)
    .where(
      and(
        eq(childColumn, hash),
        isNull(children.linkEndedAt),
        except.childId ? ne(children.id, except.childId) : undefined,
      ),
    )
    .limit(1);
  return child !== undefined;
}

/** Maps a unique-index violation on a look-up hash to the 409 naming its field; rethrows others. */
export function rethrowIdentifierConflict(error: unknown, locale: Locale): never {
  const constraint = uniqueViolation(error);
  if (constraint !== null) {
    if (constraint.includes("snils")) throw identifierTaken("snils", locale);
    if (constraint.includes("enp")) throw identifierTaken("enp", locale);
  }
  throw error;
}

/**
 * Validates every field with the domain rules (400 with all field errors at once), saves the
 * profile encrypted in one transaction (409 when another person holds the policy or СНИЛС), then
 * checks both numbers with the registries; an outage leaves `unavailable` and the data saved.
 */
export async function updateProfile(
  deps: ProfileDeps,
  userId: string,
  input: TProfileUpdateRequest,
  options: { locale: Locale; today?: string; requestId?: string },
): Promise<TProfile> {
  const today = options.today ?? todayInMoscow();
  const errors = new FieldErrors(options.locale);
  const lastName = checkName(errors, "lastName", input.lastName);
  const firstName = checkName(errors, "firstName", input.firstName);
  const middleName = checkOptionalName(errors, "middleName", input.middleName);
  const birthDate = checkAccountHolderBirthDate(errors, "birthDate", input.birthDate, today);
  const passport =
    input.passport === null ? null : checkPassportFields(errors, input.passport, birthDate, today);
  const snils = checkOptionalSnils(errors, "snils", input.snils);
  const enp = input.enp === null || input.enp.trim() === "" ? null : errors.check("enp", checkEnp(input.enp));
  errors.throwIfAny();
  if (
    lastName === undefined ||
    firstName === undefined ||
    middleName === undefined ||
    birthDate === undefined ||
    passport === undefined ||
    snils === undefined ||
    enp === undefined
  ) {
    throw new Error("validation passed without values");
  }

  const { cipher } = deps;
  const snilsHash = snils === null ? null : cipher.lookupHash("snils", snils);
  const enpHash = enp === null ? null : cipher.lookupHash("enp", enp);
  const storedPassport: StoredPassport | null =
    passport === null
      ? null
      : {
          series: passport.series,
          number: passport.number,
          departmentCode: passport.departmentCode,
          issuedOn: passport.issuedOn,
        };
  try {
    await deps.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ snilsHash: patientProfiles.snilsHash, enpHash: patientProfiles.enpHash })
        .from(patientProfiles)
        .where(eq(patientProfiles.userId, userId))
        .for("update");
      if (!current) throw new AppError("not_found", { logMessage: "no patient profile for this account" });
      if (snilsHash !== null && (await identifierHeldElsewhere(tx, "snils", snilsHash, { userId }))) {
        throw identifierTaken("snils", options.locale);
      }
      if (enpHash !== null && (await identifierHeldElsewhere(tx, "enp", enpHash, { userId }))) {
        throw identifierTaken("enp", options.locale);
      }
      await tx
        .update(patientProfiles)
        .set({
          lastName,
          firstName,
          middleName,
          birthDate,
          sex: input.sex,
          passportEnc:
            storedPassport === null
              ? null
              : cipher.encrypt(
                  JSON.stringify(storedPassport),
                  fieldContext("patient_profiles.passport_enc", userId),
                ),
          snilsEnc:
            snils === null ? null : cipher.encrypt(snils, fieldContext("patient_profiles.snils_enc", userId)),
          snilsHash,
          enpEnc: enp === null ? null : cipher.encrypt(enp, fieldContext("patient_profiles.enp_enc", userId)),
          enpHash,
          notificationChannels: [...new Set(input.notificationChannels)],
          // New numbers (or a new name) are checked below; until then the old answer no longer holds.
          snilsCheckState: "not_checked",
          snilsCheckedAt: null,
          enpCheckState: "not_checked",
          enpCheckedAt: null,
          updatedAt: new Date(),
        })
        .where(eq(patientProfiles.userId, userId));
      // Referrals issued before this person registered or added the policy wait for them.
      await attachWaitingReferrals(tx, { userId, childId: null, enpHash, snilsHash });
    });
  } catch (error) {
    rethrowIdentifierConflict(error, options.locale);
  }
  return refreshRegistryChecks(deps, userId, { requestId: options.requestId });
}

/**
 * Re-runs both registry checks of the profile and stores their states; answers the masked profile.
 * A state is stored only if the number is still the one checked (a concurrent edit wins).
 */
export async function refreshRegistryChecks(
  deps: ProfileDeps,
  userId: string,
  options: { requestId?: string } = {},
): Promise<TProfile> {
  const row = await loadRow(deps.db, userId);
  if (!row) throw new AppError("not_found", { logMessage: "no patient profile for this account" });
  const p = row.profile;
  const snils =
    p.snilsEnc === null
      ? null
      : deps.cipher.decrypt(p.snilsEnc, fieldContext("patient_profiles.snils_enc", userId));
  const enp =
    p.enpEnc === null
      ? null
      : deps.cipher.decrypt(p.enpEnc, fieldContext("patient_profiles.enp_enc", userId));
  const outcome = await checkIdentifiers(deps, p, { snils, enp }, options.requestId);
  if (snils !== null && p.snilsHash !== null) {
    await deps.db
      .update(patientProfiles)
      .set({ snilsCheckState: outcome.snils.state, snilsCheckedAt: outcome.snils.checkedAt })
      .where(and(eq(patientProfiles.userId, userId), eq(patientProfiles.snilsHash, p.snilsHash)));
  }
  if (enp !== null && p.enpHash !== null) {
    await deps.db
      .update(patientProfiles)
      .set({ enpCheckState: outcome.enp.state, enpCheckedAt: outcome.enp.checkedAt })
      .where(and(eq(patientProfiles.userId, userId), eq(patientProfiles.enpHash, p.enpHash)));
  }
  return getProfile(deps, userId, { masked: true });
}
