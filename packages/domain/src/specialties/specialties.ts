/** The specialty code list (a code list, not free text). */
export const SPECIALTY_CODES = [
  "therapist",
  "pediatrician",
  "cardiologist",
  "neurologist",
  "orthopedist",
  "gastroenterologist",
  "dermatologist",
  "ophthalmologist",
  "ultrasound",
  "laboratory",
] as const;

/** A specialty a referral can name. */
export type SpecialtyCode = (typeof SPECIALTY_CODES)[number];

/** A specialty with its names, the patients it serves and the related specialties offered instead. */
export type Specialty = {
  code: SpecialtyCode;
  nameRu: string;
  nameEn: string;
  patientAge: "any" | "child";
  related: SpecialtyCode[];
};

/**
 * Every specialty. `related` is symmetric (if A lists B, B lists A): it is what the patient is offered
 * when the wanted service is missing or has no free slots. A pediatrician serves patients under 18
 * only (`patientAge: "child"`).
 *
 * @example
 * SPECIALTIES.find((s) => s.code === "cardiologist")?.nameRu; // "Кардиолог"
 */
export const SPECIALTIES: readonly Specialty[] = [
  {
    code: "therapist",
    nameRu: "Терапевт",
    nameEn: "General practitioner",
    patientAge: "any",
    related: [
      "pediatrician",
      "cardiologist",
      "neurologist",
      "gastroenterologist",
      "dermatologist",
      "laboratory",
    ],
  },
  {
    code: "pediatrician",
    nameRu: "Педиатр",
    nameEn: "Pediatrician",
    patientAge: "child",
    related: ["therapist"],
  },
  {
    code: "cardiologist",
    nameRu: "Кардиолог",
    nameEn: "Cardiologist",
    patientAge: "any",
    related: ["therapist", "ultrasound"],
  },
  {
    code: "neurologist",
    nameRu: "Невролог",
    nameEn: "Neurologist",
    patientAge: "any",
    related: ["therapist", "orthopedist", "ophthalmologist"],
  },
  {
    code: "orthopedist",
    nameRu: "Ортопед",
    nameEn: "Orthopedist",
    patientAge: "any",
    related: ["neurologist", "ultrasound"],
  },
  {
    code: "gastroenterologist",
    nameRu: "Гастроэнтеролог",
    nameEn: "Gastroenterologist",
    patientAge: "any",
    related: ["therapist", "ultrasound", "laboratory"],
  },
  {
    code: "dermatologist",
    nameRu: "Дерматолог",
    nameEn: "Dermatologist",
    patientAge: "any",
    related: ["therapist"],
  },
  {
    code: "ophthalmologist",
    nameRu: "Офтальмолог",
    nameEn: "Ophthalmologist",
    patientAge: "any",
    related: ["neurologist"],
  },
  {
    code: "ultrasound",
    nameRu: "УЗИ-диагностика",
    nameEn: "Ultrasound diagnostics",
    patientAge: "any",
    related: ["cardiologist", "orthopedist", "gastroenterologist", "laboratory"],
  },
  {
    code: "laboratory",
    nameRu: "Лабораторные исследования",
    nameEn: "Laboratory tests",
    patientAge: "any",
    related: ["therapist", "gastroenterologist", "ultrasound"],
  },
];

/** The age from which a patient is an adult (a pediatrician sees patients under it). */
export const ADULT_AGE = 18;
