import { createRoute, z } from "@hono/zod-openapi";
import {
  ZAppointment,
  ZClinicCancelRequest,
  ZClinicCancelResponse,
  ZErrorBody,
  ZStaffAppointmentListResponse,
} from "@priyom/contracts";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import type { AppEnv } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { recordPersonalDataRead } from "../audit.ts";
import { staffClinic } from "../middleware/staff-clinic.ts";
import {
  cancelByClinic,
  listClinicDay,
  markVisit,
  type ClinicActor,
} from "../services/appointments/clinic-marks.ts";

/**
 * The registry desk's visits, `/api/v1/staff/appointments`: clinic staff see and mark their own
 * clinic's visits (the clinic from their `clinic_staff` row); administrators any clinic's, naming it.
 * Another clinic's visit is 404, as one that does not exist. The rules are the clinic API's
 * (`services/appointments/clinic-marks.ts`).
 */
const tags = ["staff"];
const staffOrAdmin = requireUser("clinic_staff", "admin");
const ZId = z.object({ id: z.string().max(60) });
const errors = {
  ...commonErrors,
  404: jsonResponse("No such visit of this clinic", ZErrorBody),
  409: jsonResponse("`appointment_not_booked`: already cancelled, moved or marked", ZErrorBody),
  422: jsonResponse("`visit_not_started` (marks) or `visit_started` (cancel)", ZErrorBody),
} as const;

const listRoute = createRoute({
  method: "get",
  path: "/staff/appointments",
  tags,
  summary: "The clinic's visits of a local day, by time (administrators name the clinic)",
  middleware: staffOrAdmin,
  request: {
    query: z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Дата в формате ГГГГ-ММ-ДД"),
      clinicId: z.string().max(60).optional(),
    }),
  },
  responses: { 200: jsonResponse("Visits", ZStaffAppointmentListResponse), ...errors },
});
const markRoute = (outcome: "done" | "missed") =>
  createRoute({
    method: "post",
    path: `/staff/appointments/{id}/${outcome}`,
    tags,
    summary:
      outcome === "done"
        ? "Mark a visit done (after its start): the referral is used"
        : "Mark a no-show (after the start): the referral is bookable again while valid, else expired",
    middleware: staffOrAdmin,
    request: { params: ZId },
    responses: { 200: jsonResponse("Marked", ZAppointment), ...errors },
  });
const doneRoute = markRoute("done");
const missedRoute = markRoute("missed");
const cancelRoute = createRoute({
  method: "post",
  path: "/staff/appointments/{id}/cancel",
  tags,
  summary:
    "Cancel a visit for the clinic before its start (reason 3–500 characters): slot freed, referral active, patient told with alternatives",
  middleware: staffOrAdmin,
  request: { params: ZId, ...jsonBody(ZClinicCancelRequest) },
  responses: { 200: jsonResponse("Cancelled", ZClinicCancelResponse), ...errors },
});

/** Who acts: a staff member for their clinic, or an administrator for any. */
async function actorOf(c: Context<AppEnv>): Promise<ClinicActor> {
  const me = signedInUser(c);
  if (me.role === "admin") {
    return { clinicId: null, referralActor: `admin:${me.id}`, userId: me.id, via: "admin" };
  }
  const { clinicId, userId, actor } = await staffClinic(c);
  return { clinicId, referralActor: actor, userId, via: "staff" };
}

export const staffAppointmentRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const actor = await actorOf(c);
    const clinicId = actor.clinicId ?? query.clinicId;
    if (clinicId === undefined) {
      throw new AppError("validation_failed", {
        fields: { clinicId: c.get("locale") === "en" ? "Name the clinic" : "Укажите поликлинику" },
      });
    }
    // A staff member naming another clinic learns nothing about it.
    if (actor.clinicId !== null && query.clinicId !== undefined && query.clinicId !== actor.clinicId) {
      throw new AppError("not_found");
    }
    const day = await listClinicDay(c.get("services").db, clinicId, query.date);
    // The day's list names its patients: one read of the clinic's day by this staff member.
    await recordPersonalDataRead(c.get("services").db, {
      readerUserId: signedInUser(c).id,
      object: { type: "clinic_day", id: `${clinicId}/${query.date}` },
      view: "staff_list",
    });
    return c.json(day, 200);
  })
  .openapi(doneRoute, async (c) => {
    const appointment = await markVisit(c.get("services"), {
      appointmentId: c.req.valid("param").id,
      outcome: "done",
      actor: await actorOf(c),
      requestId: c.get("requestId"),
    });
    return c.json(appointment, 200);
  })
  .openapi(missedRoute, async (c) => {
    const appointment = await markVisit(c.get("services"), {
      appointmentId: c.req.valid("param").id,
      outcome: "missed",
      actor: await actorOf(c),
      requestId: c.get("requestId"),
    });
    return c.json(appointment, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const result = await cancelByClinic(c.get("services"), {
      appointmentId: c.req.valid("param").id,
      reason: c.req.valid("json").reason,
      actor: await actorOf(c),
      requestId: c.get("requestId"),
      locale: c.get("locale"),
    });
    return c.json(result, 200);
  });
