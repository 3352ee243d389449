import { createRoute, z } from "@hono/zod-openapi";
import {
  ZDoctorScheduleRequest,
  ZDoctorScheduleResult,
  ZErrorBody,
  ZScheduleConflictBody,
  ZStaffDoctorListResponse,
  ZStaffSchedule,
} from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { recordAudit } from "../audit.ts";
import { AppError } from "../errors.ts";
import { staffClinic } from "../middleware/staff-clinic.ts";
import { requireUser } from "../middleware/require-user.ts";
import { listStaffDoctors, readDoctorSchedule } from "../services/schedule/read.ts";
import { replaceDoctorSchedule } from "../services/schedule/replace.ts";

/**
 * The staff UI's schedule routes, `/api/v1/staff/doctors…`: a signed-in clinic staff member lists
 * their clinic's doctors, reads a doctor's weekly rules and exceptions, and replaces them through the
 * same service and rules as the clinic API (`PUT /clinic/doctors/{externalId}/schedule`). The clinic
 * comes from the user's `clinic_staff` row (none → 403); another clinic's doctor is 404.
 */
const errors = {
  ...commonErrors,
  404: jsonResponse("No such doctor of this clinic", ZErrorBody),
} as const;
const ZDoctorParams = z.object({ externalId: z.string().min(1).max(64) });

const listDoctorsRoute = createRoute({
  method: "get",
  path: "/staff/doctors",
  tags: ["staff"],
  summary: "The doctors of the staff member's clinic, by name",
  middleware: [requireUser("clinic_staff")] as const,
  responses: { 200: jsonResponse("Doctors", ZStaffDoctorListResponse), ...commonErrors },
});

const readScheduleRoute = createRoute({
  method: "get",
  path: "/staff/doctors/{externalId}/schedule",
  tags: ["staff"],
  summary: "A doctor's weekly rules and exceptions as published, and the clinic's time zone",
  middleware: [requireUser("clinic_staff")] as const,
  request: { params: ZDoctorParams },
  responses: { 200: jsonResponse("The schedule", ZStaffSchedule), ...errors },
});

const replaceScheduleRoute = createRoute({
  method: "put",
  path: "/staff/doctors/{externalId}/schedule",
  tags: ["staff"],
  summary: "Replace a doctor's weekly rules and exceptions; the slots ahead follow",
  description:
    "The same body, rules and answers as the clinic API's `PUT /clinic/doctors/{externalId}/schedule`: " +
    "times and dates in the clinic's zone on the 15-minute grid, every faulty field named in `fields`, " +
    "and a change that would drop booked visits refused as a whole with those appointments.",
  middleware: [requireUser("clinic_staff")] as const,
  request: { params: ZDoctorParams, ...jsonBody(ZDoctorScheduleRequest) },
  responses: {
    200: jsonResponse("Schedule replaced, slots materialised", ZDoctorScheduleResult),
    ...errors,
    409: jsonResponse("Booked visits would be dropped: cancel these first", ZScheduleConflictBody),
  },
});

export const staffScheduleRoutes = createRouter()
  .openapi(listDoctorsRoute, async (c) => {
    const { clinicId } = await staffClinic(c);
    return c.json({ items: await listStaffDoctors(c.get("services").db, clinicId) }, 200);
  })
  .openapi(readScheduleRoute, async (c) => {
    const { clinicId } = await staffClinic(c);
    const schedule = await readDoctorSchedule(
      c.get("services").db,
      clinicId,
      c.req.valid("param").externalId,
    );
    return c.json(schedule, 200);
  })
  .openapi(replaceScheduleRoute, async (c) => {
    const services = c.get("services");
    const { clinicId, userId } = await staffClinic(c);
    const { externalId } = c.req.valid("param");
    const request = c.req.valid("json");
    const journal = (result: "success" | "failure", counts: Record<string, number>) => ({
      action: "schedule.replace",
      result,
      actorUserId: userId,
      details: {
        doctorExternalId: externalId,
        rules: request.rules.length,
        exceptions: request.exceptions.length,
        ...counts,
      },
      requestId: c.get("requestId"),
    });
    try {
      // The change and its journal entry commit together (the service's own transaction nests).
      const { changes, ...result } = await services.db.transaction(async (tx) => {
        const replaced = await replaceDoctorSchedule(
          tx,
          clinicId,
          externalId,
          request,
          c.get("locale"),
          new Date(),
          services.config.slotHorizonWeeks,
        );
        await recordAudit(
          tx,
          journal("success", { slotsFree: replaced.slotsFree, slotsBlocked: replaced.slotsBlocked }),
        );
        return replaced;
      });
      services.slotIndex.apply(changes);
      return c.json(result, 200);
    } catch (error) {
      if (error instanceof AppError && error.code === "schedule_conflict") {
        const affected = error.options.details?.appointments;
        await recordAudit(
          services.db,
          journal("failure", { appointments: Array.isArray(affected) ? affected.length : 0 }),
        );
      }
      throw error;
    }
  });
