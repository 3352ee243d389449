import { monitorEventLoopDelay } from "node:perf_hooks";
import fc from "fast-check";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  mutatedRequest,
  routesOf,
  validRequest,
  type FuzzRequest,
  type OpenApiDocument,
  type RouteShape,
} from "./fuzz/openapi-arbitraries.ts";
import { seedWorld, type Actors } from "./fuzz/world.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

/**
 * The schema-driven fuzzer: every route of the API's own OpenAPI document gets valid requests
 * and mutated ones (wrong types, missing and extra fields, the trap catalogue), sent as the
 * owner, a stranger, staff, an admin, a clinic's server and nobody. Rules: never a 5xx; every
 * 4xx in the one error shape with a Russian message, its `fields` naming only the route's own
 * keys; every JSON 2xx parses with the route's response schema.
 */
const full = process.env.RELIABILITY_FULL === "1";
const SIZE = { requests: Number(process.env.FUZZ_REQUESTS ?? (full ? 10_000 : 1_500)) };
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CYRILLIC = /[а-яё]/i;
/** Russian words outside quotes: an English message quoting a Cyrillic input is not Russian. */
const russian = (message: string) => CYRILLIC.test(message.replace(/"[^"]*"/g, ""));

let ctx: TestContext;
let doc: OpenApiDocument;
let routes: RouteShape[];
let actors: Actors;
let pools: Awaited<ReturnType<typeof seedWorld>>["pools"];

beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await (await ctx.request("GET", "/api/openapi.json")).json()) as OpenApiDocument;
  // The development mailbox and the health probes have no input to fuzz.
  routes = routesOf(doc).filter((r) => r.path.startsWith("/api/v1/"));
  ({ actors, pools } = await seedWorld(ctx));
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

type Actor = keyof Actors | "anonymous";

/** The actor a route is meant for; a fifth of requests go as someone else. */
function actorFor(route: RouteShape, pick: number): Actor {
  const strangers = ["anonymous", "otherPatient", "patient", "staff"] as const;
  if (pick % 5 === 0) return strangers[pick % strangers.length] ?? "anonymous";
  if (route.path.startsWith("/api/v1/clinic/")) return "clinicKey";
  if (route.path.startsWith("/api/v1/staff/")) return "staff";
  if (route.path.startsWith("/api/v1/admin/")) return "admin";
  return "patient";
}

async function send(request: FuzzRequest, actor: Actor): Promise<Response> {
  const search = new URLSearchParams(request.query).toString();
  const url = `${request.path}${search ? `?${search}` : ""}`;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) {
    // A header value with CR/LF is refused by fetch itself before it reaches the API.
    if (!/[\r\n\0]/.test(v) && [...v].every((ch) => ch.charCodeAt(0) < 256)) headers[k] = v;
  }
  if (actor === "clinicKey") headers.Authorization = `Bearer ${actors.clinicKey}`;
  return ctx.request(request.method, url, {
    headers,
    // A GET cannot carry a body (fetch refuses it): mutations of GETs live in path and query.
    ...(request.body !== undefined && request.method !== "GET" ? { body: request.body } : {}),
    ...(actor !== "anonymous" && actor !== "clinicKey" ? { as: actors[actor] } : {}),
  });
}

/** The zod response schemas of every route, from the router's own registry. */
function responseSchemas(): Map<string, z.ZodType> {
  const byKey = new Map<string, z.ZodType>();
  for (const def of ctx.app.openAPIRegistry.definitions) {
    if (def.type !== "route") continue;
    const { method, path, responses } = def.route;
    for (const [status, response] of Object.entries(responses ?? {})) {
      const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.[
        "application/json"
      ]?.schema;
      if (schema && typeof (schema as z.ZodType).safeParse === "function") {
        byKey.set(`${method.toUpperCase()} ${path} ${status}`, schema as z.ZodType);
      }
    }
  }
  return byKey;
}

interface Failure {
  route: string;
  actor: Actor;
  kind: string;
  status: number;
  request: FuzzRequest;
  body: unknown;
  problem: string;
}

