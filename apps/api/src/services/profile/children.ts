import { randomBytes } from "node:crypto";
import type { TChild, TChildInput } from "@priyom/contracts";
import { children, type Database } from "@priyom/db";
import { anniversary } from "@priyom/domain";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { fieldContext, type FieldCipher } from "../../crypto/field-cipher.ts";
import { AppError, type Locale } from "../../errors.ts";
import {
  checkBirthCertificateFields,
  checkBirthDate,
  checkName,
  checkOptionalName,
  checkOptionalSnils,
  checkRequiredEnp,
  isMinorOn,
  todayInMoscow,
} from "./checks.ts";
import { FieldErrors } from "../../validation.ts";
import { attachWaitingReferrals } from "../referrals/matching.ts";
import { identifierTaken, PROFILE_MESSAGES } from "./field-errors.ts";
import { maskBirthCertificate, maskEnp, maskSnils } from "./masking.ts";
import { identifierHeldElsewhere, rethrowIdentifierConflict } from "./patient-profile.ts";
import { checkIdentifiers, type ProfileDeps } from "./registry-checks.ts";

type ChildRow = typeof children.$inferSelect;

interface StoredBirthCertificate {
  series: string;
  number: string;
  issuedOn: string;
}

/** The API shape of a child: documents decrypted, masked unless `masked` is false. */
export function toChild(cipher: FieldCipher, row: ChildRow, masked: boolean): TChild {
  const certificate = JSON.parse(
    cipher.decrypt(row.birthCertificateEnc, fieldContext("children.birth_certificate_enc", row.id)),
  ) as StoredBirthCertificate;
  const enp = cipher.decrypt(row.enpEnc, fieldContext("children.enp_enc", row.id));
  const snils =
    row.snilsEnc === null ? null : cipher.decrypt(row.snilsEnc, fieldContext("children.snils_enc", row.id));
  return {
    id: row.id,
    lastName: row.lastName,
    firstName: row.firstName,
    middleName: row.middleName,
    birthDate: row.birthDate,
    birthCertificate: masked ? { ...certificate, ...maskBirthCertificate(certificate) } : certificate,
    enp: masked ? maskEnp(enp) : enp,
    snils: snils === null ? null : masked ? maskSnils(snils) : snils,
    masked,
    registryChecks: {
      snils: { state: row.snilsCheckState, checkedAt: row.snilsCheckedAt?.toISOString() ?? null },
      enp: { state: row.enpCheckState, checkedAt: row.enpCheckedAt?.toISOString() ?? null },
    },
  };
}

/** The parent's children still linked to them and under 18 on `today`, oldest first. */
export async function listChildren(
  deps: Pick<ProfileDeps, "db" | "cipher">,
  parentUserId: string,
  options: { masked: boolean; today?: string },
): Promise<TChild[]> {
  const today = options.today ?? todayInMoscow();
  const rows = await deps.db
    .select()
    .from(children)
    .where(and(eq(children.parentUserId, parentUserId), isNull(children.linkEndedAt)))
    .orderBy(asc(children.birthDate), asc(children.id));
  return rows
    .filter((row) => isMinorOn(row.birthDate, today))
    .map((row) => toChild(deps.cipher, row, options.masked));
}

/**
 * One of the parent's own linked children under 18; anything else (another parent's child, an
 * unknown id, a link that ended) is the same 404, so ids reveal nothing.
 */
async function ownChild(
  db: Database,
  parentUserId: string,
  childId: string,
  today: string,
): Promise<ChildRow> {
  const [row] = await db
    .select()
    .from(children)
    .where(
      and(eq(children.id, childId), eq(children.parentUserId, parentUserId), isNull(children.linkEndedAt)),
    );
  if (!row || !isMinorOn(row.birthDate, today)) {
    throw new AppError("not_found", { logMessage: "no such child of this parent" });
  }
  return row;
}

export async function getChild(
  deps: Pick<ProfileDeps, "db" | "cipher">,
  parentUserId: string,
  childId: string,
  options: { masked: boolean; today?: string },
): Promise<TChild> {
  const row = await ownChild(deps.db, parentUserId, childId, options.today ?? todayInMoscow());
  return toChild(deps.cipher, row, options.masked);
}

function validateChild(input: TChildInput, locale: Locale, today: string) {
  const errors = new FieldErrors(locale);
  const lastName = checkName(errors, "lastName", input.lastName);
  const firstName = checkName(errors, "firstName", input.firstName);
  const middleName = checkOptionalName(errors, "middleName", input.middleName);
  const birthDate = checkBirthDate(errors, "birthDate", input.birthDate, today);
  if (birthDate !== undefined && !isMinorOn(birthDate, today))
    errors.addLocal("birthDate", PROFILE_MESSAGES.child_not_minor);
  const certificate = checkBirthCertificateFields(errors, input.birthCertificate, birthDate, today);
  const enp = checkRequiredEnp(errors, "enp", input.enp);
  const snils = checkOptionalSnils(errors, "snils", input.snils);
  errors.throwIfAny();
  if (
    lastName === undefined ||
    firstName === undefined ||
    middleName === undefined ||
    birthDate === undefined ||
    certificate === undefined ||
    enp === undefined ||
    snils === undefined
  ) {
    throw new Error("validation passed without values");
  }
  return { lastName, firstName, middleName, birthDate, certificate, enp, snils };
}

/**
 * Saves a child (new when `childId` is undefined) after validating every field (400 with all
 * errors at once) and making sure no other person holds the policy or СНИЛС (409), then checks
 * both numbers with the registries.
 */
