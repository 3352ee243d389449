import { inject, ref, type App, type InjectionKey, type Ref } from "vue";

// Our own lookup instead of vue-i18n: a dozen messages and 3 plural strings do not need a message
// compiler, and vue-i18n + @intlify cost ~19 KB gzip on every page and in every widget (issue 7).

export type PriyomLocale = "ru" | "en";

/**
 * Russian plural forms for messages with four choices: "zero | one | few | many"
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

/**
 * English plural forms: "zero | one | many" (with two choices: "one | many").
 * @example enPluralRule(0, 3) // 0 ("no clinics"); enPluralRule(2, 3) // 2 ("2 clinics")
 */
export function enPluralRule(choice: number, choicesLength: number): number {
  const n = Math.abs(choice);
  if (choicesLength === 2) return n === 1 ? 0 : 1;
  return n === 0 ? 0 : n === 1 ? 1 : 2;
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

/** A message key, "group.name": a typo is a type error. */
export type PriyomMessageKey = {
  [Group in keyof Messages]: `${Group}.${keyof Messages[Group] & string}`;
}[keyof Messages];

/** Named values for `{name}` placeholders; `n` also chooses the plural form. */
export type PriyomMessageParams = Record<string, string | number>;

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

const PLURAL_RULES: Record<PriyomLocale, (choice: number, choicesLength: number) => number> = {
  ru: ruPluralRule,
  en: enPluralRule,
};

function findMessage(locale: string, key: string): string | undefined {
  const [group = "", name = ""] = key.split(".");
  const messages = (PRIYOM_MESSAGES as Record<string, Record<string, Record<string, string>>>)[locale];
  return messages?.[group]?.[name];
}

export interface PriyomI18n {
  /** The current locale; setting it re-renders every text that uses `t`. */
  readonly locale: Ref<PriyomLocale>;
  /**
   * The message for `key` in the current locale (else Russian, else the key itself), with `{name}`
   * placeholders filled from `params`. A plural message ("a | b | c") picks its form by `count`,
   * or by `params.n` when no count is given.
   * @example t("count.appointments", { n: 21 }) // "21 запись"
   */
  readonly t: (key: PriyomMessageKey, params?: PriyomMessageParams, count?: number) => string;
  /** Vue plugin hook: `app.use(i18n)` makes the instance available to `usePriyomI18n()`. */
  readonly install: (app: App) => void;
}

const I18N_KEY: InjectionKey<PriyomI18n> = Symbol("priyom-i18n");

/**
 * Creates the message lookup every Priyom app installs (Russian plural rule, Russian as fallback).
 * @example app.use(createPriyomI18n("ru"))
 */
export function createPriyomI18n(initialLocale: PriyomLocale = "ru"): PriyomI18n {
  const locale = ref(initialLocale);
  const i18n: PriyomI18n = {
    locale,
    t: (key, params, count) => {
      const own = findMessage(locale.value, key);
      const message = own ?? findMessage("ru", key);
      if (message === undefined) {
        if (import.meta.env.DEV) console.warn(`[priyom i18n] no message "${key}"`);
        return key;
      }
      const choices = message.split(" | ");
      const n = count ?? (typeof params?.n === "number" ? params.n : undefined);
      let text = choices[0] ?? message;
      if (choices.length > 1 && n !== undefined) {
        // A Russian fallback message needs the Russian rule, whatever the current locale.
        const rule = own === undefined ? ruPluralRule : PLURAL_RULES[locale.value];
        text = choices[Math.min(rule(n, choices.length), choices.length - 1)] ?? text;
      }
      return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
        params && name in params ? String(params[name]) : placeholder,
      );
    },
    install: (app) => {
      app.provide(I18N_KEY, i18n);
    },
  };
  return i18n;
}

// Without the plugin (a component mounted on its own) texts stay Russian rather than throwing.
let russianDefault: PriyomI18n | undefined;

/**
 * The app's message lookup, for components' `setup`.
 * @example const { t } = usePriyomI18n(); t("common.retry") // "Повторить"
 */
export function usePriyomI18n(): PriyomI18n {
  return inject(I18N_KEY, null) ?? (russianDefault ??= createPriyomI18n("ru"));
}