describe("schema-driven fuzzer", () => {
  it(`sends ${SIZE.requests} valid and mutated requests through every route: no 5xx, Russian 4xx naming real fields, 2xx matching the schema`, async () => {
    expect(routes.length).toBeGreaterThan(50);
    const schemas = responseSchemas();
    expect(schemas.size).toBeGreaterThan(50);
    const plan = fc.sample(
      fc
        .tuple(fc.constantFrom(...routes), fc.boolean(), fc.nat())
        .chain(([route, valid, pick]) =>
          (valid
            ? validRequest(doc, route, pools).map((request) => ({ request, kind: "valid" }))
            : mutatedRequest(doc, route, pools).map(({ request, mutation }) => ({ request, kind: mutation }))
          ).map((r) => ({ ...r, route, actor: actorFor(route, pick) })),
        ),
      { seed: SEED, numRuns: SIZE.requests },
    );
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const routesAnswered2xx = new Set<string>();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (const { request, kind, route, actor } of plan) {
      const res = await send(request, actor);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const type = res.headers.get("Content-Type") ?? "";
      const body: unknown = type.includes("json") ? await res.json() : await res.arrayBuffer();
      const fail = (problem: string) =>
        failures.push({
          route: `${route.method} ${route.path}`,
          actor,
          kind,
          status: res.status,
          request,
          body,
          problem,
        });
      const sentKeys = new Set([
        ...Object.keys(request.query),
        ...Object.keys(request.headers),
        ...(request.body && typeof request.body === "object" ? Object.keys(request.body) : []),
      ]);
      if (res.status >= 500) {
        fail("server error");
      } else if (res.status >= 400) {
        const error = (body as { error?: { message?: unknown; fields?: Record<string, unknown> } } | null)
          ?.error;
        if (!error || typeof error.message !== "string") fail("not the error shape");
        else if (!russian(error.message)) fail("message not in Russian");
        if (res.status === 400 && error?.fields) {
          for (const [field, message] of Object.entries(error.fields)) {
            // The top-level key of a dotted or indexed path: `rules[0].weekday` → `rules`.
            const head = /^[^.[]+/.exec(field)?.[0] ?? field;
            // Header names are case-insensitive: `Idempotency-Key` is the schema's `idempotency-key`.
            // A key the schema does not name is a real field when the request itself sent it (mass
            // assignment is refused by naming the intruder).
            const known = (name: string) =>
              route.fieldNames.has(name) || route.fieldNames.has(name.toLowerCase()) || sentKeys.has(name);
            if (head !== "_" && !known(head))
              fail(`field "${field}" is neither in the route's schema nor sent`);
            if (typeof message !== "string" || !russian(message))
              fail(`field "${field}" message not in Russian`);
          }
        }
      } else if (res.status >= 200 && type.includes("json")) {
        routesAnswered2xx.add(`${route.method} ${route.path}`);
        const schema = schemas.get(`${route.method} ${route.path} ${res.status}`);
        if (!schema) fail(`no response schema for ${res.status}`);
        else {
          const parsed = schema.safeParse(body);
          if (!parsed.success)
            fail(
              `response does not match its schema: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
            );
        }
      } else if (res.status >= 200 && res.status < 300) {
        routesAnswered2xx.add(`${route.method} ${route.path}`);
      }
    }
    loop.disable();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    console.info(
      `fuzz: ${plan.length} requests over ${routes.length} routes (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `${routesAnswered2xx.size} routes answered 2xx; event-loop delay p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`,
    );
    for (const f of failures.slice(0, 15)) {
      console.error(`fuzz failure (replay with FUZZ_SEED=${SEED}): ${JSON.stringify(f).slice(0, 1500)}`);
    }
    // Valid requests must reach real objects on a good share of the routes, or the fuzzer only tests validation.
    expect(routesAnswered2xx.size).toBeGreaterThan(routes.length / 4);
    expect(failures.map((f) => `${f.route} [${f.kind} as ${f.actor}] ${f.status}: ${f.problem}`)).toEqual([]);
  }, 600_000);
});
