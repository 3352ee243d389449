import { createHash, randomBytes } from "node:crypto";
import {
  clinics,
  doctors,
  referralAllowedClinics,
  referralEvents,
  referrals,
  type Database,
} from "@priyom/db";
import {
  DEFAULT_REFERRAL_POLICY,
  SPECIALTIES,
  addDays,
  localDateTimeInZone,
  referralLastValidDay,
  type ReferralKind,
  type SpecialtyCode,
} from "@priyom/domain";
import { eq, inArray } from "drizzle-orm";
import type { AppServices } from "../context.ts";
import { DEMO_IDENTITIES } from "../registries/index.ts";
import { findReferralPatient } from "../services/referrals/matching.ts";

/** Demo doctors: one per specialty in every seeded clinic (names cycle through a short list). */
const DOCTOR_NAMES: readonly [string, string, string][] = [
  ["Смирнова", "Елена", "Викторовна"],
  ["Кузнецов", "Андрей", "Павлович"],
  ["Попова", "Ольга", "Сергеевна"],
  ["Васильев", "Дмитрий", "Игоревич"],
  ["Новикова", "Татьяна", "Алексеевна"],
  ["Морозов", "Сергей", "Николаевич"],
  ["Волкова", "Наталья", "Юрьевна"],
];
const QUALIFICATIONS = ["Врач высшей категории", "Врач первой категории", "Кандидат медицинских наук"];

/** Seeds the doctors of the demo clinics (once: an existing (clinic, external id) is kept). */
export async function seedDemoDoctors(db: Database): Promise<void> {
  const allClinics = await db.select({ id: clinics.id }).from(clinics).orderBy(clinics.id);
  let n = 0;
  const rows: (typeof doctors.$inferInsert)[] = allClinics.flatMap((clinic) =>
    SPECIALTIES.map((specialty, i) => {
      const [lastName, firstName, middleName] = DOCTOR_NAMES[n % DOCTOR_NAMES.length] ?? [
        "Иванова",
        "Анна",
        "Петровна",
      ];
      n += 1;
      return {
        id: `doc_${clinic.id.slice(4)}${specialty.code.replaceAll("_", "")}`.slice(0, 44),
        clinicId: clinic.id,
        externalId: `demo-${specialty.code}`,
        lastName,
        firstName,
        middleName,
        specialtyCode: specialty.code,
        qualification: QUALIFICATIONS[i % QUALIFICATIONS.length] ?? "Врач",
        licenceNumber: `ЛО-${77 + (n % 20)}-01-${String(100000 + n * 37).slice(0, 6)}`,
        room: String(100 + n),
        // One doctor with video visits (the therapists); everyone else in person.
        visitModes: specialty.code === "therapist" ? ["in_person", "video"] : ["in_person"],
      };
    }),
  );
  await db.insert(doctors).values(rows).onConflictDoNothing();
}

interface DemoReferral {
  number: string;
  who: "patient" | "daughter" | "neighbour";
  specialty: SpecialtyCode;
  clinicId: string;
  allowed: string[];
  kind: ReferralKind;
  urgency: "emergency" | "urgent" | "planned";
  /** Days before the seeding day (in the clinic's zone). */
  issuedDaysAgo: number;
  diagnosis: string;
  doctor: string;
  extendTo?: { days: number; reason: string };
}

const DEMO_REFERRALS: readonly DemoReferral[] = [
  {
    number: "100200300",
    who: "patient",
    specialty: "cardiologist",
    clinicId: "cln_msk0002",
    allowed: ["cln_msk0002", "cln_ekb0007"],
    kind: "regular",
    urgency: "planned",
    issuedDaysAgo: 5,
    diagnosis: "I10",
    doctor: "Смирнова Елена Викторовна",
  },
  {
    number: "100200301",
    who: "patient",
    specialty: "therapist",
    clinicId: "cln_msk0002",
    allowed: ["cln_msk0002"],
    kind: "therapist",
    urgency: "planned",
    issuedDaysAgo: 10,
    diagnosis: "Z00.0",
    doctor: "Кузнецов Андрей Павлович",
  },
  {
    number: "100200302",
    who: "patient",
    specialty: "ophthalmologist",
    clinicId: "cln_vvo0001",
    allowed: ["cln_vvo0001"],
    kind: "regular",
    urgency: "urgent",
    issuedDaysAgo: 2,
    diagnosis: "H52.1",
    doctor: "Попова Ольга Сергеевна",
  },
  {
    number: "100200303",
    who: "patient",
    specialty: "neurologist",
    clinicId: "cln_ekb0007",
    allowed: ["cln_ekb0007", "cln_msk0002"],
    kind: "long_term",
    urgency: "planned",
    issuedDaysAgo: 20,
    diagnosis: "G43.9",
    doctor: "Васильев Дмитрий Игоревич",
    extendTo: { days: 60, reason: "Продлено по решению лечащего врача: курс лечения продолжается" },
  },
  {
    number: "100200304",
    who: "patient",
    specialty: "ultrasound",
    clinicId: "cln_kgd0003",
    allowed: ["cln_kgd0003"],
    kind: "regular",
    urgency: "planned",
    issuedDaysAgo: 45,
    diagnosis: "K80.2",
    doctor: "Новикова Татьяна Алексеевна",
  },
  {
    number: "100200305",
    who: "daughter",
    specialty: "pediatrician",
    clinicId: "cln_msk0002",
    allowed: ["cln_msk0002"],
    kind: "regular",
    urgency: "planned",
    issuedDaysAgo: 3,
    diagnosis: "J06.9",
    doctor: "Морозов Сергей Николаевич",
  },
  {
    number: "100200310",
    who: "neighbour",
    specialty: "cardiologist",
    clinicId: "cln_msk0002",
    allowed: ["cln_msk0002", "cln_ekb0007"],
    kind: "regular",
    urgency: "planned",
    issuedDaysAgo: 4,
    diagnosis: "I20.8",
    doctor: "Смирнова Елена Викторовна",
  },
];

