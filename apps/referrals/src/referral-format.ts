import type { TReferral, TReferralEvent } from "@priyom/api-client";
import { ruPluralRule } from "@priyom/ui";
import { utcOffsetMinutes } from "@priyom/domain";

// How referrals read in Russian: statuses, dates, days left, time zones, the order of the list.

export const STATUS_LABELS: Record<TReferral["status"], string> = {
  active: "активно",
  booked: "записан",
  used: "использовано",
  expired: "истекло",
  withdrawn: "отозвано",
};

export const URGENCY_LABELS: Record<TReferral["urgency"], string> = {
  emergency: "экстренное",
  urgent: "неотложное",
  planned: "плановое",
};

export const KIND_LABELS: Record<TReferral["kind"], string> = {
  regular: "обычное",
  therapist: "от терапевта",
  long_term: "на длительное лечение",
  emergency: "экстренное",
};

export const EVENT_LABELS: Record<TReferralEvent["kind"], string> = {
  issued: "Выдано",
  extended: "Продлено",
  matched: "Найдено в вашем профиле",
  booked: "Запись к врачу",
  rescheduled: "Запись перенесена",
  cancelled: "Запись отменена",
  used: "Приём состоялся",
  missed: "Неявка на приём",
  expired: "Срок действия истёк",
  withdrawn: "Отозвано",
};

/** Russian zones by IANA name, as «время …» (genitive of the city). */
const ZONE_CITIES: Record<string, string> = {
  "Europe/Kaliningrad": "Калининграда",
  "Europe/Moscow": "Москвы",
  "Europe/Simferopol": "Симферополя",
  "Europe/Kirov": "Кирова",
  "Europe/Volgograd": "Волгограда",
  "Europe/Samara": "Самары",
  "Europe/Astrakhan": "Астрахани",
  "Europe/Saratov": "Саратова",
  "Europe/Ulyanovsk": "Ульяновска",
  "Asia/Yekaterinburg": "Екатеринбурга",
  "Asia/Omsk": "Омска",
  "Asia/Novosibirsk": "Новосибирска",
  "Asia/Barnaul": "Барнаула",
  "Asia/Tomsk": "Томска",
  "Asia/Novokuznetsk": "Новокузнецка",
  "Asia/Krasnoyarsk": "Красноярска",
  "Asia/Irkutsk": "Иркутска",
  "Asia/Chita": "Читы",
  "Asia/Yakutsk": "Якутска",
  "Asia/Khandyga": "Хандыги",
  "Asia/Vladivostok": "Владивостока",
  "Asia/Ust-Nera": "Усть-Неры",
  "Asia/Magadan": "Магадана",
  "Asia/Sakhalin": "Сахалина",
  "Asia/Srednekolymsk": "Среднеколымска",
  "Asia/Kamchatka": "Камчатки",
  "Asia/Anadyr": "Анадыря",
};

/** The browser's IANA zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * «время Владивостока» when the zone's offset differs from the browser's now; undefined when they agree.
 * Unknown zones are named by their IANA name.
 * @example zoneNote("Asia/Vladivostok", "Europe/Moscow") // "время Владивостока"
 */
export function zoneNote(
  timeZone: string,
  browserZone: string,
  now: number = Date.now(),
): string | undefined {
  try {
    if (utcOffsetMinutes(now, timeZone) === utcOffsetMinutes(now, browserZone)) return undefined;
  } catch {
    // An unknown zone name: say which it is rather than hide it.
  }
  return `время ${ZONE_CITIES[timeZone] ?? timeZone}`;
}

/** YYYY-MM-DD → ДД.ММ.ГГГГ; anything else unchanged. */
export function formatRuDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** An ISO instant as «02.03.2025, 14:05» in the browser's zone. */
export function formatRuDateTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat("ru-RU", { dateStyle: "short", timeStyle: "short" }).format(date);
}

/** «5 дней», «1 день», «2 дня». */
export function pluralDays(n: number): string {
  const forms = ["день", "дня", "дней"] as const;
  return `${n} ${forms[ruPluralRule(n, 3)] ?? "дней"}`;
}

/**
 * The validity line of a card.
 * @example validityText({ status: "active", lastValidDay: "2025-03-02", daysLeft: 5 }) // "Действует до 02.03.2025 (ещё 5 дней)"
 */
export function validityText(r: Pick<TReferral, "status" | "lastValidDay" | "daysLeft">): string {
  const until = formatRuDate(r.lastValidDay);
  if (r.status === "expired" || r.daysLeft < 0) return `Действовало до ${until}`;
  if (r.status === "used" || r.status === "withdrawn") return `Срок действия — до ${until}`;
  if (r.daysLeft === 0) return `Действует до ${until} (сегодня последний день)`;
  return `Действует до ${until} (ещё ${pluralDays(r.daysLeft)})`;
}

/** «Истекает через 2 дня» / «Истекает сегодня». */
export function expiringText(daysLeft: number): string {
  return daysLeft <= 0 ? "Истекает сегодня" : `Истекает через ${pluralDays(daysLeft)}`;
}

/** Whose referral, as shown: «Иванова Мария Ивановна (ребёнок)». */
export function whoseText(patient: TReferral["patient"]): string {
  return patient.kind === "child" ? `${patient.name} (ребёнок)` : patient.name;
}

export interface ReferralSections {
  /** Active and booked (soonest last day first), then used and withdrawn (latest first). */
  current: TReferral[];
  /** Expired: shown apart as «Недействительные». */
  invalid: TReferral[];
}

const RANK: Record<TReferral["status"], number> = { active: 0, booked: 0, used: 1, withdrawn: 1, expired: 2 };

/** Splits and orders the list as «Мои направления» shows it. */
export function sectionReferrals(items: readonly TReferral[]): ReferralSections {
  const sorted = [...items].sort((a, b) => {
    const rank = RANK[a.status] - RANK[b.status];
    if (rank !== 0) return rank;
    const byDay =
      RANK[a.status] === 0
        ? a.lastValidDay.localeCompare(b.lastValidDay)
        : b.lastValidDay.localeCompare(a.lastValidDay);
    return byDay !== 0 ? byDay : a.number.localeCompare(b.number);
  });
  return {
    current: sorted.filter((r) => r.status !== "expired"),
    invalid: sorted.filter((r) => r.status === "expired"),
  };
}
