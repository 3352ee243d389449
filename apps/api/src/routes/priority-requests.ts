import { createRoute, z } from "@hono/zod-openapi";
import {
  ZErrorBody,
  ZPriorityRequest,
  ZPriorityRequestCreate,
  ZPriorityRequestListResponse,
} from "@priyom/contracts";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import type { AppEnv } from "../context.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { createPriorityRequest, withdrawPriorityRequest } from "../services/priority/requests.ts";
import { listOwnRequests } from "../services/priority/view.ts";
import type { Caller } from "../services/waitlist/entries.ts";

/**
 * A patient's priority requests («приоритетная запись», DOMAIN.md "When nothing is free"): why an
 * earlier visit is needed; an administrator approves (books a slot) or declines with a reason.
 */
const tags = ["priority-requests"];

const listRoute = createRoute({
  method: "get",
  path: "/priority-requests",
  tags,
  summary: "The account's priority requests, newest first, with their status and decision",
  responses: { 200: jsonResponse("Requests", ZPriorityRequestListResponse), ...commonErrors },
});
const createRequestRoute = createRoute({
  method: "post",
  path: "/priority-requests",
  tags,
  summary: "File a priority request for a bookable referral (the reason: 10–1000 characters)",
  request: jsonBody(ZPriorityRequestCreate),
  responses: {
    201: jsonResponse("Filed, pending", ZPriorityRequest),
    404: jsonResponse("Not this account's referral", ZErrorBody),
    409: jsonResponse("A request of this referral is already pending", ZErrorBody),
    ...commonErrors,
  },
});
const withdrawRoute = createRoute({
  method: "post",
  path: "/priority-requests/{id}/withdraw",
  tags,
  summary: "Withdraw a pending request",
  request: { params: z.object({ id: z.string().max(60) }) },
  responses: {
    200: jsonResponse("Withdrawn", ZPriorityRequest),
    404: jsonResponse("Not this account's request", ZErrorBody),
    409: jsonResponse("Already decided or withdrawn", ZErrorBody),
    ...commonErrors,
  },
});

const caller = (c: Context<AppEnv>): Caller => ({
  userId: signedInUser(c).id,
  locale: c.get("locale"),
  requestId: c.get("requestId"),
});

const router = createRouter();
router.use("/priority-requests", requireUser());
router.use("/priority-requests/*", requireUser());

export const priorityRequestRoutes = router
  .openapi(listRoute, async (c) => {
    return c.json({ items: await listOwnRequests(c.get("services").db, signedInUser(c).id) }, 200);
  })
  .openapi(createRequestRoute, async (c) => {
    const created = await createPriorityRequest(c.get("services"), caller(c), c.req.valid("json"));
    return c.json(created, 201);
  })
  .openapi(withdrawRoute, async (c) => {
    const withdrawn = await withdrawPriorityRequest(c.get("services"), caller(c), c.req.valid("param").id);
    return c.json(withdrawn, 200);
  });
