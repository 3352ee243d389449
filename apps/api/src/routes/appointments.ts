import { createRoute, z } from "@hono/zod-openapi";
import {
  ZAppointment,
  ZAppointmentListResponse,
  ZAppointmentScope,
  ZBookingErrorBody,
  ZCancelRequest,
  ZErrorBody,
  ZHistoryResponse,
  ZNotificationListResponse,
  ZRescheduleRequest,
  ZTicket,
  ZUnreadCount,
} from "@priyom/contracts";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import type { AppEnv } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { recordPersonalDataRead } from "../audit.ts";
import { cancelByPatient } from "../services/appointments/cancel.ts";
import { historyOf } from "../services/appointments/history.ts";
import { rescheduleByPatient } from "../services/appointments/reschedule.ts";
import { ticketIcs, ticketPdf } from "../services/appointments/ticket-files.ts";
import { appointmentTicket, asciiTicketNumber } from "../services/appointments/ticket.ts";
import { findAppointment, listAppointments } from "../services/booking/appointment-view.ts";
import { idempotencyKeyFrom } from "../services/booking/idempotency.ts";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from "../services/notifications/inbox.ts";

/**
 * «Мои записи» and what follows a booking, for the signed-in account (its own visits and its
 * children's): the list, the ticket and its downloads, cancel and reschedule, the history, and the
 * cabinet's notifications. Another account's appointment or notification is 404, as one that does
 * not exist. Booking itself and holds are in `booking.ts`.
 */
const tags = ["appointments"];
const ZId = z.object({ id: z.string().max(60) });
const idempotencyHeader = z.object({ "idempotency-key": z.string().optional() });
const notFound = { 404: jsonResponse("Not found (or another account's)", ZErrorBody) } as const;

