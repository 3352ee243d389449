/**
 * The shell's service search: a small, tolerant matcher over sections, specialties and clinics.
 * Case, «ё»/«е», punctuation and one or two typing slips do not matter; a few short words
 * («к», «на», …) are ignored.
 */

/** One place the search can lead to. */
export interface SearchEntry {
  label: string;
  /** A short second line: what choosing it opens. */
  hint: string;
  /** The shell path it opens. */
  path: string;
  /** What people type for it (the label is one of them). */
  phrases: readonly string[];
}

export interface SearchSpecialty {
  code: string;
  nameRu: string;
}

export interface SearchClinic {
  id: string;
  shortName: string;
  fullName: string;
}

const STOP_WORDS = new Set(["к", "ко", "в", "во", "на", "по", "у", "и", "для", "от", "с", "со", "о", "об"]);

/**
 * Lower case, «ё» → «е», anything but letters and digits → space, stop words dropped.
 * @example normalizeWords("Запись к врачу!") // ["запись", "врачу"]
 */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replaceAll("ё", "е")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !STOP_WORDS.has(word));
}

/**
 * Levenshtein distance (insert, delete, substitute: 1 each), cut short once it exceeds `max`:
 * the answer is then `max + 1`.
 * @example editDistance("кордиолог", "кардиолог") // 1
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** Slips allowed in a typed word: none up to 3 letters, one up to 6, two from 7. */
function allowedSlips(word: string): number {
  if (word.length >= 7) return 2;
  return word.length >= 4 ? 1 : 0;
}

/** How far a typed word is from a word of a phrase (0 = the same), or undefined: no match. */
function wordCost(typed: string, word: string): number | undefined {
  if (typed === word) return 0;
  if (typed.length >= 2 && word.startsWith(typed)) return 0.5;
  const max = allowedSlips(typed);
  if (max === 0) return undefined;
  const whole = editDistance(typed, word, max);
  // A word still being typed: compare it with the start of the phrase word too.
  const start = word.length > typed.length ? editDistance(typed, word.slice(0, typed.length), max) : max + 1;
  const best = Math.min(whole <= max ? whole : Infinity, start <= max ? start + 0.5 : Infinity);
  return best === Infinity ? undefined : best;
}

/** Every typed word must match some word of the phrase; phrase words left over cost a little. */
function phraseCost(typed: readonly string[], phrase: readonly string[]): number | undefined {
  let total = 0;
  const used = new Set<number>();
  for (const word of typed) {
    let best: { cost: number; index: number } | undefined;
    phrase.forEach((candidate, index) => {
      const cost = wordCost(word, candidate);
      if (cost !== undefined && (best === undefined || cost < best.cost)) best = { cost, index };
    });
    if (best === undefined) return undefined;
    total += best.cost;
    used.add(best.index);
  }
  return total + 0.1 * (phrase.length - used.size);
}

/**
 * The entries that match a query, best first (at most `limit`); nothing for fewer than 2 letters.
 * @example searchServices("мои записи", entries)[0]?.path // "/appointments"
 */
export function searchServices(query: string, entries: readonly SearchEntry[], limit = 8): SearchEntry[] {
  const typed = normalizeWords(query);
  if (typed.join("").length < 2) return [];
  const scored: { entry: SearchEntry; cost: number }[] = [];
  for (const entry of entries) {
    let best: number | undefined;
    for (const phrase of entry.phrases) {
      const cost = phraseCost(typed, normalizeWords(phrase));
      if (cost !== undefined && (best === undefined || cost < best)) best = cost;
    }
    if (best !== undefined) scored.push({ entry, cost: best });
  }
  scored.sort((a, b) => a.cost - b.cost || a.entry.label.localeCompare(b.entry.label, "ru"));
  const seen = new Set<string>();
  return scored
    .map((s) => s.entry)
    .filter((entry) => !seen.has(entry.path) && Boolean(seen.add(entry.path)))
    .slice(0, limit);
}

/** The sections, with what people call them. */
const SECTION_ENTRIES: readonly SearchEntry[] = [
  {
    label: "Запись к врачу",
    hint: "Врачи, даты и свободное время",
    path: "/calendar",
    phrases: [
      "Запись к врачу",
      "записаться к врачу",
      "записаться на прием",
      "расписание врачей",
      "свободное время",
    ],
  },
  {
    label: "Мои направления",
    hint: "Направления от врачей",
    path: "/referrals",
    phrases: ["Мои направления", "направление", "найти направление", "направление к врачу"],
  },
  {
    label: "Мои записи",
    hint: "Талоны, перенос и отмена записи",
    path: "/appointments",
    phrases: ["Мои записи", "талон", "отменить запись", "перенести запись"],
  },
  {
    label: "Личный кабинет",
    hint: "Профиль, документы, вход",
    path: "/cabinet",
    phrases: ["Личный кабинет", "профиль", "кабинет", "войти", "вход", "регистрация", "мои данные", "дети"],
  },
];

/** What people call the specialties besides their names. */
const SPECIALTY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  therapist: ["терапевт", "участковый врач", "врач общей практики"],
  pediatrician: ["педиатр", "детский врач"],
  cardiologist: ["кардиолог", "сердце", "врач по сердцу"],
  neurologist: ["невролог", "невропатолог"],
  orthopedist: ["ортопед", "травматолог"],
  gastroenterologist: ["гастроэнтеролог", "гастроэнтерология", "желудок"],
  dermatologist: ["дерматолог", "кожный врач", "кожа"],
  ophthalmologist: ["офтальмолог", "окулист", "глазной", "глазной врач", "глаза", "зрение"],
  ultrasound: ["узи", "ультразвук", "ультразвуковое исследование"],
  laboratory: ["анализы", "анализ крови", "лаборатория"],
};

/** The entries of the search: sections, then one per specialty and one per clinic. */
export function buildSearchEntries(
  specialties: readonly SearchSpecialty[],
  clinics: readonly SearchClinic[],
): SearchEntry[] {
  return [
    ...SECTION_ENTRIES,
    ...specialties.map((s) => ({
      label: s.nameRu,
      hint: "Направления к этому специалисту",
      path: `/referrals?specialty=${encodeURIComponent(s.code)}`,
      phrases: [s.nameRu, ...(SPECIALTY_SYNONYMS[s.code] ?? [])],
    })),
    ...clinics.map((c) => ({
      label: c.shortName,
      hint: `Запись: ${c.fullName}`,
      path: `/calendar?clinic=${encodeURIComponent(c.id)}`,
      phrases: [c.shortName, c.fullName],
    })),
  ];
}
