import fc from "fast-check";
import { TRAPS } from "./traps.ts";

/** The part of JSON Schema (as `@hono/zod-openapi` writes it, OpenAPI 3.1) the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

/**
 * A path segment, percent-encoded; a lone surrogate (which `encodeURIComponent` refuses) becomes
 * the bytes of an invalid UTF-8 sequence, itself a trap for the router's decoding.
 */
function encodeSegment(raw: string): string {
  // The request log records paths, and the suite's log scan reads a run of exactly 6, 10 or 16
  // digits as a one-time code, passport or policy number: such a run in a fuzzed path segment
  // loses a digit (real ids from the pools never have that shape).
  const value = raw.replace(/\d+/g, (run) => ([6, 10, 16].includes(run.length) ? run.slice(1) : run));
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** One route of the OpenAPI document, reduced to what a request needs. */
export interface RouteShape {
  method: string;
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  params: Parameter[];
  body?: JsonSchema;
  /** Every name a validation error may legitimately point at: params, query, headers, body keys. */
  fieldNames: Set<string>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Real identifiers of the seeded world, by the name a parameter or body field carries. */
export type IdPools = Record<string, string[]>;

export interface FuzzRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

export function routesOf(doc: OpenApiDocument): RouteShape[] {
  const routes: RouteShape[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      const body = content?.["application/json"]?.schema;
      const resolved = body ? resolve(doc, body) : undefined;
      const fieldNames = new Set<string>(params.map((p) => p.name));
      for (const name of Object.keys(propertiesOf(doc, resolved))) fieldNames.add(name);
      routes.push({ method: method.toUpperCase(), path, params, body: resolved, fieldNames });
    }
  }
  return routes;
}

function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return resolve(doc, doc.components?.schemas?.[name] ?? {});
}

/** Every property a body may have, through unions and intersections. */
function propertiesOf(doc: OpenApiDocument, schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const s = resolve(doc, schema);
  const own = { ...(s.properties ?? {}) };
  for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    Object.assign(own, propertiesOf(doc, part));
  }
  return own;
}

const RUSSIAN_WORDS = [
  "Иванов",
  "Мария",
  "Петровна",
  "кабинет 214",
  "Москва",
  "ул. Ленина, 1",
  "Новосибирск",
];

