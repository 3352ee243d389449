import { createRoute, z } from "@hono/zod-openapi";
import {
  ZAppointment,
  ZBookingErrorBody,
  ZBookingPreview,
  ZBookingRequest,
  ZHold,
  ZHoldRequest,
} from "@priyom/contracts";
import { referrals } from "@priyom/db";
import { eq } from "drizzle-orm";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { bookAppointment, bookingPreview } from "../services/booking/book.ts";
import { currentHold, holdSlot, releaseHold } from "../services/booking/holds.ts";
import { idempotencyKeyFrom } from "../services/booking/idempotency.ts";
import { allowedClinicIds } from "../services/referrals/clinic-view.ts";

const tags = ["booking"];
const id = z.string().max(60);

const holdRoute = createRoute({
  method: "post",
  path: "/holds",
  tags,
  summary: "Hold a free slot for 5 minutes while confirming (one hold per patient; a new one replaces it)",
  request: jsonBody(ZHoldRequest),
  responses: {
    201: jsonResponse("Held", ZHold),
    404: jsonResponse("No such slot", ZBookingErrorBody),
    409: jsonResponse("The slot is taken or held by someone else: `alternatives`", ZBookingErrorBody),
    ...commonErrors,
  },
});
const currentHoldRoute = createRoute({
  method: "get",
  path: "/holds/current",
  tags,
  summary: "The patient's live hold",
  responses: {
    200: jsonResponse("Hold", ZHold),
    404: jsonResponse("No hold", ZBookingErrorBody),
    ...commonErrors,
  },
});
const releaseHoldRoute = createRoute({
  method: "delete",
  path: "/holds/current",
  tags,
  summary: "Let the hold go: the slot is free for others at once",
  responses: { 204: { description: "Released (or there was none)" }, ...commonErrors },
});
const previewRoute = createRoute({
  method: "get",
  path: "/booking/preview",
  tags,
  summary: "«Проверка введенных данных»: what will be booked, documents masked, problems already visible",
  request: { query: z.object({ referralId: id, slotId: id }) },
  responses: {
    200: jsonResponse("Preview", ZBookingPreview),
    404: jsonResponse("Not found", ZBookingErrorBody),
    ...commonErrors,
  },
});
const bookRoute = createRoute({
  method: "post",
  path: "/appointments",
  tags,
  summary:
    "Book a visit on a referral (header `Idempotency-Key`, 8–100 of [A-Za-z0-9_-]; a repeat returns the first answer)",
  request: { headers: z.object({ "idempotency-key": z.string().optional() }), ...jsonBody(ZBookingRequest) },
  responses: {
    201: jsonResponse("Booked: the appointment and its ticket", ZAppointment),
    404: jsonResponse("No such referral or slot of this patient", ZBookingErrorBody),
    409: jsonResponse(
      "Someone got there first (`slot_taken`, `slot_held`, `referral_already_booked`, `appointment_overlap`); `alternatives` when the slot is gone",
      ZBookingErrorBody,
    ),
    422: jsonResponse(
      "`booking_not_allowed`: every failed rule in `failures`, or a reused key",
      ZBookingErrorBody,
    ),
    ...commonErrors,
  },
});

const router = createRouter();
router.use("/holds/*", requireUser());
router.use("/holds", requireUser());
router.use("/booking/*", requireUser());
router.use("/appointments", requireUser());

export const bookingRoutes = router
  .openapi(holdRoute, async (c) => {
    const services = c.get("services");
    const me = signedInUser(c);
    const { slotId, referralId } = c.req.valid("json");
    let referral: { specialty: string; allowedClinicIds: string[]; lastValidDay: string } | undefined;
    if (referralId !== undefined) {
      const [row] = await services.db.select().from(referrals).where(eq(referrals.id, referralId));
      if (row) {
        referral = {
          specialty: row.specialtyCode,
          allowedClinicIds: (await allowedClinicIds(services.db, [row.id])).get(row.id) ?? [],
          lastValidDay: row.lastValidDay,
        };
      }
    }
    const hold = await holdSlot(services, me.id, { slotId, ...(referral ? { referral } : {}) });
    return c.json(hold, 201);
  })
  .openapi(currentHoldRoute, async (c) => {
    const hold = await currentHold(c.get("services").db, signedInUser(c).id);
    if (!hold) throw new AppError("not_found");
    return c.json(hold, 200);
  })
  .openapi(releaseHoldRoute, async (c) => {
    await releaseHold(c.get("services"), signedInUser(c).id);
    return c.body(null, 204);
  })
  .openapi(previewRoute, async (c) => {
    const query = c.req.valid("query");
    const preview = await bookingPreview(c.get("services"), {
      userId: signedInUser(c).id,
      referralId: query.referralId,
      slotId: query.slotId,
      locale: c.get("locale"),
    });
    return c.json(preview, 200);
  })
  .openapi(bookRoute, async (c) => {
    const key = idempotencyKeyFrom(c.req.header("idempotency-key"), c.get("locale"));
    const answer = await bookAppointment(c.get("services"), {
      userId: signedInUser(c).id,
      key,
      request: c.req.valid("json"),
      locale: c.get("locale"),
      requestId: c.get("requestId"),
    });
    if (answer.replayed) c.header("Idempotent-Replayed", "true");
    // The stored answer is sent as it was first given (its shape is one of the documented ones).
    return c.json(answer.body as z.infer<typeof ZAppointment>, answer.status as 201);
  });