/**
 * The demo patient's referrals (cardiologist, therapist for 60 days, ophthalmologist in
 * Vladivostok, a long-term one with an extension, an expired one) and his daughter's
 * pediatrician's referral, and the second patient's cardiologist's referral — each once (by number);
 * dates relative to the day it is first seeded.
 */
export async function seedDemoReferrals(
  services: Pick<AppServices, "db" | "cipher">,
  now = new Date(),
): Promise<void> {
  const { db, cipher } = services;
  const existing = new Set(
    (
      await db
        .select({ number: referrals.number })
        .from(referrals)
        .where(
          inArray(
            referrals.number,
            DEMO_REFERRALS.map((r) => r.number),
          ),
        )
    ).map((r) => r.number),
  );
  await db.transaction(async (tx) => {
    for (const r of DEMO_REFERRALS) {
      if (existing.has(r.number)) continue;
      const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, r.clinicId));
      if (!clinic) throw new Error(`demo clinic ${r.clinicId} is missing`);
      const identity = DEMO_IDENTITIES[r.who];
      const enpHash = cipher.lookupHash("enp", identity.enp);
      const snilsHash = cipher.lookupHash("snils", identity.snils);
      const issuedOn = addDays(localDateTimeInZone(now, clinic.timeZone).localDate, -r.issuedDaysAgo);
      // The kind's default validity, or the extended total for the long-term one.
      const last = referralLastValidDay({
        issuedOn,
        kind: r.kind,
        ...(r.extendTo ? { validityDays: r.extendTo.days } : {}),
      });
      if (!last.ok) throw new Error(`demo referral ${r.number} has invalid dates`);
      const days = r.extendTo?.days ?? DEFAULT_REFERRAL_POLICY.defaultDays[r.kind];
      const patient = await findReferralPatient(tx, { enpHash, snilsHash });
      const id = `ref_${randomBytes(8).toString("hex")}`;
      const expired = last.value < localDateTimeInZone(now, clinic.timeZone).localDate;
      await tx.insert(referrals).values({
        id,
        number: r.number,
        issuedOn,
        issuingClinicId: clinic.id,
        issuingClinicSnapshot: {
          fullName: clinic.fullName,
          shortName: clinic.shortName,
          ogrn: clinic.ogrn,
          address: clinic.address,
        },
        timeZone: clinic.timeZone,
        enpHash,
        snilsHash,
        patientUserId: patient?.userId ?? null,
        patientChildId: patient?.childId ?? null,
        specialtyCode: r.specialty,
        urgency: r.urgency,
        kind: r.kind,
        diagnosisCode: r.diagnosis,
        issuingDoctor: r.doctor,
        validityDays: days,
        lastValidDay: last.value,
        status: expired ? "expired" : "active",
        payloadHash: createHash("sha256").update(`demo:${r.number}`).digest("hex"),
      });
      await tx
        .insert(referralAllowedClinics)
        .values(r.allowed.map((clinicId) => ({ referralId: id, clinicId })));
      await tx.insert(referralEvents).values([
        {
          referralId: id,
          kind: "issued",
          actor: `clinic:${clinic.id}`,
          at: new Date(`${issuedOn}T09:00:00Z`),
        },
        ...(patient
          ? [
              {
                referralId: id,
                kind: "matched" as const,
                actor: "system",
                at: new Date(`${issuedOn}T09:00:01Z`),
              },
            ]
          : []),
        ...(r.extendTo
          ? [
              {
                referralId: id,
                kind: "extended" as const,
                actor: `clinic:${clinic.id}`,
                reason: r.extendTo.reason,
                details: { validityDays: r.extendTo.days },
              },
            ]
          : []),
        ...(expired ? [{ referralId: id, kind: "expired" as const, actor: "system" }] : []),
      ]);
    }
  });
}
