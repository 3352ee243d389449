import type { TPlaceType } from "@priyom/api-client";

const PLACE_TYPE_RU: Record<TPlaceType, string> = {
  polyclinic: "Поликлиника",
  hospital: "Больница",
  centre: "Медицинский центр",
};

/** The place type as patients read it. */
export function placeTypeRu(placeType: TPlaceType): string {
  return PLACE_TYPE_RU[placeType];
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using it (milliseconds
 * on a slow phone), and screens render their zone on every update — a pick of a time included.
 */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    // Throws a RangeError for an unknown zone: nothing is kept for it.
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The UTC offset of an IANA zone at a given instant, as "UTC+5" or "UTC+5:30"; undefined for an
 * unknown zone. The instant is a parameter: zones change by law.
 * @example utcOffsetLabel("Asia/Yekaterinburg", new Date("2026-01-01T00:00:00Z")) // "UTC+5"
 */
export function utcOffsetLabel(timeZone: string, at: Date): string | undefined {
  try {
    const part = offsetFormat(timeZone)
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    if (part === undefined) return undefined;
    const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(part);
    if (!match) return undefined;
    const [, sign, hours, minutes] = match;
    if (sign === undefined || hours === undefined || minutes === undefined) return "UTC+0";
    return `UTC${sign}${Number(hours)}${minutes === "00" ? "" : `:${minutes}`}`;
  } catch {
    return undefined;
  }
}

/**
 * «Время местное: Asia/Yekaterinburg (UTC+5)».
 * @example localTimeNote("Europe/Moscow", new Date()) // "Время местное: Europe/Moscow (UTC+3)"
 */
export function localTimeNote(timeZone: string, at: Date): string {
  const offset = utcOffsetLabel(timeZone, at);
  return offset === undefined ? `Время местное: ${timeZone}` : `Время местное: ${timeZone} (${offset})`;
}

/**
 * The registry phone as the clinic wrote it, and a tel: link. Landline area codes have 3 to 5
 * digits (+7 495 …, +7 4012 …), so regrouping the digits would misplace them: the text is kept.
 * @example formatPhone("+7 4012 55-66-77") // { text: "+7 4012 55-66-77", href: "tel:+74012556677" }
 */
export function formatPhone(phone: string): { text: string; href: string } {
  return { text: phone.trim(), href: `tel:${phone.replace(/[^\d+]/g, "")}` };
}
