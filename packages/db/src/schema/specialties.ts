import { sql } from "drizzle-orm";
import { check, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

/** The closed list of specialties a referral can name (DOMAIN.md "Specialties"). */
export const specialties = pgTable(
  "specialties",
  {
    code: text("code").primaryKey(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en").notNull(),
    /** "child": serves patients under 18 only (the pediatrician). */
    patientAge: text("patient_age", { enum: ["any", "child"] }).notNull(),
    ...timestamps,
  },
  (t) => [
    check("specialties_code_format", sql`${t.code} ~ '^[a-z_]{2,40}$'`),
    check("specialties_patient_age", sql`${t.patientAge} in ('any', 'child')`),
  ],
);

/** Related specialties, offered as alternatives; one row per direction. */
export const specialtyRelations = pgTable(
  "specialty_relations",
  {
    specialtyCode: text("specialty_code")
      .notNull()
      .references(() => specialties.code, { onDelete: "cascade" }),
    relatedCode: text("related_code")
      .notNull()
      .references(() => specialties.code, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.specialtyCode, t.relatedCode] }),
    check("specialty_relations_not_self", sql`${t.specialtyCode} <> ${t.relatedCode}`),
  ],
);
