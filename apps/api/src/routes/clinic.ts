import { createRoute, z } from "@hono/zod-openapi";
import {
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
import { getClinicReferral } from "../services/referrals/clinic-view.ts";
import { listDoctors, upsertDoctor } from "../services/referrals/doctors.ts";
import { extendClinicReferral } from "../services/referrals/extend.ts";
import { issueReferral } from "../services/referrals/issue.ts";
import { withdrawClinicReferral } from "../services/referrals/withdraw.ts";
import { replaceDoctorSchedule } from "../services/schedule/replace.ts";

/**
 * The clinic integration API, `/api/v1/clinic/*`: a clinic's information system, authenticated by
 * a per-clinic key (`Authorization: Bearer pk_…`), publishes doctors and issues, extends and
 * withdraws referrals. Everything is scoped to the key's clinic: another clinic's referral is the
 * same 404 as a number nobody issued.
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
    });
}

export const clinicRoutes = createClinicRoutes();
