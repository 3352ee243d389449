import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import type { TErrorBody } from "@priyom/contracts";
import { errorResponse, notFoundResponse } from "../errors.ts";

/**
 * The largest body any route needs is a clinic's schedule (100 rules, 1,000 exceptions), well
 * under 1 MiB; anything bigger is refused before it is buffered whole.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * No request shape nests deeper than a handful of levels; a cap far above that stops a body of
 * thousands of nested arrays before `JSON.parse` and zod walk it recursively.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Depth of the deepest `[`/`{` nesting in a JSON text, ignoring brackets inside strings. A scan,
 * not a parse: it must not itself recurse on the hostile input it guards against.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}

/** Where in a parsed JSON value a string (or key) holds U+0000; dotted path, "_" for the root. */
function nulPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_" : undefined;
  if (!value || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "")].join(".") || "_";
    const found = nulPath(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store U+0000 in text (SQLSTATE 22021): left alone, a NUL in any field is a 500
 * from deep inside a query (the fuzzer found it on `/holds` and the staff schedule). No field of
 * ours may hold it, so it is refused at the door: a path segment with it names nothing (404), a
 * query parameter or body field with it is a 400 naming that field.
 */
const noNulCharacters = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  if (/%00/.test(url.pathname)) return notFoundResponse(c);
  const nulMessage =
    c.get("locale") === "en"
      ? "Contains a forbidden control character"
      : "Содержит недопустимый управляющий символ";
  for (const [name, value] of url.searchParams) {
    if (value.includes("\u0000") || name.includes("\u0000")) {
      return errorResponse(c, "validation_failed", {
        fields: { [name.replaceAll("\u0000", "") || "_"]: nulMessage },
      });
    }
  }
  const contentType = c.req.header("Content-Type") ?? "";
  if (c.req.raw.body && /^application\/json/i.test(contentType)) {
    const text = await c.req.raw.clone().text();
    // JSON can carry NUL only escaped; a raw NUL byte makes the body invalid JSON, refused later.
    if (/\\u0000/i.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return next();
      }
      const field = nulPath(parsed);
      if (field) return errorResponse(c, "validation_failed", { fields: { [field]: nulMessage } });
    }
  }
  return next();
});

/**
 * 413 for a body over `MAX_BODY_BYTES` (by `Content-Length`, or counted while streaming when it is
 * absent), 400 for JSON nested deeper than `MAX_JSON_DEPTH`, and U+0000 refused anywhere; all in
 * the one error shape.
 */
export function bodyLimits() {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      const locale = (c as Context<AppEnv>).get("locale");
      // Not one of `errorResponse`'s codes: the body shape is the same, the code says what happened.
      const body: TErrorBody = {
        error: {
          code: "payload_too_large",
          message:
            locale === "en"
              ? `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`
              : `Слишком большой запрос: не более ${MAX_BODY_BYTES / 1024} КБ`,
          requestId: (c as Context<AppEnv>).get("requestId") ?? "unknown",
        },
      };
      return c.json(body, 413);
    },
  });
  const depth = createMiddleware<AppEnv>(async (c, next) => {
    const contentType = c.req.header("Content-Type") ?? "";
    if (!c.req.raw.body || !/^application\/json/i.test(contentType)) return next();
    // A clone: the auth library reads the original request's body itself.
    const text = await c.req.raw.clone().text();
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      return errorResponse(c, "validation_failed", {
        fields: {
          _:
            c.get("locale") === "en"
              ? `The data is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`
              : `Слишком глубокая вложенность данных (более ${MAX_JSON_DEPTH} уровней)`,
        },
      });
    }
    return next();
  });
  return every(limit, depth, noNulCharacters);
}
