import { sql } from "drizzle-orm";
import { check, doublePrecision, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

/** A medical organisation (МО). Every local date and time of a clinic is in its IANA `time_zone`. */
export const clinics = pgTable(
  "clinics",
  {
    /** Prefixed id shown to people and partners: `cln_…`. */
    id: text("id").primaryKey(),
    shortName: text("short_name").notNull(),
    fullName: text("full_name").notNull(),
    /** ОГРН (13 digits) or ОГРНИП (15 digits), checked by `checkOgrn` before insert. */
    ogrn: text("ogrn").notNull(),
    address: text("address").notNull(),
    region: text("region").notNull(),
    timeZone: text("time_zone").notNull(),
    /** Registry desk phone as shown, e.g. «+7 495 123-45-67». */
    registryPhone: text("registry_phone").notNull(),
    placeType: text("place_type", { enum: ["polyclinic", "hospital", "centre"] }).notNull(),
    /**
     * The clinic's video service: a link template with `{appointmentId}` (e.g.
     * `https://video.example.ru/join/{appointmentId}`); null when the clinic holds no video visits.
     */
    videoUrlTemplate: text("video_url_template"),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("clinics_ogrn_key").on(t.ogrn),
    check("clinics_id_prefix", sql`${t.id} ~ '^cln_[a-z0-9]{4,32}$'`),
    check("clinics_ogrn_format", sql`${t.ogrn} ~ '^([15][0-9]{12}|3[0-9]{14})$'`),
    check(
      "clinics_video_url_template",
      sql`${t.videoUrlTemplate} is null or ${t.videoUrlTemplate} ~ '^https://[^ ]*[{]appointmentId[}]'`,
    ),
    check("clinics_place_type", sql`${t.placeType} in ('polyclinic', 'hospital', 'centre')`),
    check("clinics_time_zone_format", sql`${t.timeZone} ~ '^[A-Za-z_]+/[A-Za-z_]+$'`),
    check(
      "clinics_coordinates",
      sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
    check(
      "clinics_names_not_blank",
      sql`length(trim(${t.shortName})) > 0 and length(trim(${t.fullName})) > 0`,
    ),
  ],
);
