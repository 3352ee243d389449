import { OpenAPIHono, type z } from "@hono/zod-openapi";
import { ZErrorBody } from "@priyom/contracts";
import type { AppEnv } from "./context.ts";
import { errorResponse } from "./errors.ts";
import { schemaIssueMessage } from "./schema-messages.ts";

/**
 * A resource sub-app. Its validation failures answer in the one error shape, naming each field
 * (dotted path) with a message in the request's language.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const path = issue.path.join(".") || "_";
        fields[path] ??= schemaIssueMessage(issue, c.get("locale"));
      }
      return errorResponse(c, "validation_failed", { fields });
    },
  });
}

/** The request part of a route that takes a JSON body validated by `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } } as const;
}

/** A JSON response of `schema` for the OpenAPI document. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The failures every route may answer with, in the one error shape. */
export const commonErrors = {
  400: jsonResponse("Invalid input: every field's message in `fields`", ZErrorBody),
  401: jsonResponse("Not signed in, or wrong credentials", ZErrorBody),
  403: jsonResponse("Not allowed, or an untrusted Origin", ZErrorBody),
  415: jsonResponse("The body is not JSON", ZErrorBody),
  429: jsonResponse("Too many requests from this address", ZErrorBody),
  500: jsonResponse("Server fault", ZErrorBody),
  503: jsonResponse("Database unavailable", ZErrorBody),
} as const;
