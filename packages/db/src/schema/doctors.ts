import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { clinics } from "./clinics.ts";
import { timestamps } from "./columns.ts";
import { specialties } from "./specialties.ts";

/** A doctor of one clinic, published (upserted) by the clinic's information system. */
export const doctors = pgTable(
  "doctors",
  {
    /** `doc_…`. */
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id, { onDelete: "cascade" }),
    /** The clinic's own id of this doctor: upserts are keyed by (clinic, external id). */
    externalId: text("external_id").notNull(),
    lastName: text("last_name").notNull(),
    firstName: text("first_name").notNull(),
    middleName: text("middle_name"),
    specialtyCode: text("specialty_code")
      .notNull()
      .references(() => specialties.code),
    /** e.g. «Врач высшей категории», «Кандидат медицинских наук». */
    qualification: text("qualification").notNull(),
    licenceNumber: text("licence_number").notNull(),
    room: text("room").notNull(),
    visitModes: jsonb("visit_modes").$type<("in_person" | "video" | "phone")[]>().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("doctors_clinic_external_key").on(t.clinicId, t.externalId),
    index("doctors_specialty").on(t.specialtyCode, t.clinicId),
    check("doctors_id_prefix", sql`${t.id} ~ '^doc_[a-z0-9]{4,40}$'`),
    check(
      "doctors_visit_modes",
      sql`jsonb_typeof(${t.visitModes}) = 'array' and jsonb_array_length(${t.visitModes}) between 1 and 3 and ${t.visitModes} <@ '["in_person","video","phone"]'::jsonb`,
    ),
    check(
      "doctors_names_not_blank",
      sql`length(trim(${t.lastName})) > 0 and length(trim(${t.firstName})) > 0`,
    ),
  ],
);
