import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { errorResponse } from "./errors.ts";

/**
 * A resource sub-app. Its validation failures answer in the one error shape, naming each field
 * (dotted path) with the validator's message.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const path = issue.path.join(".") || "_";
        fields[path] ??= issue.message;
      }
      return errorResponse(c, "validation_failed", { fields });
    },
  });
}
