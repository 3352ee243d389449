import { isSpecialtyCode } from "./is-specialty-code.ts";
import { ADULT_AGE, SPECIALTIES, type SpecialtyCode } from "./specialties.ts";
import { specialtyServesAge } from "./specialty-serves-age.ts";

// Services people ask for that are not in the list, by word stem, with what to offer instead.
const NOT_LISTED: readonly { stems: readonly string[]; offer: readonly SpecialtyCode[] }[] = [
  { stems: ["эндокрин", "endocrin"], offer: ["therapist", "laboratory"] },
  { stems: ["хирург", "травмат", "surgeon", "trauma"], offer: ["orthopedist", "therapist"] },
  { stems: ["ревмат", "rheumat"], offer: ["therapist", "orthopedist"] },
  {
    stems: ["уролог", "гинеколог", "urolog", "gynaecolog", "gynecolog"],
    offer: ["ultrasound", "laboratory", "therapist"],
  },
  { stems: ["анализ", "кров", "blood", "test"], offer: ["laboratory"] },
  { stems: ["узи", "ultrasound", "sonograph"], offer: ["ultrasound"] },
  { stems: ["лор", "отоларинг", "otolaryng"], offer: ["therapist"] },
];

/**
 * What to offer when a service is not in the list or has nothing free. A known code gives its related
 * specialties; anything else is matched by word stem (Russian or English, case-insensitive) against a
 * small table of common services, falling back to the therapist, who can refer onwards. With
 * `patientAge`, specialties that do not serve that age are left out, and a child is offered the
 * pediatrician in place of the therapist.
 *
 * @example
 * specialtyAlternatives("cardiologist"); // ["therapist", "ultrasound"]
 * specialtyAlternatives("Эндокринолог"); // ["therapist", "laboratory"]
 * specialtyAlternatives("cardiologist", 10); // ["pediatrician", "ultrasound"]
 */
export function specialtyAlternatives(requested: string, patientAge?: number): SpecialtyCode[] {
  let offer: readonly SpecialtyCode[];
  if (isSpecialtyCode(requested)) {
    offer = SPECIALTIES.find((s) => s.code === requested)?.related ?? [];
  } else {
    const text = requested.trim().toLowerCase();
    const words = text.split(/[^\p{L}]+/u).filter((w) => w !== "");
    const match = NOT_LISTED.find((entry) =>
      entry.stems.some((stem) => words.some((w) => w.startsWith(stem))),
    );
    offer = match?.offer ?? ["therapist"];
  }
  if (patientAge === undefined) return [...offer];
  const child = patientAge < ADULT_AGE && requested !== "pediatrician";
  const forAge = offer.map((code) => (code === "therapist" && child ? "pediatrician" : code));
  return [...new Set(forAge)].filter((code) => code !== requested && specialtyServesAge(code, patientAge));
}
