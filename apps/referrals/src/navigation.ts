/** The first path segment under the remote's base path: `/referrals/ref_1` → `ref_1`. */
export function segmentFromPath(basePath: string, pathname: string): string {
  const base = basePath.replace(/\/+$/, "");
  if (!pathname.startsWith(`${base}/`)) return "";
  return decodeURIComponent(pathname.slice(base.length + 1).split("/")[0] ?? "");
}

/** The shell path of a view: `pathFor("/referrals", "ref_1")` → `/referrals/ref_1`. */
export function pathFor(basePath: string, segment: string): string {
  const base = basePath.replace(/\/+$/, "");
  return segment === "" ? base || "/" : `${base}/${encodeURIComponent(segment)}`;
}

/** The specialty filter of `/referrals?specialty=cardiologist`, if any. */
export function specialtyFromSearch(search: string): string | undefined {
  const code = new URLSearchParams(search).get("specialty")?.trim();
  return code ? code : undefined;
}

/** Where «Записаться» leads: the calendar section, which reads the referral from the query. */
export function calendarPathFor(referralId: string): string {
  return `/calendar?referral=${encodeURIComponent(referralId)}`;
}
