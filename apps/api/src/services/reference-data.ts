import type { TClinic, TSpecialty } from "@priyom/contracts";
import { clinics, specialties, specialtyRelations, type Database } from "@priyom/db";
import { asc } from "drizzle-orm";

/** Specialties with their related codes, in the order patients see them (by Russian name). */
export async function listSpecialties(db: Database): Promise<TSpecialty[]> {
  const [rows, relations] = await Promise.all([
    db.select().from(specialties).orderBy(asc(specialties.nameRu)),
    db.select().from(specialtyRelations).orderBy(asc(specialtyRelations.relatedCode)),
  ]);
  const relatedBy = new Map<string, string[]>();
  for (const r of relations) {
    const list = relatedBy.get(r.specialtyCode) ?? [];
    list.push(r.relatedCode);
    relatedBy.set(r.specialtyCode, list);
  }
  return rows.map((s) => ({
    code: s.code,
    nameRu: s.nameRu,
    nameEn: s.nameEn,
    patientAge: s.patientAge,
    related: relatedBy.get(s.code) ?? [],
  }));
}

/** Every clinic, by short name. */
export async function listClinics(db: Database): Promise<TClinic[]> {
  const rows = await db.select().from(clinics).orderBy(asc(clinics.shortName));
  return rows.map((c) => ({
    id: c.id,
    shortName: c.shortName,
    fullName: c.fullName,
    ogrn: c.ogrn,
    address: c.address,
    region: c.region,
    timeZone: c.timeZone,
    registryPhone: c.registryPhone,
    placeType: c.placeType,
    latitude: c.latitude,
    longitude: c.longitude,
  }));
}
