import { OpenAPIHono, z } from "@hono/zod-openapi";
import { ZErrorBody } from "@priyom/contracts";
import type { AppEnv } from "./context.ts";
import { errorResponse } from "./errors.ts";
import { schemaIssueMessage } from "./schema-messages.ts";

const { ZodObject, ZodDiscriminatedUnion } = z;

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
        // An unexpected key is named itself (`status`, `patientId` …), not its parent object.
        const paths =
          issue.code === "unrecognized_keys"
            ? issue.keys.map((key) => [...issue.path, key].join("."))
            : [issue.path.join(".") || "_"];
        for (const path of paths) fields[path] ??= schemaIssueMessage(issue, c.get("locale"));
      }
      return errorResponse(c, "validation_failed", { fields });
    },
  });
}

/** `schema` refusing keys it does not name: an object, or each branch of a discriminated union. */
function closed(schema: z.ZodType): z.ZodType {
  if (schema instanceof ZodObject) return schema.strict();
  if (schema instanceof ZodDiscriminatedUnion) {
    const branches = schema.options.map((branch) => (branch instanceof ZodObject ? branch.strict() : branch));
    return z.discriminatedUnion(schema.def.discriminator, branches as [z.ZodObject, ...z.ZodObject[]]);
  }
  return schema;
}

/** The request part of a route that takes a JSON body validated by `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  // Mass assignment (OWASP API3): a key the schema does not name — `status`, `patientId`,
  // `clinicId`, `role` … — is refused with 400, never silently dropped or passed on. The clients
  // (packages/api-client) send only schema fields.
  const strict = closed(schema) as T;
  return { body: { content: { "application/json": { schema: strict } }, required: true } } as const;
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
