import type { SpecialtyCode } from "@priyom/domain";
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { clinics } from "../schema/clinics.ts";
import { visitInstructions } from "../schema/visit-instructions.ts";
import { REFERENCE_CLINICS } from "./reference-clinics.ts";

const DOCUMENTS = "Паспорт, полис ОМС и направление (его номер есть в талоне)";
const EARLIER = "результаты прежних обследований и выписки, если они есть";

/**
 * The service's own instructions per specialty, printed on the ticket unless the clinic wrote its
 * own for that specialty: what to bring, how to prepare (empty where nothing is needed).
 */
export const DEFAULT_VISIT_INSTRUCTIONS: Readonly<Record<SpecialtyCode, { bring: string; prepare: string }>> =
  {
    therapist: { bring: `${DOCUMENTS}; ${EARLIER}.`, prepare: "" },
    pediatrician: {
      bring:
        "Свидетельство о рождении или паспорт ребёнка, полис ОМС ребёнка, паспорт родителя и направление; " +
        `прививочный сертификат, ${EARLIER}.`,
      prepare: "",
    },
    cardiologist: {
      bring: `${DOCUMENTS}; ленты ЭКГ, результаты суточного мониторирования и анализов, ${EARLIER}.`,
      prepare:
        "Принимайте назначенные лекарства как обычно. За час до приёма не курите и не пейте кофе и крепкий чай.",
    },
    neurologist: { bring: `${DOCUMENTS}; снимки МРТ или КТ, ${EARLIER}.`, prepare: "" },
    orthopedist: {
      bring: `${DOCUMENTS}; рентгеновские снимки, ${EARLIER}.`,
      prepare: "Наденьте удобную одежду, которую легко снять.",
    },
    gastroenterologist: {
      bring: `${DOCUMENTS}; ${EARLIER}.`,
      prepare: "Приходите натощак или через 3–4 часа после лёгкой еды, если врач не сказал иначе.",
    },
    dermatologist: {
      bring: `${DOCUMENTS}; ${EARLIER}.`,
      prepare: "В день приёма не наносите крем и косметику на поражённые участки кожи.",
    },
    ophthalmologist: {
      bring: `${DOCUMENTS}; очки, которые вы носите, ${EARLIER}.`,
      prepare:
        "Если носите контактные линзы, снимите их за 2 часа до приёма. После расширения зрачка несколько часов нельзя водить машину.",
    },
    ultrasound: {
      bring: `${DOCUMENTS}; полотенце или пелёнку, результаты прежних УЗИ.`,
      prepare:
        "Натощак: 8–12 часов без еды, можно пить чистую воду. Накануне откажитесь от продуктов, вызывающих " +
        "вздутие (капуста, бобовые, газированные напитки). Для УЗИ малого таза и мочевого пузыря выпейте 1 л воды за час до исследования.",
    },
    laboratory: {
      bring: `${DOCUMENTS}.`,
      prepare:
        "Натощак: 8–12 часов без еды, можно пить чистую воду. Накануне откажитесь от алкоголя, жирной пищи и " +
        "тяжёлых физических нагрузок; утром не курите. Приходите до 11:00.",
    },
  };

/** The video service of the reference clinics (the therapists also see patients by video). */
export const REFERENCE_VIDEO_URL_TEMPLATE = "https://video.priyom.example/join/{appointmentId}";

/**
 * Writes the default visit instructions (refreshed on every start, like the specialty names; a
 * clinic's own rows are never touched) and gives the reference clinics a video service where they
 * have none. Idempotent; call it in the seeding transaction.
 */
export async function seedVisitInstructions(tx: Database): Promise<void> {
  await tx
    .insert(visitInstructions)
    .values(
      Object.entries(DEFAULT_VISIT_INSTRUCTIONS).map(([code, text]) => ({
        id: `vi_${code}`,
        clinicId: null,
        specialtyCode: code,
        bring: text.bring,
        prepare: text.prepare,
      })),
    )
    .onConflictDoUpdate({
      target: visitInstructions.id,
      set: { bring: sql`excluded.bring`, prepare: sql`excluded.prepare`, updatedAt: sql`now()` },
    });
  await tx
    .update(clinics)
    .set({ videoUrlTemplate: REFERENCE_VIDEO_URL_TEMPLATE, updatedAt: sql`now()` })
    .where(
      and(
        inArray(
          clinics.id,
          REFERENCE_CLINICS.map((c) => c.id),
        ),
        isNull(clinics.videoUrlTemplate),
      ),
    );
}
