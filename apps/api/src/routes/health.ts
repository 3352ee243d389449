import { createRoute } from "@hono/zod-openapi";
import { ZHealth } from "@priyom/contracts";
import { createRouter } from "../app-factory.ts";

const liveness = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "The process is up",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: ZHealth } } } },
});

const readiness = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "The process can serve requests: the database answers",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ZHealth } } },
    503: { description: "Database unreachable", content: { "application/json": { schema: ZHealth } } },
  },
});

export const healthRoutes = createRouter()
  .openapi(liveness, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(readiness, async (c) => {
    try {
      await c.get("services").ping();
      return c.json({ status: "ok" as const }, 200);
    } catch {
      c.header("Retry-After", "5");
      return c.json({ status: "unavailable" as const }, 503);
    }
  });
