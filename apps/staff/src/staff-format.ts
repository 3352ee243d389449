import type { TAlternativeSlot } from "@priyom/api-client";
import { ruPluralRule } from "@priyom/ui";

// How the staff screens read in Russian: dates, times with their zone, statuses, counts.

const MONTHS_GENITIVE = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
] as const;

/** Russian zones by IANA name, as the city people know them by. */
const ZONE_CITIES: Record<string, string> = {
  "Europe/Kaliningrad": "Калининград",
  "Europe/Moscow": "Москва",
  "Europe/Simferopol": "Симферополь",
  "Europe/Kirov": "Киров",
  "Europe/Volgograd": "Волгоград",
  "Europe/Samara": "Самара",
  "Europe/Astrakhan": "Астрахань",
  "Europe/Saratov": "Саратов",
  "Europe/Ulyanovsk": "Ульяновск",
  "Asia/Yekaterinburg": "Екатеринбург",
  "Asia/Omsk": "Омск",
  "Asia/Novosibirsk": "Новосибирск",
  "Asia/Barnaul": "Барнаул",
  "Asia/Tomsk": "Томск",
  "Asia/Novokuznetsk": "Новокузнецк",
  "Asia/Krasnoyarsk": "Красноярск",
  "Asia/Irkutsk": "Иркутск",
  "Asia/Chita": "Чита",
  "Asia/Yakutsk": "Якутск",
  "Asia/Khandyga": "Хандыга",
  "Asia/Vladivostok": "Владивосток",
  "Asia/Ust-Nera": "Усть-Нера",
  "Asia/Magadan": "Магадан",
  "Asia/Sakhalin": "Сахалин",
  "Asia/Srednekolymsk": "Среднеколымск",
  "Asia/Kamchatka": "Камчатка",
  "Asia/Anadyr": "Анадырь",
};

/**
 * Russian plural of a count: forms for 1, 2–4 and 5+ (21 takes the first, 11–14 the last).
 * @example countText(3, ["запрос", "запроса", "запросов"]) // "3 запроса"
 */
export function countText(n: number, forms: readonly [string, string, string]): string {
  return `${n} ${forms[ruPluralRule(n, 3)] ?? forms[2]}`;
}

/**
 * The UTC offset of a zone at an instant, «UTC+3» or «UTC+5:30»; undefined for an unknown zone.
 * @example utcOffsetLabel("Asia/Yekaterinburg", new Date("2026-01-01T00:00:00Z")) // "UTC+5"
 */
export function utcOffsetLabel(timeZone: string, at: Date): string | undefined {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    const match = part === undefined ? null : /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(part);
    if (!match) return undefined;
    const [, sign, hours, minutes] = match;
    if (sign === undefined || hours === undefined || minutes === undefined) return "UTC+0";
    return `UTC${sign}${Number(hours)}${minutes === "00" ? "" : `:${minutes}`}`;
  } catch {
    return undefined;
  }
}

/**
 * The zone as people read it: city and offset at an instant (zones change by law).
 * @example zoneLabel("Europe/Moscow", new Date("2026-03-10T07:00:00Z")) // "Москва, UTC+3"
 */
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  const city = ZONE_CITIES[timeZone] ?? timeZone;
  const offset = utcOffsetLabel(timeZone, Number.isNaN(at.getTime()) ? new Date() : at);
  return offset === undefined ? city : `${city}, ${offset}`;
}

/**
 * «12 марта 2026»; anything that is not `YYYY-MM-DD` unchanged.
 * @example fullDateText("2026-03-12") // "12 марта 2026"
 */
