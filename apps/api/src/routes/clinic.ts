import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  ZAppointment,
  ZClinicCancelRequest,
  ZClinicCancelResponse,
  ZClinicDoctorUpsert,
  ZClinicReferral,
  ZDoctor,
  ZDoctorScheduleRequest,
  ZDoctorScheduleResult,
  ZErrorBody,
  ZReferralExtendRequest,
  ZReferralIssueRequest,
  ZReferralWithdrawRequest,
} from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { clinicGrant, clinicKeyAuth, requirePermission } from "../clinic-api/middleware.ts";
import type { AppEnv } from "../context.ts";
import {
  appointmentIdByTicket,
  cancelByClinic,
  markVisit,
  type ClinicActor,
} from "../services/appointments/clinic-marks.ts";
import { getClinicReferral } from "../services/referrals/clinic-view.ts";
import { listDoctors, upsertDoctor } from "../services/referrals/doctors.ts";
import { extendClinicReferral } from "../services/referrals/extend.ts";
import { issueReferral } from "../services/referrals/issue.ts";
import { withdrawClinicReferral } from "../services/referrals/withdraw.ts";
import { replaceDoctorSchedule } from "../services/schedule/replace.ts";

/**
 * The clinic integration API, `/api/v1/clinic/*`: a clinic's information system, authenticated by
 * a per-clinic key (`Authorization: Bearer pk_…`), publishes doctors and issues, extends and
 * withdraws referrals, and marks its visits done or missed or cancels them. Everything is scoped to
 * the key's clinic: another clinic's referral or ticket is the same 404 as one nobody issued.
 */
const security = [{ clinicKey: [] }];
const errors = {
  ...commonErrors,
  401: jsonResponse("No, unknown or revoked key", ZErrorBody),
  403: jsonResponse("The key lacks the permission", ZErrorBody),
  404: jsonResponse("No such referral of this clinic", ZErrorBody),
  409: jsonResponse("Conflict (number reused with other data, wrong status, no capacity)", ZErrorBody),
  429: jsonResponse("Too many requests with this key (Retry-After)", ZErrorBody),
} as const;
const ZDoctorParams = z.object({ externalId: z.string().min(1).max(64) });
const ZNumberParams = z.object({ number: z.string().min(1).max(40) });
const actorOf = (clinicId: string) => `clinic:${clinicId}`;

/**
 * Visits are addressed by the ticket number, as printed on the ticket and in its QR code:
 * `Т-0001001` (URL-encoded), `T-0001001` with a Latin T, or the seven digits alone.
 */
const ZTicketParams = z.object({ ticketNumber: z.string().min(1).max(40) });
const appointmentErrors = {
  ...errors,
  404: jsonResponse("No such ticket of this clinic", ZErrorBody),
  409: jsonResponse("`appointment_not_booked`: already cancelled, moved or marked", ZErrorBody),
  422: jsonResponse("`visit_not_started` (marks) or `visit_started` (cancel)", ZErrorBody),
} as const;
const markVisitRoute = (outcome: "done" | "missed") =>
  createRoute({
    method: "post",
    path: `/clinic/appointments/{ticketNumber}/${outcome}`,
    tags: ["clinic API"],
    summary:
      outcome === "done"
        ? "Mark a visit done (after its start): the referral is used"
        : "Mark a no-show (after its start): the referral is bookable again while valid, else expired",
    security,
    middleware: [requirePermission("appointments:write")] as const,
    request: { params: ZTicketParams },
    responses: { 200: jsonResponse("Marked", ZAppointment), ...appointmentErrors },
  });
const doneRoute = markVisitRoute("done");
const missedRoute = markVisitRoute("missed");
const cancelAppointmentRoute = createRoute({
  method: "post",
  path: "/clinic/appointments/{ticketNumber}/cancel",
  tags: ["clinic API"],
  summary:
    "Cancel a visit before its start (reason 3–500 characters): the slot is freed, the referral bookable again, the patient told with alternatives",
  security,
  middleware: [requirePermission("appointments:write")] as const,
  request: { params: ZTicketParams, ...jsonBody(ZClinicCancelRequest) },
  responses: { 200: jsonResponse("Cancelled", ZClinicCancelResponse), ...appointmentErrors },
});

