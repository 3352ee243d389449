import type { LocalMessage } from "../../validation.ts";

/** What the database accepts as an origin (the `partners_origin_format` check), mirrored here. */
const STORED_ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

export const ORIGIN_FIELD_MESSAGE: LocalMessage = {
  ru: "Укажите адрес сайта без пути, например https://portal.example.ru",
  en: "Give the site's address without a path, for example https://portal.example.ru",
};

/**
 * The origin exactly as a browser sends it in `Origin` (lower case, default port dropped), or
 * `null` when the text is not a bare http(s) origin: a path, query, fragment or credentials would
 * never match what browsers send, so they are refused rather than silently cut off.
 */
export function normalizeOrigin(raw: string): string | null {
  const text = raw.trim();
  // `new URL` drops an empty query or fragment ("https://a.ru?"), which would hide a typo.
  if (text === "" || /[?#\s@\\]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "" || url.pathname !== "/") return null;
  // Still refused: IPv6 literals and anything else the database's check would refuse.
  return STORED_ORIGIN.test(url.origin) && url.origin.length <= 200 ? url.origin : null;
}
