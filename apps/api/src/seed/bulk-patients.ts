import { createHash, randomBytes, randomInt } from "node:crypto";
import {
  clinics,
  patientProfiles,
  referralAllowedClinics,
  referralEvents,
  referrals,
  user,
  type Database,
} from "@priyom/db";
import { addDays, localDateTimeInZone, luhnValid, snilsCheckNumber } from "@priyom/domain";
import { eq, like, max } from "drizzle-orm";
import { fieldContext, type FieldCipher } from "../crypto/field-cipher.ts";

/** A patient made in bulk, and their referrals (one per specialty asked for). */
export interface BulkPatient {
  userId: string;
  /** `+79XXXXXXXXX`. */
  phone: string;
  referralIds: string[];
}

/** A valid СНИЛС (11 digits) from its first nine, above the range where the check number is not computed. */
function snilsFrom(nine: number): string {
  return `${nine}${snilsCheckNumber(String(nine))}`;
}

/** A random valid policy number (ЕНП): 15 random digits and the Luhn check digit. */
function randomEnp(): string {
  const stem = `${randomInt(1, 10)}${String(randomInt(0, 100_000_000_000_000)).padStart(14, "0")}`;
  for (let check = 0; check <= 9; check++) if (luhnValid(`${stem}${check}`)) return `${stem}${check}`;
  throw new Error("unreachable: one check digit always fits");
}

const randomDigits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join("");

/**
 * Patients with complete, valid profiles (encrypted СНИЛС and policy with their look-up hashes) and
 * active referrals, written straight to the database in one transaction — for the concurrency tests,
 * the benchmark and the demo's "other patients". The accounts have no password: nobody signs in as
 * them (tests and the benchmark authenticate them directly).
 */
export async function createBulkPatients(
  deps: { db: Database; cipher: FieldCipher },
  options: {
    count: number;
    /** One referral per entry, e.g. `["cardiologist"]`. */
    specialties: string[];
    issuingClinicId: string;
    allowedClinicIds: string[];
    now?: Date;
  },
): Promise<BulkPatient[]> {
  const now = options.now ?? new Date();
  const [issuer] = await deps.db.select().from(clinics).where(eq(clinics.id, options.issuingClinicId));
  if (!issuer) throw new Error(`No clinic ${options.issuingClinicId}`);
  const issuedOn = addDays(localDateTimeInZone(now, issuer.timeZone).localDate, -1);
  const patients: BulkPatient[] = [];
  const users: (typeof user.$inferInsert)[] = [];
  const profiles: (typeof patientProfiles.$inferInsert)[] = [];
  const referralRows: (typeof referrals.$inferInsert)[] = [];
  const allowed: (typeof referralAllowedClinics.$inferInsert)[] = [];
  const events: (typeof referralEvents.$inferInsert)[] = [];
  // Phones follow the highest +7999… already taken, so batches (the demo makes one per specialty)
  // and the demo accounts never meet: random starts did collide, one start in a few hundred.
  // СНИЛС, stored only as hashes, are consecutive from a random start: 10,000 random ones out of
  // 9·10⁸ collided one run in twenty (a unique index refuses).
  const [highest] = await deps.db
    .select({ phone: max(user.phoneNumber) })
    .from(user)
    .where(like(user.phoneNumber, "+7999%"));
  const firstPhone = highest?.phone ? Number(highest.phone.slice(5)) + 1 : randomInt(0, 1_000_000);
  const firstSnils = randomInt(100_000_000, 1_000_000_000 - options.count);
  for (let i = 0; i < options.count; i++) {
    const userId = `bulk${randomBytes(10).toString("hex")}`;
    const phone = `+7999${String((firstPhone + i) % 10_000_000).padStart(7, "0")}`;
    const snils = snilsFrom(firstSnils + i);
    const enp = randomEnp();
    users.push({
      id: userId,
      name: "Пациент Тестовый",
      email: `${userId}@patients.invalid`,
      emailVerified: true,
      phoneNumber: phone,
      phoneNumberVerified: true,
      role: "patient",
    });
    profiles.push({
      userId,
      lastName: "Тестовый",
      firstName: "Пациент",
      middleName: null,
      birthDate: "1985-06-15",
      snilsEnc: deps.cipher.encrypt(snils, fieldContext("patient_profiles.snils_enc", userId)),
      snilsHash: deps.cipher.lookupHash("snils", snils),
      enpEnc: deps.cipher.encrypt(enp, fieldContext("patient_profiles.enp_enc", userId)),
      enpHash: deps.cipher.lookupHash("enp", enp),
    });
    const referralIds: string[] = [];
    for (const specialty of options.specialties) {
      const id = `ref_${randomBytes(10).toString("hex")}`;
      referralIds.push(id);
      referralRows.push({
        id,
        number: `8${randomDigits(11)}`,
        issuedOn,
        issuingClinicId: issuer.id,
        issuingClinicSnapshot: {
          fullName: issuer.fullName,
          shortName: issuer.shortName,
          ogrn: issuer.ogrn,
          address: issuer.address,
        },
        timeZone: issuer.timeZone,
        enpHash: deps.cipher.lookupHash("enp", enp),
        snilsHash: deps.cipher.lookupHash("snils", snils),
        patientUserId: userId,
        specialtyCode: specialty,
        urgency: "planned",
        kind: "long_term",
        diagnosisCode: "I10",
        issuingDoctor: "Терапевт Участковый",
        validityDays: 90,
        lastValidDay: addDays(issuedOn, 90),
        payloadHash: createHash("sha256").update(id).digest("hex"),
      });
      for (const clinicId of options.allowedClinicIds) allowed.push({ referralId: id, clinicId });
      events.push({ referralId: id, kind: "issued", actor: `clinic:${issuer.id}` });
    }
    patients.push({ userId, phone, referralIds });
  }
  const CHUNK = 500;
  await deps.db.transaction(async (tx) => {
    for (let i = 0; i < users.length; i += CHUNK) await tx.insert(user).values(users.slice(i, i + CHUNK));
    for (let i = 0; i < profiles.length; i += CHUNK)
      await tx.insert(patientProfiles).values(profiles.slice(i, i + CHUNK));
    for (let i = 0; i < referralRows.length; i += CHUNK)
      await tx.insert(referrals).values(referralRows.slice(i, i + CHUNK));
    for (let i = 0; i < allowed.length; i += CHUNK)
      await tx.insert(referralAllowedClinics).values(allowed.slice(i, i + CHUNK));
    for (let i = 0; i < events.length; i += CHUNK)
      await tx.insert(referralEvents).values(events.slice(i, i + CHUNK));
  });
  return patients;
}
