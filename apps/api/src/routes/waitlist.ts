import { createRoute, z } from "@hono/zod-openapi";
import {
  ZAppointment,
  ZBookingErrorBody,
  ZErrorBody,
  ZWaitlistAcceptRequest,
  ZWaitlistEntry,
  ZWaitlistJoinRequest,
  ZWaitlistListResponse,
} from "@priyom/contracts";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import type { AppEnv } from "../context.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { idempotencyKeyFrom } from "../services/booking/idempotency.ts";
import {
  acceptOffer,
  declineOffer,
  joinWaitlist,
  leaveWaitlist,
  type Caller,
} from "../services/waitlist/entries.ts";
import { listEntries } from "../services/waitlist/view.ts";

/**
 * «Ожидание места» (DOMAIN.md "When nothing is free"): a patient waits for a slot of a referral
 * between two dates; a freed slot is held for the first in line for 15 minutes, who accepts (books)
 * or declines it.
 */
const tags = ["waitlist"];
const ZEntryParams = z.object({ id: z.string().max(60) });

const listRoute = createRoute({
  method: "get",
  path: "/waitlist",
  tags,
  summary: "The account's waitlist entries (live first) with their place in line and any offer",
  responses: { 200: jsonResponse("Entries", ZWaitlistListResponse), ...commonErrors },
});
const joinRoute = createRoute({
  method: "post",
  path: "/waitlist",
  tags,
  summary: "Join the line for a bookable referral between two dates (optionally chosen clinics or doctors)",
  request: jsonBody(ZWaitlistJoinRequest),
  responses: {
    201: jsonResponse("Waiting", ZWaitlistEntry),
    404: jsonResponse("Not this account's referral", ZErrorBody),
    409: jsonResponse("Already waiting for this referral", ZErrorBody),
    ...commonErrors,
  },
});
const leaveRoute = createRoute({
  method: "delete",
  path: "/waitlist/{id}",
  tags,
  summary: "Leave the line; an offered slot goes to the next in line",
  request: { params: ZEntryParams },
  responses: {
    204: { description: "Left (or had already ended)" },
    404: jsonResponse("Not this account's entry", ZErrorBody),
    ...commonErrors,
  },
});
const acceptRoute = createRoute({
  method: "post",
  path: "/waitlist/{id}/accept",
  tags,
  summary:
    "Book the offered slot (header `Idempotency-Key`; every booking rule applies, refusals as `POST /appointments` gives them)",
  request: {
    params: ZEntryParams,
    headers: z.object({ "idempotency-key": z.string().optional() }),
    ...jsonBody(ZWaitlistAcceptRequest),
  },
  responses: {
    201: jsonResponse("Booked: the appointment and its ticket", ZAppointment),
    404: jsonResponse("Not this account's entry", ZErrorBody),
    409: jsonResponse("No offer, the offer expired, or the booking's conflicts", ZBookingErrorBody),
    422: jsonResponse("`booking_not_allowed` with every failed rule", ZBookingErrorBody),
    ...commonErrors,
  },
});
const declineRoute = createRoute({
  method: "post",
  path: "/waitlist/{id}/decline",
  tags,
  summary: "Decline the offered slot: keep the place in line, the slot goes to the next",
  request: { params: ZEntryParams },
  responses: {
    200: jsonResponse("Waiting again", ZWaitlistEntry),
    404: jsonResponse("Not this account's entry", ZErrorBody),
    409: jsonResponse("Nothing is offered now", ZErrorBody),
    ...commonErrors,
  },
});

const caller = (c: Context<AppEnv>): Caller => ({
  userId: signedInUser(c).id,
  locale: c.get("locale"),
  requestId: c.get("requestId"),
});

const router = createRouter();
router.use("/waitlist", requireUser());
router.use("/waitlist/*", requireUser());

export const waitlistRoutes = router
  .openapi(listRoute, async (c) => {
    const services = c.get("services");
    return c.json({ items: await listEntries(services.db, signedInUser(c).id, services.clock()) }, 200);
  })
  .openapi(joinRoute, async (c) => {
    const body = c.req.valid("json");
    const entry = await joinWaitlist(c.get("services"), caller(c), body);
    return c.json(entry, 201);
  })
  .openapi(leaveRoute, async (c) => {
    await leaveWaitlist(c.get("services"), caller(c), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(acceptRoute, async (c) => {
    const key = idempotencyKeyFrom(c.req.header("idempotency-key"), c.get("locale"));
    const answer = await acceptOffer(c.get("services"), caller(c), {
      id: c.req.valid("param").id,
      key,
      contactPhone: c.req.valid("json").contactPhone,
    });
    if (answer.replayed) c.header("Idempotent-Replayed", "true");
    // The booking's answer as it gives it (one of the documented shapes).
    return c.json(answer.body as z.infer<typeof ZAppointment>, answer.status as 201);
  })
  .openapi(declineRoute, async (c) => {
    const entry = await declineOffer(c.get("services"), caller(c), c.req.valid("param").id);
    return c.json(entry, 200);
  });