async function saveChild(
  deps: ProfileDeps,
  parentUserId: string,
  childId: string | undefined,
  input: TChildInput,
  options: { locale: Locale; today?: string; requestId?: string },
): Promise<TChild> {
  const today = options.today ?? todayInMoscow();
  const valid = validateChild(input, options.locale, today);
  const { cipher } = deps;
  const enpHash = cipher.lookupHash("enp", valid.enp);
  const snilsHash = valid.snils === null ? null : cipher.lookupHash("snils", valid.snils);
  const id = childId ?? `chd_${randomBytes(10).toString("hex")}`;
  const values = {
    lastName: valid.lastName,
    firstName: valid.firstName,
    middleName: valid.middleName,
    birthDate: valid.birthDate,
    birthCertificateEnc: cipher.encrypt(
      JSON.stringify(valid.certificate),
      fieldContext("children.birth_certificate_enc", id),
    ),
    enpEnc: cipher.encrypt(valid.enp, fieldContext("children.enp_enc", id)),
    enpHash,
    snilsEnc:
      valid.snils === null ? null : cipher.encrypt(valid.snils, fieldContext("children.snils_enc", id)),
    snilsHash,
    snilsCheckState: "not_checked" as const,
    snilsCheckedAt: null,
    enpCheckState: "not_checked" as const,
    enpCheckedAt: null,
  };
  try {
    await deps.db.transaction(async (tx) => {
      if (childId !== undefined) await ownChild(tx, parentUserId, childId, today);
      if (await identifierHeldElsewhere(tx, "enp", enpHash, { childId: id })) {
        throw identifierTaken("enp", options.locale);
      }
      if (snilsHash !== null && (await identifierHeldElsewhere(tx, "snils", snilsHash, { childId: id }))) {
        throw identifierTaken("snils", options.locale);
      }
      if (childId === undefined) {
        await tx.insert(children).values({ id, parentUserId, ...values });
      } else {
        await tx
          .update(children)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(children.id, id), eq(children.parentUserId, parentUserId)));
      }
      await attachWaitingReferrals(tx, { userId: null, childId: id, enpHash, snilsHash });
    });
  } catch (error) {
    rethrowIdentifierConflict(error, options.locale);
  }

  const outcome = await checkIdentifiers(
    deps,
    valid,
    { snils: valid.snils, enp: valid.enp },
    options.requestId,
  );
  if (valid.snils !== null && snilsHash !== null) {
    await deps.db
      .update(children)
      .set({ snilsCheckState: outcome.snils.state, snilsCheckedAt: outcome.snils.checkedAt })
      .where(and(eq(children.id, id), eq(children.snilsHash, snilsHash)));
  }
  await deps.db
    .update(children)
    .set({ enpCheckState: outcome.enp.state, enpCheckedAt: outcome.enp.checkedAt })
    .where(and(eq(children.id, id), eq(children.enpHash, enpHash)));
  return getChild(deps, parentUserId, id, { masked: true, today });
}

/** Adds a child under 18 to the parent's account; answers it masked. */
export function addChild(
  deps: ProfileDeps,
  parentUserId: string,
  input: TChildInput,
  options: { locale: Locale; today?: string; requestId?: string },
): Promise<TChild> {
  return saveChild(deps, parentUserId, undefined, input, options);
}

/** Replaces the data of one of the parent's own children (404 for anyone else's). */
export function updateChild(
  deps: ProfileDeps,
  parentUserId: string,
  childId: string,
  input: TChildInput,
  options: { locale: Locale; today?: string; requestId?: string },
): Promise<TChild> {
  return saveChild(deps, parentUserId, childId, input, options);
}

/** Removes one of the parent's own children (404 for anyone else's). */
export async function removeChild(
  deps: Pick<ProfileDeps, "db">,
  parentUserId: string,
  childId: string,
  options: { today?: string } = {},
): Promise<void> {
  const today = options.today ?? todayInMoscow();
  await deps.db.transaction(async (tx) => {
    await ownChild(tx, parentUserId, childId, today);
    await tx.delete(children).where(and(eq(children.id, childId), eq(children.parentUserId, parentUserId)));
  });
}

/**
 * Ends the parent link of every child who is 18 on `today` (YYYY-MM-DD, Moscow) and returns the
 * parents to notify, each once. Run daily; running it twice on a day changes nothing the second time.
 * A birthday on 29 February counts from 1 March in other years (the domain's `anniversary`).
 */
export async function endAdultChildLinks(db: Database, today: string): Promise<string[]> {
  // Anyone 18 today was born in this year or before (a superset; `anniversary` decides exactly).
  const latestBirthDate = `${String(Number(today.slice(0, 4)) - 18).padStart(4, "0")}-12-31`;
  const candidates = await db
    .select({ id: children.id, parentUserId: children.parentUserId, birthDate: children.birthDate })
    .from(children)
    .where(and(isNull(children.linkEndedAt), lte(children.birthDate, latestBirthDate)));
  const adults = candidates.filter((c) => anniversary(c.birthDate, 18) <= today);
  if (adults.length === 0) return [];
  const ended = await db
    .update(children)
    .set({ linkEndedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        inArray(
          children.id,
          adults.map((c) => c.id),
        ),
        isNull(children.linkEndedAt),
      ),
    )
    .returning({ parentUserId: children.parentUserId });
  return [...new Set(ended.map((e) => e.parentUserId))].sort();
}
