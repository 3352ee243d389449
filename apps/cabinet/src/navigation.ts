/** The first path segment under the remote's base path: `/cabinet/sign-up` → `sign-up`. */
export function segmentFromPath(basePath: string, pathname: string): string {
  const base = basePath.replace(/\/+$/, "");
  if (!pathname.startsWith(`${base}/`)) return "";
  return pathname.slice(base.length + 1).split("/")[0] ?? "";
}

/** The shell path of a view: `pathFor("/cabinet", "sign-up")` → `/cabinet/sign-up`. */
export function pathFor(basePath: string, segment: string): string {
  const base = basePath.replace(/\/+$/, "");
  return segment === "" ? base || "/" : `${base}/${segment}`;
}

/** A stand-in base to parse `next` against: a result on any other origin left the site. */
const PLACEHOLDER_ORIGIN = "https://priyom.invalid";

/**
 * Where to go after signing in, from `?next=` (the widget pop-up sends people here and back): only
 * a path of this site. Anything that could leave it — another scheme, `//host`, a backslash that a
 * browser reads as a slash, control characters — is dropped.
 * @example returnPathFromSearch("?next=%2Fwidget%2Fconnect%3Forigin%3Dx") // "/widget/connect?origin=x"
 * @example returnPathFromSearch("?next=%2F%2Fevil.example") // undefined
 */
export function returnPathFromSearch(search: string): string | undefined {
  const next = new URLSearchParams(search).get("next");
  if (next === null || !next.startsWith("/") || next.startsWith("//")) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return undefined;
  const url = new URL(next, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
