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
 * The UTC offset of an IANA zone at a given instant, as "UTC+5" or "UTC+5:30"; undefined for an
 * unknown zone. The instant is a parameter: zones change by law.
 * @example utcOffsetLabel("Asia/Yekaterinburg", new Date("2026-01-01T00:00:00Z")) // "UTC+5"
 */
export function utcOffsetLabel(timeZone: string, at: Date): string | undefined {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
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
 * A Russian phone number for reading and a tel: link; other strings are shown as they are.
 * @example formatPhone("+73432000000") // { text: "+7 343 200-00-00", href: "tel:+73432000000" }
 */
export function formatPhone(phone: string): { text: string; href: string } {
  const digits = phone.replace(/[^\d+]/g, "");
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return { text: phone, href: `tel:${digits}` };
  const [, a, b, c, d] = match;
  return { text: `+7 ${a ?? ""} ${b ?? ""}-${c ?? ""}-${d ?? ""}`, href: `tel:${digits}` };
}
