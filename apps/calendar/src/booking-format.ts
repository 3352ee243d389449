import { SPECIALTIES } from "@priyom/domain";
import { ruPluralRule } from "@priyom/ui";
import { utcOffsetLabel } from "./clinic-format.ts";

// How booking reads in Russian: dates, times with their zone, doctors' names, the countdown.

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

const MONTHS_NOMINATIVE = [
  "Январь",
  "Февраль",
  "Март",
  "Апрель",
  "Май",
  "Июнь",
  "Июль",
  "Август",
  "Сентябрь",
  "Октябрь",
  "Ноябрь",
  "Декабрь",
] as const;

/** Monday first, as Russian calendars are printed. */
export const WEEKDAYS_SHORT = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"] as const;
export const WEEKDAYS_LONG = [
  "понедельник",
  "вторник",
  "среда",
  "четверг",
  "пятница",
  "суббота",
  "воскресенье",
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

function parts(date: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * The zone as people read it: city and offset at an instant (zones change by law).
 * @example zoneLabel("Europe/Kaliningrad", new Date("2026-11-27T08:00:00Z")) // "Калининград, UTC+2"
 */
export function zoneLabel(timeZone: string, at: Date): string {
  const city = ZONE_CITIES[timeZone] ?? timeZone;
  const offset = utcOffsetLabel(timeZone, at);
  return offset === undefined ? city : `${city}, ${offset}`;
}

/**
 * A local start with its zone named, the offset taken at that very instant.
 * @example slotTimeText({ localTime: "10:15", timeZone: "Europe/Kaliningrad", startsAt: "2026-11-27T08:15:00Z" })
 * // "10:15 (Калининград, UTC+2)"
 */
export function slotTimeText(slot: { localTime: string; timeZone: string; startsAt: string }): string {
  const at = new Date(slot.startsAt);
  return `${slot.localTime} (${zoneLabel(slot.timeZone, Number.isNaN(at.getTime()) ? new Date() : at)})`;
}

/** «27 ноября»; anything that is not `YYYY-MM-DD` unchanged. */
export function dayMonthText(date: string): string {
  const p = parts(date);
  return p ? `${p.day} ${MONTHS_GENITIVE[p.month - 1] ?? ""}` : date;
}

/** «27 ноября 2026». */
export function fullDateText(date: string): string {
  const p = parts(date);
  return p ? `${p.day} ${MONTHS_GENITIVE[p.month - 1] ?? ""} ${p.year}` : date;
}

/** «пятница, 27 ноября 2026». */
export function weekdayDateText(date: string, weekday: number): string {
  return `${WEEKDAYS_LONG[weekday - 1] ?? ""}, ${fullDateText(date)}`;
}

/** «Ноябрь 2026» of `YYYY-MM`. */
export function monthTitle(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTHS_NOMINATIVE[Number(m[2]) - 1] ?? ""} ${m[1]}` : month;
}

/** `YYYY-MM-DD` → «12.04.1985». */
export function ruDate(date: string): string {
  const p = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return p ? `${p[3]}.${p[2]}.${p[1]}` : date;
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

/** «Иванов Иван Иванович» from the parts a doctor is sent with. */
export function fullName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter((x): x is string => Boolean(x)).join(" ");
}

/**
 * The accessible name of a slot button: time, date, doctor.
 * @example slotName({ localTime: "10:15", localDate: "2026-11-27" }, "Иванов Иван Иванович")
 * // "10:15, 27 ноября, врач Иванов И. И."
 */
export function slotName(slot: { localTime: string; localDate: string }, doctorName?: string): string {
  const base = `${slot.localTime}, ${dayMonthText(slot.localDate)}`;
  return doctorName ? `${base}, врач ${shortName(doctorName)}` : base;
}

/**
 * How many free starts a day has, for its accessible name.
 * @example freeCountText(12) // "12 свободных"; freeCountText(1) // "1 свободное"; freeCountText(0) // "нет свободного времени"
 */
export function freeCountText(n: number): string {
  if (n <= 0) return "нет свободного времени";
  const forms = ["свободное", "свободных", "свободных"] as const;
  return `${n} ${forms[ruPluralRule(n, 3)] ?? "свободных"}`;
}

/**
 * Minutes and seconds left, never below zero.
 * @example countdownText(299) // "4:59"
 */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const VISIT_MODES: Record<string, string> = { in_person: "Очно", video: "Видеоприём", phone: "По телефону" };

/** «Очно», «Видеоприём», «По телефону». */
export function visitModeRu(mode: string): string {
  return VISIT_MODES[mode] ?? mode;
}

const PLACE_TYPES: Record<string, string> = {
  polyclinic: "Поликлиника",
  hospital: "Больница",
  centre: "Медицинский центр",
};

/** A clinic's place type as patients read it; unknown types unchanged. */
export function placeTypeText(placeType: string): string {
  return PLACE_TYPES[placeType] ?? placeType;
}

/**
 * A specialty as patients read it, whether the API sent its code or its name.
 * @example specialtyText("cardiologist") // "Кардиолог"
 */
export function specialtyText(codeOrName: string): string {
  return SPECIALTIES.find((s) => s.code === codeOrName)?.nameRu ?? codeOrName;
}
