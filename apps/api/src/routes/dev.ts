import { createRoute } from "@hono/zod-openapi";
import { ZDevOutboxResponse } from "@priyom/contracts";
import { outboxMessages } from "@priyom/db";
import { desc } from "drizzle-orm";
import { createRouter, jsonResponse } from "../app-factory.ts";

const outboxRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["development"],
  summary:
    "The development mailbox: the latest messages with codes, then the latest others (absent under NODE_ENV=production)",
  responses: { 200: jsonResponse("Latest messages: codes first, newest first", ZDevOutboxResponse) },
});

/**
 * Mounted only outside production (see app.ts): with no SMTP server or SMS gateway configured,
 * this is where a developer or a test reads the codes the service sent.
 */
export const devRoutes = createRouter().openapi(outboxRoute, async (c) => {
  const rows = await c
    .get("services")
    .db.select()
    .from(outboxMessages)
    // Codes first: the demo's day-before reminders to its many seeded patients would otherwise push
    // the sign-in code a developer (or a browser test) is waiting for out of the list.
    .orderBy(desc(outboxMessages.sensitive), desc(outboxMessages.createdAt))
    .limit(30);
  c.header("Cache-Control", "no-store");
  return c.json(
    {
      items: rows.map((m) => ({
        id: m.id,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        createdAt: m.createdAt.toISOString(),
      })),
    },
    200,
  );
});
