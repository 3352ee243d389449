import type { TAppointment, THistoryEntry, TPriorityRequest, TWaitlistEntry } from "@priyom/api-client";
import {
  isoWeekday,
  localDateTimeInZone,
  SPECIALTIES,
  utcOffsetMinutes,
  zonedLocalToUtc,
} from "@priyom/domain";
import { ruPluralRule } from "@priyom/ui";

// How «Мои записи» reads in Russian: statuses, dates and times with their zone, who did what.
// The zone wording is this app's own small helper: the calendar and referrals remotes have similar
// ones, but apps never import each other.

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

const WEEKDAYS = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"] as const;

/** Russia's zones by IANA name, the city in the genitive: «по времени Владивостока». */
const ZONE_CITIES_GENITIVE: Record<string, string> = {
  "Europe/Kaliningrad": "Калининграда",
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

/**
 * The UTC offset of a zone at an instant, «UTC+10» or «UTC+5:30»; undefined for a zone Intl does not know.
 * @example utcOffsetText("Asia/Vladivostok", Date.UTC(2026, 10, 27)) // "UTC+10"
 */
export function utcOffsetText(timeZone: string, at: number): string | undefined {
  try {
    const minutes = utcOffsetMinutes(at, timeZone);
    const sign = minutes < 0 ? "-" : "+";
    const abs = Math.abs(minutes);
    const rest = abs % 60;
    return `UTC${sign}${Math.floor(abs / 60)}${rest === 0 ? "" : `:${String(rest).padStart(2, "0")}`}`;
  } catch {
    return undefined;
  }
}

/**
 * Which clock a local time is on, as it follows the time: «по времени Владивостока (UTC+10)».
 * Moscow reads «по московскому времени»; a zone without a Russian city is named by its IANA name.
 * The offset is taken at the instant itself: zones change by law.
 * @example zoneWording("Asia/Vladivostok", Date.UTC(2026, 10, 27)) // "по времени Владивостока (UTC+10)"
 */
export function zoneWording(timeZone: string, at: number): string {
  const city = ZONE_CITIES_GENITIVE[timeZone];
  const words =
    timeZone === "Europe/Moscow"
      ? "по московскому времени"
      : city
        ? `по времени ${city}`
        : `по времени зоны ${timeZone}`;
  const offset = utcOffsetText(timeZone, at);
  return offset === undefined ? words : `${words} (${offset})`;
}

function dateParts(date: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/** «27 ноября 2026»; anything that is not `YYYY-MM-DD` unchanged. */
export function fullDateText(date: string): string {
  const p = dateParts(date);
  return p ? `${p.day} ${MONTHS_GENITIVE[p.month - 1] ?? ""} ${p.year}` : date;
}

/** «пятница, 27 ноября 2026». */
export function weekdayDateText(date: string): string {
  if (!dateParts(date)) return date;
  return `${WEEKDAYS[isoWeekday(date) - 1] ?? ""}, ${fullDateText(date)}`;
}

/**
 * A visit's local date and time with its zone named.
 * @example visitTimeText({ localDate: "2026-11-27", localTime: "10:15", timeZone: "Asia/Vladivostok", startsAt: "2026-11-27T00:15:00Z" })
 * // "пятница, 27 ноября 2026, 10:15 по времени Владивостока (UTC+10)"
 */
export function visitTimeText(visit: {
  localDate: string;
  localTime: string;
  timeZone: string;
  /** The instant, when known; else it is derived from the local date, time and zone. */
  startsAt?: string | undefined;
}): string {
  const at = visit.startsAt ? new Date(visit.startsAt).getTime() : derivedInstant(visit);
  const zone = zoneWording(visit.timeZone, Number.isNaN(at) ? Date.now() : at);
  return `${weekdayDateText(visit.localDate)}, ${visit.localTime} ${zone}`;
}

function derivedInstant(visit: { localDate: string; localTime: string; timeZone: string }): number {
  try {
    return zonedLocalToUtc(visit.localDate, visit.localTime, visit.timeZone).getTime();
  } catch {
    return Number.NaN;
  }
}

/**
 * A range of local dates, as short as it reads well.
 * @example dateRangeText("2026-12-01", "2026-12-14") // "с 1 по 14 декабря 2026"
 * @example dateRangeText("2026-11-25", "2026-12-03") // "с 25 ноября по 3 декабря 2026"
 */
export function dateRangeText(from: string, to: string): string {
  const a = dateParts(from);
  const b = dateParts(to);
  if (!a || !b) return `с ${from} по ${to}`;
  if (from === to) return fullDateText(from);
  if (a.year === b.year && a.month === b.month) return `с ${a.day} по ${fullDateText(to)}`;
  if (a.year === b.year) return `с ${a.day} ${MONTHS_GENITIVE[a.month - 1] ?? ""} по ${fullDateText(to)}`;
  return `с ${fullDateText(from)} по ${fullDateText(to)}`;
}

/** The browser's IANA zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An instant (when something happened) as «26 ноября 2026, 14:05» on the patient's own clock.
 * @example instantText("2026-11-26T11:05:00Z", "Europe/Moscow") // "26 ноября 2026, 14:05"
 */
export function instantText(iso: string, timeZone: string = browserTimeZone()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    const local = localDateTimeInZone(at, timeZone);
    return `${fullDateText(local.localDate)}, ${local.localTime}`;
  } catch {
    return iso;
  }
}

/** An appointment's status as patients read it, and the mark shown beside it (the cue beyond colour). */
export const APPOINTMENT_STATUS: Record<TAppointment["status"], { label: string; mark: string }> = {
  booked: { label: "Записан", mark: "●" },
  cancelled: { label: "Отменена", mark: "✕" },
  rescheduled: { label: "Перенесена", mark: "↻" },
  done: { label: "Состоялся", mark: "✓" },
  missed: { label: "Неявка", mark: "!" },
};

export const WAITLIST_STATUS: Record<TWaitlistEntry["status"], string> = {
  waiting: "В очереди",
  offered: "Предложено время",
  booked: "Записан",
  left: "Вы вышли из очереди",
  expired: "Ожидание завершено",
};

export const PRIORITY_STATUS: Record<TPriorityRequest["status"], { label: string; mark: string }> = {
  pending: { label: "На рассмотрении", mark: "…" },
  approved: { label: "Одобрен", mark: "✓" },
  declined: { label: "Отклонён", mark: "✕" },
  withdrawn: { label: "Отозван", mark: "–" },
};

export const URGENCY_TEXT: Record<TPriorityRequest["urgency"], string> = {
  normal: "обычная",
  urgent: "срочная",
};

export const HISTORY_ACTOR: Record<THistoryEntry["actor"], string> = {
  patient: "Вы",
  clinic: "Поликлиника",
  admin: "Администратор",
  system: "Система",
};

/**
 * A specialty as patients read it, whether the API sent its code or its name.
 * @example specialtyText("cardiologist") // "Кардиолог"
 */
export function specialtyText(codeOrName: string): string {
  return SPECIALTIES.find((s) => s.code === codeOrName)?.nameRu ?? codeOrName;
}

/** Whose visit: «Иванова Мария Ивановна (ребёнок)». */
export function patientText(patient: TAppointment["patient"]): string {
  return patient.kind === "child" ? `${patient.name} (ребёнок)` : patient.name;
}

/** Who cancelled a visit, as its card says. */
export function cancelledByText(by: TAppointment["cancelledBy"]): string | undefined {
  if (by === "patient") return "Запись отменили вы";
  if (by === "clinic") return "Запись отменила поликлиника";
  return undefined;
}

/**
 * «Вы 3-й в очереди».
 * @example positionText(1) // "Вы 1-й в очереди"
 */
export function positionText(position: number): string {
  return `Вы ${position}-й в очереди`;
}

/**
 * Minutes and seconds left, never below zero.
 * @example countdownText(899) // "14:59"
 */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * A link the API sent (a video visit's), when it is a web address: anything else is not made a link.
 * @example webLink("javascript:alert(1)") // undefined
 */
export function webLink(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registry phone as the clinic wrote it, and a tel: link.
 * @example phoneLink("+7 4012 55-66-77") // { text: "+7 4012 55-66-77", href: "tel:+74012556677" }
 */
export function phoneLink(phone: string): { text: string; href: string } {
  return { text: phone.trim(), href: `tel:${phone.replace(/[^\d+]/g, "")}` };
}

function hoursText(n: number): string {
  const forms = ["час", "часа", "часов"] as const;
  return `${n} ${forms[ruPluralRule(n, 3)] ?? "часов"}`;
}

/**
 * How long before the start a visit may still be changed, as the server set it (its `changeableUntil`);
 * 24 hours, the default of DOMAIN.md, when the server gave no deadline.
 */
export function changeCutoffHours(appointment: Pick<TAppointment, "startsAt" | "changeableUntil">): number {
  if (!appointment.changeableUntil) return 24;
  const ms = new Date(appointment.startsAt).getTime() - new Date(appointment.changeableUntil).getTime();
  const hours = Math.round(ms / 3_600_000);
  return Number.isFinite(hours) && hours > 0 ? hours : 24;
}

/**
 * Why «Перенести» and «Отменить» are off.
 * @example changeClosedText(24) // "Перенести или отменить запись можно не позднее чем за 24 часа до приёма."
 */
export function changeClosedText(cutoffHours: number): string {
  return `Перенести или отменить запись можно не позднее чем за ${hoursText(cutoffHours)} до приёма.`;
}

/**
 * Whether the patient may still reschedule or cancel: the visit is booked and the server's deadline
 * (`changeableUntil`, the last allowed instant) has not passed. The server decides again on every change.
 */
export function isChangeable(
  appointment: Pick<TAppointment, "status" | "changeableUntil">,
  now: number,
): boolean {
  if (appointment.status !== "booked" || !appointment.changeableUntil) return false;
  const until = new Date(appointment.changeableUntil).getTime();
  return !Number.isNaN(until) && now <= until;
}
