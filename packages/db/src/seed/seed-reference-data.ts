import { SPECIALTIES, checkOgrn } from "@priyom/domain";
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { clinics } from "../schema/clinics.ts";
import { specialties, specialtyRelations } from "../schema/specialties.ts";
import { REFERENCE_CLINICS } from "./reference-clinics.ts";
import { seedVisitInstructions } from "./visit-instructions.ts";

/**
 * Writes the reference data the service needs from its first start: the specialty list (owned by
 * the domain package, so names are refreshed on every start), the demo clinics (inserted once;
 * later edits by clinics are kept; a video service where they have none) and the default visit
 * instructions per specialty. Idempotent, one transaction.
 */
export async function seedReferenceData(db: Database): Promise<void> {
  for (const clinic of REFERENCE_CLINICS) {
    const ogrn = checkOgrn(clinic.ogrn);
    if (!ogrn.ok) throw new Error(`Seed clinic ${clinic.id} has an invalid ОГРН: ${ogrn.error.code}`);
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(specialties)
      .values(
        SPECIALTIES.map((s) => ({
          code: s.code,
          nameRu: s.nameRu,
          nameEn: s.nameEn,
          patientAge: s.patientAge,
        })),
      )
      .onConflictDoUpdate({
        target: specialties.code,
        set: {
          nameRu: sql`excluded.name_ru`,
          nameEn: sql`excluded.name_en`,
          patientAge: sql`excluded.patient_age`,
          updatedAt: sql`now()`,
        },
      });
    await tx.delete(specialtyRelations);
    const relations = SPECIALTIES.flatMap((s) =>
      s.related.map((relatedCode) => ({ specialtyCode: s.code, relatedCode })),
    );
    if (relations.length > 0) await tx.insert(specialtyRelations).values(relations);
    await tx
      .insert(clinics)
      .values([...REFERENCE_CLINICS])
      .onConflictDoNothing();
    await seedVisitInstructions(tx);
  });
}
