import { sql } from "drizzle-orm";
import { check, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { clinics } from "./clinics.ts";
import { timestamps } from "./columns.ts";
import { specialties } from "./specialties.ts";

/**
 * What to bring and how to prepare, printed on the ticket: per specialty for the whole service
 * (`clinic_id` null, seeded) and a clinic's own text for a specialty, which wins over it.
 */
export const visitInstructions = pgTable(
  "visit_instructions",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id").references(() => clinics.id, { onDelete: "cascade" }),
    specialtyCode: text("specialty_code")
      .notNull()
      .references(() => specialties.code),
    /** What to bring (documents, earlier results). */
    bring: text("bring").notNull(),
    /** How to prepare (e.g. fasting before an ultrasound or a blood test); may be empty. */
    prepare: text("prepare").notNull().default(""),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("visit_instructions_key").on(sql`coalesce(${t.clinicId}, '')`, t.specialtyCode),
    check("visit_instructions_id_prefix", sql`${t.id} ~ '^vi_[a-z0-9_]{3,60}$'`),
    check("visit_instructions_bring", sql`char_length(${t.bring}) between 3 and 2000`),
    check("visit_instructions_prepare", sql`char_length(${t.prepare}) <= 2000`),
  ],
);
