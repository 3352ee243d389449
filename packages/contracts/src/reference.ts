import { z } from "zod";

/** A medical specialty a referral can name (a closed code list, see DOMAIN.md "Specialties"). */
export const ZSpecialty = z.object({
  code: z.string(),
  nameRu: z.string(),
  nameEn: z.string(),
  /** "child" for specialties that serve patients under 18 only (the pediatrician). */
  patientAge: z.enum(["any", "child"]),
  /** Codes of related specialties, offered as alternatives. */
  related: z.array(z.string()),
});
export type TSpecialty = z.infer<typeof ZSpecialty>;

export const ZSpecialtyListResponse = z.object({ items: z.array(ZSpecialty) });
export type TSpecialtyListResponse = z.infer<typeof ZSpecialtyListResponse>;

export const ZPlaceType = z.enum(["polyclinic", "hospital", "centre"]);
export type TPlaceType = z.infer<typeof ZPlaceType>;

/** A medical organisation (МО) as shown to patients. */
export const ZClinic = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  ogrn: z.string(),
  address: z.string(),
  region: z.string(),
  /** IANA time zone every local date and time of this clinic is expressed in. */
  timeZone: z.string(),
  registryPhone: z.string(),
  placeType: ZPlaceType,
  latitude: z.number(),
  longitude: z.number(),
});
export type TClinic = z.infer<typeof ZClinic>;

export const ZClinicListResponse = z.object({ items: z.array(ZClinic) });
export type TClinicListResponse = z.infer<typeof ZClinicListResponse>;

export const ZHealth = z.object({ status: z.enum(["ok", "unavailable"]) });
export type THealth = z.infer<typeof ZHealth>;