const listRoute = createRoute({
  method: "get",
  path: "/appointments",
  tags,
  summary:
    "The account's appointments: `upcoming` (booked, not yet ended, nearest first), `past` (the rest, newest first) or `all` (by start)",
  request: { query: z.object({ scope: ZAppointmentScope.optional() }) },
  responses: { 200: jsonResponse("Appointments", ZAppointmentListResponse), ...commonErrors },
});
const getRoute = createRoute({
  method: "get",
  path: "/appointments/{id}",
  tags,
  summary: "One appointment",
  request: { params: ZId },
  responses: { 200: jsonResponse("Appointment", ZAppointment), ...notFound, ...commonErrors },
});
const ticketRoute = createRoute({
  method: "get",
  path: "/appointments/{id}/ticket",
  tags,
  summary: "The ticket (талон): instructions, video link, QR code of the ticket number, the zone named",
  request: { params: ZId },
  responses: { 200: jsonResponse("Ticket", ZTicket), ...notFound, ...commonErrors },
});
const pdfRoute = createRoute({
  method: "get",
  path: "/appointments/{id}/ticket.pdf",
  tags,
  summary: "The ticket as a printable PDF (A5, Cyrillic font embedded, QR code)",
  request: { params: ZId },
  responses: {
    200: { description: "PDF", content: { "application/pdf": { schema: z.string() } } },
    ...notFound,
    ...commonErrors,
  },
});
const icsRoute = createRoute({
  method: "get",
  path: "/appointments/{id}/ticket.ics",
  tags,
  summary: "The visit as an iCalendar event (UTC times, UID = appointment id)",
  request: { params: ZId },
  responses: {
    200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } },
    ...notFound,
    ...commonErrors,
  },
});
const cancelRoute = createRoute({
  method: "post",
  path: "/appointments/{id}/cancel",
  tags,
  summary:
    "Cancel a visit (header `Idempotency-Key`; reason 3–500 characters) until the cut-off before the start (24 h by default); the referral may be booked again",
  request: { params: ZId, headers: idempotencyHeader, ...jsonBody(ZCancelRequest) },
  responses: {
    200: jsonResponse("Cancelled", ZAppointment),
    ...notFound,
    409: jsonResponse("`appointment_not_booked`: already cancelled, moved or closed", ZErrorBody),
    422: jsonResponse("`change_window_closed` (with `changeableUntil`), or a reused key", ZErrorBody),
    ...commonErrors,
  },
});
const rescheduleRoute = createRoute({
  method: "post",
  path: "/appointments/{id}/reschedule",
  tags,
  summary:
    "Move a visit to another slot in one transaction (header `Idempotency-Key`): the new appointment (new ticket), the old one `rescheduled`",
  request: { params: ZId, headers: idempotencyHeader, ...jsonBody(ZRescheduleRequest) },
  responses: {
    201: jsonResponse("Moved: the new appointment", ZAppointment),
    404: jsonResponse("No such appointment of this account, or no such slot", ZBookingErrorBody),
    409: jsonResponse(
      "The new slot is gone (`slot_taken`/`slot_held` with `alternatives`), an overlapping visit, or the appointment is not booked",
      ZBookingErrorBody,
    ),
    422: jsonResponse(
      "`change_window_closed`; `booking_not_allowed` with every failed rule; a reused key",
      ZBookingErrorBody,
    ),
    ...commonErrors,
  },
});
const historyRoute = createRoute({
  method: "get",
  path: "/history",
  tags,
  summary:
    "The account's history from the journal (visits, referrals, waitlist, priority requests), newest first",
  request: {
    query: z.object({
      before: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: { 200: jsonResponse("History", ZHistoryResponse), ...commonErrors },
});
const notificationsRoute = createRoute({
  method: "get",
  path: "/notifications",
  tags,
  summary: "The cabinet's 50 newest notifications and the unread count",
  responses: { 200: jsonResponse("Notifications", ZNotificationListResponse), ...commonErrors },
});
const unreadRoute = createRoute({
  method: "get",
  path: "/notifications/unread-count",
  tags,
  summary: "How many notifications are unread (the shell's badge)",
  responses: { 200: jsonResponse("Unread count", ZUnreadCount), ...commonErrors },
});
const readRoute = createRoute({
  method: "post",
  path: "/notifications/{id}/read",
  tags,
  summary: "Mark one notification read",
  request: { params: ZId },
  responses: { 204: { description: "Read" }, ...notFound, ...commonErrors },
});
const readAllRoute = createRoute({
  method: "post",
  path: "/notifications/read-all",
  tags,
  summary: "Mark every notification read",
  responses: { 204: { description: "All read" }, ...commonErrors },
});

/** The ticket of the signed-in account's appointment (404 for another's). */
async function ticketOf(c: Context<AppEnv>, id: string) {
  const services = c.get("services");
  const userId = signedInUser(c).id;
  const ticket = await appointmentTicket(
    services.db,
    userId,
    id,
    services.config.appointmentChangeCutoffHours,
  );
  // After the look-up, which answers 404 for another's appointment: only real reads are journaled.
  await recordPersonalDataRead(services.db, {
    readerUserId: userId,
    subjectUserId: userId,
    object: { type: "appointment", id },
    view: "ticket",
  });
  return ticket;
}

/** Download headers: never cached (personal data), the ticket number in an ASCII file name. */
function download(c: Context<AppEnv>, type: string, fileName: string) {
  c.header("Content-Type", type);
  c.header("Content-Disposition", `attachment; filename="${fileName}"`);
  c.header("Cache-Control", "no-store");
}

const router = createRouter();
router.use("/appointments", requireUser());
router.use("/appointments/*", requireUser());
router.use("/history", requireUser());
router.use("/notifications", requireUser());
router.use("/notifications/*", requireUser());

export const appointmentRoutes = router
  .openapi(listRoute, async (c) => {
    const services = c.get("services");
    const items = await listAppointments(services.db, signedInUser(c).id, {
      scope: c.req.valid("query").scope ?? "all",
      now: services.clock(),
      changeCutoffHours: services.config.appointmentChangeCutoffHours,
    });
    return c.json({ items }, 200);
  })
  .openapi(getRoute, async (c) => {
    const services = c.get("services");
    const found = await findAppointment(
      services.db,
      signedInUser(c).id,
      c.req.valid("param").id,
      services.config.appointmentChangeCutoffHours,
    );
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  })
  .openapi(ticketRoute, async (c) => {
    const ticket = await ticketOf(c, c.req.valid("param").id);
    c.header("Cache-Control", "no-store");
    return c.json(ticket, 200);
  })
  .openapi(pdfRoute, async (c) => {
    const ticket = await ticketOf(c, c.req.valid("param").id);
    const pdf = await ticketPdf(ticket);
    download(c, "application/pdf", `talon-${asciiTicketNumber(ticket.appointment.ticketNumber)}.pdf`);
    return c.body(new Uint8Array(pdf), 200);
  })
  .openapi(icsRoute, async (c) => {
    const ticket = await ticketOf(c, c.req.valid("param").id);
    download(
      c,
      "text/calendar; charset=utf-8",
      `talon-${asciiTicketNumber(ticket.appointment.ticketNumber)}.ics`,
    );
    return c.body(ticketIcs(ticket), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const answer = await cancelByPatient(c.get("services"), {
      userId: signedInUser(c).id,
      appointmentId: c.req.valid("param").id,
      key: idempotencyKeyFrom(c.req.header("idempotency-key"), c.get("locale")),
      reason: c.req.valid("json").reason,
      locale: c.get("locale"),
      requestId: c.get("requestId"),
    });
    if (answer.replayed) c.header("Idempotent-Replayed", "true");
    return c.json(answer.body as z.infer<typeof ZAppointment>, answer.status as 200);
  })
  .openapi(rescheduleRoute, async (c) => {
    const answer = await rescheduleByPatient(c.get("services"), {
      userId: signedInUser(c).id,
      appointmentId: c.req.valid("param").id,
      key: idempotencyKeyFrom(c.req.header("idempotency-key"), c.get("locale")),
      slotId: c.req.valid("json").slotId,
      locale: c.get("locale"),
      requestId: c.get("requestId"),
    });
    if (answer.replayed) c.header("Idempotent-Replayed", "true");
    // The stored answer is sent as it was first given (its shape is one of the documented ones).
    return c.json(answer.body as z.infer<typeof ZAppointment>, answer.status as 201);
  })
  .openapi(historyRoute, async (c) => {
    const query = c.req.valid("query");
    const history = await historyOf(c.get("services").db, signedInUser(c).id, {
      before: query.before === undefined ? undefined : Number(query.before),
      limit: query.limit,
    });
    return c.json(history, 200);
  })
  .openapi(notificationsRoute, async (c) => {
    return c.json(await listNotifications(c.get("services").db, signedInUser(c).id), 200);
  })
  .openapi(unreadRoute, async (c) => {
    return c.json({ unread: await unreadCount(c.get("services").db, signedInUser(c).id) }, 200);
  })
  .openapi(readRoute, async (c) => {
    await markNotificationRead(c.get("services").db, signedInUser(c).id, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(readAllRoute, async (c) => {
    await markAllNotificationsRead(c.get("services").db, signedInUser(c).id);
    return c.body(null, 204);
  });