export function fullDateText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS_GENITIVE[Number(m[2]) - 1] ?? ""} ${m[1]}`;
}

/**
 * A slot's local date and time with its zone, the offset taken at its own instant.
 * @example slotText({ localDate: "2026-03-12", localTime: "10:15", timeZone: "Europe/Moscow", startsAt: "2026-03-12T07:15:00Z" })
 *   // "12 марта 2026, 10:15 (Москва, UTC+3)"
 */
export function slotText(slot: { localDate: string; localTime: string; timeZone: string; startsAt: string }) {
  return `${fullDateText(slot.localDate)}, ${slot.localTime} (${zoneLabel(slot.timeZone, new Date(slot.startsAt))})`;
}

/**
 * An instant as the viewer's clock shows it, «12.03.2026, 10:15»; the zone is a parameter for tests.
 * @example instantText("2026-03-12T07:15:00Z", "Europe/Moscow") // "12.03.2026, 10:15"
 */
export function instantText(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat("ru-RU", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/**
 * How long a request has waited, coarse: «меньше часа», «5 ч», «3 дня».
 * @example waitedText("2026-03-10T08:00:00Z", new Date("2026-03-13T09:00:00Z")) // "3 дня"
 */
export function waitedText(since: string, now: Date): string {
  const ms = now.getTime() - new Date(since).getTime();
  if (!Number.isFinite(ms) || ms < 3_600_000) return "меньше часа";
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 24) return `${hours} ч`;
  return countText(Math.floor(hours / 24), ["день", "дня", "дней"]);
}

/**
 * Surname and initials.
 * @example shortName("Иванов Иван Иванович") // "Иванов И. И."
 */
export function shortName(fullName: string): string {
  const [last, ...rest] = fullName.trim().split(/\s+/);
  if (last === undefined || last === "") return fullName;
  const initials = rest.map((name) => `${name.charAt(0)}.`).join(" ");
  return initials === "" ? last : `${last} ${initials}`;
}

export const PRIORITY_STATUS_LABELS = {
  pending: "Ожидают решения",
  approved: "Одобренные",
  declined: "Отклонённые",
  withdrawn: "Отозванные пациентом",
} as const;

export const PRIORITY_STATUS_ONE = {
  pending: "ожидает решения",
  approved: "одобрен",
  declined: "отклонён",
  withdrawn: "отозван пациентом",
} as const;

export const URGENCY_LABELS = { urgent: "Срочно", normal: "Обычная" } as const;

export const APPOINTMENT_STATUS_LABELS = {
  booked: "Записан",
  done: "Приём состоялся",
  missed: "Неявка",
  cancelled: "Отменена",
  rescheduled: "Перенесена",
} as const;

export const CHANNEL_LABELS = { sms: "SMS", email: "Электронная почта" } as const;

export const RESULT_LABELS = { success: "Успешно", failure: "Ошибка" } as const;

/**
 * A journal entry's details as `key=value` pairs, in the order the API sent them.
 * @example detailsPairs({ slotId: "slt_1", moved: true }) // ["slotId=slt_1", "moved=true"]
 */
export function detailsPairs(details: Record<string, string | number | boolean | null>): string[] {
  return Object.entries(details).map(([key, value]) => `${key}=${value === null ? "null" : String(value)}`);
}

/** Candidate slots of one doctor, nearest first. */
export interface DoctorSlots {
  doctor: TAlternativeSlot["doctor"];
  slots: TAlternativeSlot[];
}

/** Candidate slots of one clinic, by doctor. */
export interface ClinicSlots {
  clinic: TAlternativeSlot["clinic"];
  doctors: DoctorSlots[];
}

/**
 * Groups slots by clinic, then doctor, keeping the order in which each clinic and doctor first
 * appears (the API's: nearest first) and each doctor's slots by start.
 * @example groupSlots(items)[0]?.doctors[0]?.slots.length
 */
export function groupSlots(slots: readonly TAlternativeSlot[]): ClinicSlots[] {
  const clinics: ClinicSlots[] = [];
  for (const slot of slots) {
    let clinic = clinics.find((c) => c.clinic.id === slot.clinic.id);
    if (!clinic) {
      clinic = { clinic: slot.clinic, doctors: [] };
      clinics.push(clinic);
    }
    let doctor = clinic.doctors.find((d) => d.doctor.id === slot.doctor.id);
    if (!doctor) {
      doctor = { doctor: slot.doctor, slots: [] };
      clinic.doctors.push(doctor);
    }
    doctor.slots.push(slot);
  }
  for (const clinic of clinics) {
    for (const doctor of clinic.doctors) doctor.slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }
  return clinics;
}

/**
 * Today's date `YYYY-MM-DD` on a clock in a zone (the viewer's when none is named).
 * @example todayIn(new Date("2026-03-10T22:30:00Z"), "Europe/Moscow") // "2026-03-11"
 */
export function todayIn(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