/** The key's clinic as the actor of a visit's mark or cancellation, and the visit's id. */
async function clinicVisit(
  c: Context<AppEnv>,
  ticketNumber: string,
): Promise<{ appointmentId: string; actor: ClinicActor }> {
  const { clinicId, keyId } = clinicGrant(c);
  const appointmentId = await appointmentIdByTicket(c.get("services").db, clinicId, ticketNumber);
  return {
    appointmentId,
    actor: { clinicId, referralActor: actorOf(clinicId), userId: null, via: "clinic_api", keyId },
  };
}

const upsertDoctorRoute = createRoute({
  method: "put",
  path: "/clinic/doctors/{externalId}",
  tags: ["clinic API"],
  summary: "Publish a doctor under the clinic's own id (create or update)",
  security,
  middleware: [requirePermission("doctors:write")] as const,
  request: { params: ZDoctorParams, ...jsonBody(ZClinicDoctorUpsert) },
  responses: {
    200: jsonResponse("Updated", ZDoctor),
    201: jsonResponse("Created", ZDoctor),
    ...errors,
  },
});

const scheduleRoute = createRoute({
  method: "put",
  path: "/clinic/doctors/{externalId}/schedule",
  tags: ["clinic API"],
  summary: "Replace a doctor's weekly rules and exceptions; the next 8 weeks of slots follow",
  description:
    "Times and dates are in the clinic's zone, on the 15-minute grid. Free slots the new schedule no " +
    "longer has are blocked; held and booked ones are kept. Answers the free and blocked slot counts " +
    "over the horizon.",
  security,
  middleware: [requirePermission("doctors:write")] as const,
  request: { params: ZDoctorParams, ...jsonBody(ZDoctorScheduleRequest) },
  responses: { 200: jsonResponse("Schedule replaced, slots materialised", ZDoctorScheduleResult), ...errors },
});

const listDoctorsRoute = createRoute({
  method: "get",
  path: "/clinic/doctors",
  tags: ["clinic API"],
  summary: "The clinic's doctors",
  security,
  responses: { 200: jsonResponse("Doctors", z.object({ items: z.array(ZDoctor) })), ...errors },
});

const issueRoute = createRoute({
  method: "post",
  path: "/clinic/referrals",
  tags: ["clinic API"],
  summary: "Issue a referral; idempotent by number",
  security,
  middleware: [requirePermission("referrals:write")] as const,
  request: jsonBody(ZReferralIssueRequest),
  responses: {
    200: jsonResponse("Issued before with the same data: that referral", ZClinicReferral),
    201: jsonResponse("Issued", ZClinicReferral),
    ...errors,
  },
});

const extendRoute = createRoute({
  method: "post",
  path: "/clinic/referrals/{number}/extend",
  tags: ["clinic API"],
  summary: "Extend a referral with the doctor's reason (never past 90 days in total)",
  security,
  middleware: [requirePermission("referrals:write")] as const,
  request: { params: ZNumberParams, ...jsonBody(ZReferralExtendRequest) },
  responses: { 200: jsonResponse("Extended", ZClinicReferral), ...errors },
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/clinic/referrals/{number}/withdraw",
  tags: ["clinic API"],
  summary: "Withdraw an active or booked referral",
  security,
  middleware: [requirePermission("referrals:write")] as const,
  request: { params: ZNumberParams, ...jsonBody(ZReferralWithdrawRequest) },
  responses: { 200: jsonResponse("Withdrawn", ZClinicReferral), ...errors },
});

const getReferralRoute = createRoute({
  method: "get",
  path: "/clinic/referrals/{number}",
  tags: ["clinic API"],
  summary: "One referral of this clinic",
  security,
  middleware: [requirePermission("referrals:read", "referrals:write")] as const,
  request: { params: ZNumberParams },
  responses: { 200: jsonResponse("The referral", ZClinicReferral), ...errors },
});

