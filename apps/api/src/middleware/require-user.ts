import type { TRole } from "@priyom/contracts";
import { createMiddleware } from "hono/factory";
import type { AppEnv, SessionUser } from "../context.ts";
import { AppError } from "../errors.ts";

/**
 * Lets the request through only with a signed-in user (401 otherwise) of one of `roles` (403
 * otherwise; any role when none are given). Handlers then read the user with `signedInUser(c)`.
 */
export function requireUser(...roles: TRole[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get("user");
    if (!user) throw new AppError("unauthorized");
    if (roles.length > 0 && !roles.includes(user.role)) throw new AppError("forbidden");
    await next();
  });
}

/** The signed-in user of a request that passed `requireUser`. */
export function signedInUser(c: { get: (key: "user") => SessionUser | null }): SessionUser {
  const user = c.get("user");
  if (!user)
    throw new AppError("unauthorized", { logMessage: "signedInUser used on a route without requireUser" });
  return user;
}
