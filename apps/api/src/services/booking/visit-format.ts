import { utcOffsetMinutes } from "@priyom/domain";

/** Russian names of the zones Russia uses, as people say them. */
const ZONE_NAMES: Readonly<Record<string, string>> = {
  "Europe/Kaliningrad": "Калининград",
  "Europe/Moscow": "Москва",
  "Europe/Simferopol": "Симферополь",
  "Europe/Kirov": "Киров",
  "Europe/Volgograd": "Волгоград",
  "Europe/Astrakhan": "Астрахань",
  "Europe/Saratov": "Саратов",
  "Europe/Ulyanovsk": "Ульяновск",
  "Europe/Samara": "Самара",
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
 * The zone as the ticket names it, with its offset at `at` (zones change by law, so the instant is
 * a parameter): «Москва (UTC+3)»; an unlisted zone keeps its IANA name.
 *
 * @example
 * timeZoneLabel("Asia/Vladivostok", new Date("2026-03-04T00:00:00Z")); // "Владивосток (UTC+10)"
 */
export function timeZoneLabel(timeZone: string, at: Date): string {
  const minutes = utcOffsetMinutes(at.getTime(), timeZone);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  const offset = `UTC${sign}${Math.floor(abs / 60)}${rest === 0 ? "" : `:${String(rest).padStart(2, "0")}`}`;
  return `${ZONE_NAMES[timeZone] ?? timeZone} (${offset})`;
}

/**
 * A local date `YYYY-MM-DD` as Russians write it.
 *
 * @example
 * ruDate("2026-03-04"); // "04.03.2026"
 */
export function ruDate(localDate: string): string {
  const [y, m, d] = localDate.split("-");
  return `${d ?? ""}.${m ?? ""}.${y ?? ""}`;
}

const WEEKDAYS = ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"];

/**
 * The weekday of a local date, in Russian.
 *
 * @example
 * ruWeekday("2026-03-04"); // "среда"
 */
export function ruWeekday(localDate: string): string {
  return WEEKDAYS[new Date(`${localDate}T12:00:00Z`).getUTCDay()] ?? "";
}