function createClinicRoutes() {
  const router = createRouter();
  router.openAPIRegistry.registerComponent("securitySchemes", "clinicKey", {
    type: "http",
    scheme: "bearer",
    description: "A clinic API key, `pk_<prefix>_<secret>`, issued by an administrator",
  });
  // `/clinic/*` also matches `/clinic` itself; unknown paths under it still need a key.
  router.use("/clinic/*", clinicKeyAuth());
  return router
    .openapi(upsertDoctorRoute, async (c) => {
      const { clinicId } = clinicGrant(c);
      const result = await upsertDoctor(
        c.get("services").db,
        clinicId,
        c.req.valid("param").externalId,
        c.req.valid("json"),
        c.get("locale"),
      );
      return result.created ? c.json(result.doctor, 201) : c.json(result.doctor, 200);
    })
    .openapi(scheduleRoute, async (c) => {
      const services = c.get("services");
      const { changes, ...result } = await replaceDoctorSchedule(
        services.db,
        clinicGrant(c).clinicId,
        c.req.valid("param").externalId,
        c.req.valid("json"),
        c.get("locale"),
        new Date(),
        services.config.slotHorizonWeeks,
      );
      services.slotIndex.apply(changes);
      return c.json(result, 200);
    })
    .openapi(listDoctorsRoute, async (c) => {
      const items = await listDoctors(c.get("services").db, clinicGrant(c).clinicId);
      return c.json({ items }, 200);
    })
    .openapi(issueRoute, async (c) => {
      const { clinicId } = clinicGrant(c);
      const result = await issueReferral(c.get("services"), {
        clinicId,
        actor: actorOf(clinicId),
        request: c.req.valid("json"),
        locale: c.get("locale"),
      });
      return result.created ? c.json(result.referral, 201) : c.json(result.referral, 200);
    })
    .openapi(extendRoute, async (c) => {
      const { clinicId } = clinicGrant(c);
      const referral = await extendClinicReferral(c.get("services").db, {
        clinicId,
        actor: actorOf(clinicId),
        number: c.req.valid("param").number,
        request: c.req.valid("json"),
        locale: c.get("locale"),
      });
      return c.json(referral, 200);
    })
    .openapi(withdrawRoute, async (c) => {
      const { clinicId } = clinicGrant(c);
      const referral = await withdrawClinicReferral(c.get("services").db, {
        clinicId,
        actor: actorOf(clinicId),
        number: c.req.valid("param").number,
        request: c.req.valid("json"),
        locale: c.get("locale"),
      });
      return c.json(referral, 200);
    })
    .openapi(getReferralRoute, async (c) => {
      const referral = await getClinicReferral(
        c.get("services").db,
        clinicGrant(c).clinicId,
        c.req.valid("param").number,
      );
      return c.json(referral, 200);
    })
    .openapi(doneRoute, async (c) => {
      const visit = await clinicVisit(c, c.req.valid("param").ticketNumber);
      const appointment = await markVisit(c.get("services"), {
        ...visit,
        outcome: "done",
        requestId: c.get("requestId"),
      });
      return c.json(appointment, 200);
    })
    .openapi(missedRoute, async (c) => {
      const visit = await clinicVisit(c, c.req.valid("param").ticketNumber);
      const appointment = await markVisit(c.get("services"), {
        ...visit,
        outcome: "missed",
        requestId: c.get("requestId"),
      });
      return c.json(appointment, 200);
    })
    .openapi(cancelAppointmentRoute, async (c) => {
      const visit = await clinicVisit(c, c.req.valid("param").ticketNumber);
      const result = await cancelByClinic(c.get("services"), {
        ...visit,
        reason: c.req.valid("json").reason,
        requestId: c.get("requestId"),
        locale: c.get("locale"),
      });
      return c.json(result, 200);
    });
}

export const clinicRoutes = createClinicRoutes();