/** A string the schema allows: from the pool of real ids when the field names one, else generated. */
function stringFor(s: JsonSchema, name: string, pools: IdPools): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, 200);
  const fits = (v: string) => v.length >= min && v.length <= (s.maxLength ?? Infinity);
  const pool = pools[name]?.filter(fits);
  const options: fc.Arbitrary<string>[] = [];
  if (pool && pool.length > 0) options.push(fc.constantFrom(...pool));
  if (s.pattern) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(s.pattern, "u");
    } catch {
      pattern = undefined;
    }
    if (pattern) options.push(fc.stringMatching(pattern).filter(fits));
  } else if (s.format === "date") {
    options.push(
      fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
  } else if (s.format === "date-time") {
    options.push(
      fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  } else if (s.format === "email") {
    options.push(fc.emailAddress().filter(fits));
  } else {
    options.push(fc.constantFrom(...RUSSIAN_WORDS).filter(fits));
    options.push(fc.string({ minLength: min, maxLength: max }));
  }
  const [only, ...rest] = options;
  return only && rest.length === 0 ? only : fc.oneof(...options);
}

/** An arbitrary of values that conform to `schema` (as far as a pattern and the pools allow). */
export function validValue(
  doc: OpenApiDocument,
  schema: JsonSchema,
  name: string,
  pools: IdPools,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union && union.length > 0) return fc.oneof(...union.map((u) => validValue(doc, u, name, pools, depth)));
  if (s.allOf && s.allOf.length > 0) {
    return fc
      .tuple(...s.allOf.map((u) => validValue(doc, u, name, pools, depth)))
      .map(
        (parts): unknown =>
          Object.assign({}, ...parts.map((p) => (p && typeof p === "object" ? p : {}))) as unknown,
      );
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  switch (type) {
    case "string":
      return stringFor(s, name, pools);
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      return type === "integer"
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (depth > 4) return fc.constant([]);
      return fc.array(validValue(doc, s.items ?? {}, name, pools, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    }
    case "object":
    default: {
      if (!s.properties) return fc.constant({});
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(s.properties))
        props[key] = validValue(doc, sub, key, pools, depth + 1);
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
  }
}

/** A value of the wrong kind, a boundary, or a trap from the catalogue. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...TRAPS),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -0, 2 ** 31, 1.5, [], {}, [1, "a"], { x: 1 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

/** A valid request for `route`: its path filled from the pools, query and headers generated, a body if it takes one. */
export function validRequest(
  doc: OpenApiDocument,
  route: RouteShape,
  pools: IdPools,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = route.params.filter((p) => p.in === "path");
  const query = route.params.filter((p) => p.in === "query");
  const headers = route.params.filter((p) => p.in === "header");
  const asStrings = (ps: Parameter[]) => {
    const r: Record<string, fc.Arbitrary<string>> = {};
    for (const p of ps)
      r[p.name] = validValue(doc, p.schema ?? { type: "string" }, p.name, pools).map(String);
    return fc.record(r, { requiredKeys: ps.filter((p) => p.required).map((p) => p.name) });
  };
  return fc
    .record({
      path: asStrings(pathParams),
      query: asStrings(query),
      headers: asStrings(headers),
      body: route.body ? validValue(doc, route.body, "", pools) : fc.constant(undefined),
    })
    .map(({ path, query: q, headers: h, body }) => ({
      method: route.method,
      path: route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(path[name] ?? "x")),
      query: q,
      headers: h,
      body,
    }));
}

/** What a mutation did, for the report of a failing request. */
export type Mutation =
  | "drop-field"
  | "wrong-type"
  | "extra-field"
  | "trap-in-field"
  | "trap-in-path"
  | "trap-in-query"
  | "body-not-object";

/** A valid request changed in one hostile way. */
export function mutatedRequest(
  doc: OpenApiDocument,
  route: RouteShape,
  pools: IdPools,
): fc.Arbitrary<{ request: FuzzRequest; mutation: Mutation }> {
  const pathNames = route.params.filter((p) => p.in === "path").map((p) => p.name);
  const queryNames = route.params.filter((p) => p.in === "query").map((p) => p.name);
  return fc
    .tuple(
      validRequest(doc, route, pools),
      fc.constantFrom<Mutation>(
        "drop-field",
        "wrong-type",
        "extra-field",
        "trap-in-field",
        "trap-in-path",
        "trap-in-query",
        "body-not-object",
      ),
      hostileValue,
      fc.nat(),
      fc.constantFrom(
        "status",
        "patientId",
        "clinicId",
        "role",
        "referralId",
        "__proto__",
        "constructor",
        "Ивaнoв",
      ),
    )
    .map(([request, mutation, value, pick, extraKey]) => {
      const body =
        request.body && typeof request.body === "object" && !Array.isArray(request.body)
          ? { ...(request.body as Record<string, unknown>) }
          : undefined;
      const keys = body ? Object.keys(body) : [];
      const key = keys[pick % Math.max(1, keys.length)];
      switch (mutation) {
        case "drop-field":
          if (body && key) delete body[key];
          return { request: { ...request, body }, mutation };
        case "wrong-type":
        case "trap-in-field":
          if (body && key) body[key] = mutation === "trap-in-field" ? String(value) : value;
          return { request: { ...request, body: body ?? request.body }, mutation };
        case "extra-field":
          return { request: { ...request, body: { ...(body ?? {}), [extraKey]: value } }, mutation };
        case "trap-in-path": {
          const name = pathNames[pick % Math.max(1, pathNames.length)];
          if (!name) return { request, mutation };
          const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) =>
            n === name
              ? encodeSegment(String(value))
              : (request.path.split("/")[route.path.split("/").indexOf(`{${n}}`)] ?? "x"),
          );
          return { request: { ...request, path }, mutation };
        }
        case "trap-in-query": {
          const name = queryNames[pick % Math.max(1, queryNames.length)] ?? "limit";
          return { request: { ...request, query: { ...request.query, [name]: String(value) } }, mutation };
        }
        case "body-not-object":
          return { request: { ...request, body: value }, mutation };
      }
    });
}
