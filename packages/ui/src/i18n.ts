import { createI18n } from "vue-i18n";

export type PriyomLocale = "ru" | "en";

/**
 * Russian plural forms for vue-i18n messages with four choices: "zero | one | few | many"
 * (with three choices: "one | few | many").
 * @example ruPluralRule(21, 4) // 1 ("21 запись"); ruPluralRule(12, 4) // 3 ("12 записей")
 */
export function ruPluralRule(choice: number, choicesLength: number): number {
  const n = Math.abs(choice);
  const offset = choicesLength >= 4 ? 1 : 0;
  if (offset === 1 && n === 0) return 0;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return offset;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return offset + 1;
  return offset + 2;
}

const ru = {
  common: {
    retry: "Повторить",
    loading: "Загрузка…",
    close: "Закрыть",
  },
  error: {
    generic: "Ошибка: повторите попытку позже",
    requestId: "Код запроса: {id}",
  },
  unavailable: {
    title: "Раздел временно недоступен",
    text: "Не удалось загрузить этот раздел. Остальные разделы работают — попробуйте ещё раз через минуту.",
  },
  field: {
    required: "обязательное поле",
    optional: "необязательно",
  },
  count: {
    specialties: "нет специальностей | {n} специальность | {n} специальности | {n} специальностей",
    clinics:
      "нет медицинских организаций | {n} медицинская организация | {n} медицинские организации | {n} медицинских организаций",
    appointments: "нет записей | {n} запись | {n} записи | {n} записей",
  },
};

type Messages = typeof ru;

const en: Messages = {
  common: { retry: "Try again", loading: "Loading…", close: "Close" },
  error: { generic: "Error: please try again later", requestId: "Request ID: {id}" },
  unavailable: {
    title: "This section is temporarily unavailable",
    text: "This section could not be loaded. The other sections work — please try again in a minute.",
  },
  field: { required: "required", optional: "optional" },
  count: {
    specialties: "no specialties | {n} specialty | {n} specialties",
    clinics: "no clinics | {n} clinic | {n} clinics",
    appointments: "no appointments | {n} appointment | {n} appointments",
  },
};

/** The shared messages, Russian first. */
export const PRIYOM_MESSAGES = { ru, en } as const;

/**
 * Creates the vue-i18n instance every Priyom app installs (Composition API mode, Russian plural rule,
 * Russian as fallback).
 * @example app.use(createPriyomI18n("ru"))
 */
export function createPriyomI18n(locale: PriyomLocale = "ru") {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: "ru",
    messages: { ru, en },
    pluralRules: { ru: ruPluralRule },
    missingWarn: false,
    fallbackWarn: false,
  });
}
