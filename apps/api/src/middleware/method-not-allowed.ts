import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

/** One registered route as Hono lists it in `app.routes`. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/**
 * `ALL` entries are middleware (`app.use`) or catch-alls, not methods a path offers; `/*` alone is
 * the front end's page fallback, which would make every unknown path "known".
 */
function offersMethods(route: RegisteredRoute): boolean {
  return route.method !== "ALL" && route.path !== "/*";
}

/** Hono's path pattern as a regular expression: `:name` is one segment, `*` anything after. */
function patternOf(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      if (segment.startsWith(":")) return "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * Answers 405 with `Allow` to a method that a known path does not have (TRACE, PROPFIND, DELETE on
 * a read-only resource …): Hono's router would say 404, which hides that the path exists only from
 * someone who already knows it, and confuses every honest client. Unknown paths stay 404; HEAD and
 * OPTIONS pass on (HEAD is served by GET, OPTIONS by the partner CORS preflight). `routes` is read on
 * the first request, when every route is registered.
 */
export function methodNotAllowed(routes: () => readonly RegisteredRoute[]) {
  let table: { pattern: RegExp; method: string }[] | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method;
    if (method === "HEAD" || method === "OPTIONS") return next();
    table ??= routes()
      .filter(offersMethods)
      .map((route) => ({ pattern: patternOf(route.path), method: route.method }));
    const allowed = new Set<string>();
    for (const route of table) if (route.pattern.test(c.req.path)) allowed.add(route.method);
    if (allowed.size === 0 || allowed.has(method)) return next();
    if (allowed.has("GET")) allowed.add("HEAD");
    c.header("Allow", [...allowed].sort().join(", "));
    return errorResponse(c, "method_not_allowed");
  });
}
