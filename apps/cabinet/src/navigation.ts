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
