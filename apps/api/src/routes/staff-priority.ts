import { createRoute, z } from "@hono/zod-openapi";
import {
  ZBookingErrorBody,
  ZErrorBody,
  ZPriorityApproveRequest,
  ZPriorityDeclineRequest,
  ZPriorityStatus,
  ZStaffPriorityRequest,
  ZStaffPriorityRequestListResponse,
  ZStaffPrioritySlotsResponse,
} from "@priyom/contracts";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import type { AppEnv } from "../context.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { approveRequest, declineRequest, slotsForRequest, type Admin } from "../services/priority/staff.ts";
import { listStaffRequests } from "../services/priority/view.ts";

/**
 * Administrators' queue of priority requests, `/api/v1/staff/priority-requests…` (role `admin` only;
 * clinic staff and patients get 403): the queue, free slots for a request, approve (books the slot
 * for the patient) or decline with a reason.
 */
const tags = ["staff"];

const ZRequestParams = z.object({ id: z.string().max(60) });
const notFound = { 404: jsonResponse("No such request", ZErrorBody) } as const;

const queueRoute = createRoute({
  method: "get",
  path: "/staff/priority-requests",
  tags,
  summary: "Priority requests of a status (default pending): urgent first, then oldest",
  middleware: [requireUser("admin")] as const,
  request: {
    query: z.object({
      status: z
        .enum(ZPriorityStatus.options, { message: "Статус: pending, approved, declined или withdrawn" })
        .default("pending"),
    }),
  },
  responses: { 200: jsonResponse("Requests", ZStaffPriorityRequestListResponse), ...commonErrors },
});
const slotsRoute = createRoute({
  method: "get",
  path: "/staff/priority-requests/{id}/slots",
  tags,
  summary:
    "Free slots for the request's referral: its specialty in the clinics it allows, before its last day, nearest first",
  middleware: [requireUser("admin")] as const,
  request: { params: ZRequestParams },
  responses: { 200: jsonResponse("Slots", ZStaffPrioritySlotsResponse), ...notFound, ...commonErrors },
});
const approveRoute = createRoute({
  method: "post",
  path: "/staff/priority-requests/{id}/approve",
  tags,
  summary:
    "Approve: book this slot for the patient (every booking rule applies; a refusal is answered and the request stays pending)",
  middleware: [requireUser("admin")] as const,
  request: { params: ZRequestParams, ...jsonBody(ZPriorityApproveRequest) },
  responses: {
    200: jsonResponse("Approved, the visit booked", ZStaffPriorityRequest),
    ...notFound,
    409: jsonResponse("Already decided, or the booking's conflict (with `alternatives`)", ZBookingErrorBody),
    422: jsonResponse("`booking_not_allowed` with every failed rule", ZBookingErrorBody),
    ...commonErrors,
  },
});
const declineRoute = createRoute({
  method: "post",
  path: "/staff/priority-requests/{id}/decline",
  tags,
  summary: "Decline with a reason the patient is shown (at least 5 characters)",
  middleware: [requireUser("admin")] as const,
  request: { params: ZRequestParams, ...jsonBody(ZPriorityDeclineRequest) },
  responses: {
    200: jsonResponse("Declined", ZStaffPriorityRequest),
    ...notFound,
    409: jsonResponse("Already decided or withdrawn", ZErrorBody),
    ...commonErrors,
  },
});

const admin = (c: Context<AppEnv>): Admin => ({
  userId: signedInUser(c).id,
  locale: c.get("locale"),
  requestId: c.get("requestId"),
});

export const staffPriorityRoutes = createRouter()
  .openapi(queueRoute, async (c) => {
    const items = await listStaffRequests(c.get("services").db, c.req.valid("query").status);
    return c.json({ items }, 200);
  })
  .openapi(slotsRoute, async (c) => {
    return c.json({ items: await slotsForRequest(c.get("services"), c.req.valid("param").id) }, 200);
  })
  .openapi(approveRoute, async (c) => {
    const outcome = await approveRequest(
      c.get("services"),
      admin(c),
      c.req.valid("param").id,
      c.req.valid("json").slotId,
    );
    if (outcome.ok) return c.json(outcome.request, 200);
    // The booking's refusal as it gives it (one of the documented shapes).
    return c.json(outcome.answer.body as z.infer<typeof ZBookingErrorBody>, outcome.answer.status as 409);
  })
  .openapi(declineRoute, async (c) => {
    const declined = await declineRequest(
      c.get("services"),
      admin(c),
      c.req.valid("param").id,
      c.req.valid("json").reason,
    );
    return c.json(declined, 200);
  });
