import { createRoute, z } from "@hono/zod-openapi";
import {
  ZClinicReferral,
  ZErrorBody,
  ZReferralExtendRequest,
  ZReferralIssueRequest,
  ZReferralWithdrawRequest,
} from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { staffClinic } from "../middleware/staff-clinic.ts";
import { requireUser } from "../middleware/require-user.ts";
import { listClinicReferrals } from "../services/referrals/clinic-view.ts";
import { extendClinicReferral } from "../services/referrals/extend.ts";
import { issueReferral } from "../services/referrals/issue.ts";
import { withdrawClinicReferral } from "../services/referrals/withdraw.ts";

/**
 * The staff UI's referral routes, `/api/v1/staff/referrals`: a signed-in clinic staff member
 * issues, extends and withdraws their own clinic's referrals through the same services and rules
 * as the clinic API. The clinic comes from the `clinic_staff` row of the user (none → 403).
 */
const errors = {
  ...commonErrors,
  404: jsonResponse("No such referral of this clinic", ZErrorBody),
  409: jsonResponse("Conflict (number reused with other data, wrong status, no capacity)", ZErrorBody),
} as const;
const ZNumberParams = z.object({ number: z.string().min(1).max(40) });

const listRoute = createRoute({
  method: "get",
  path: "/staff/referrals",
  tags: ["staff"],
  summary: "The referrals of the staff member's clinic, newest first",
  middleware: [requireUser("clinic_staff")] as const,
  responses: { 200: jsonResponse("Referrals", z.array(ZClinicReferral)), ...errors },
});

const issueRoute = createRoute({
  method: "post",
  path: "/staff/referrals",
  tags: ["staff"],
  summary: "Issue a referral of the staff member's clinic; idempotent by number",
  middleware: [requireUser("clinic_staff")] as const,
  request: jsonBody(ZReferralIssueRequest),
  responses: {
    200: jsonResponse("Issued before with the same data: that referral", ZClinicReferral),
    201: jsonResponse("Issued", ZClinicReferral),
    ...errors,
  },
});

const extendRoute = createRoute({
  method: "post",
  path: "/staff/referrals/{number}/extend",
  tags: ["staff"],
  summary: "Extend a referral with the doctor's reason",
  middleware: [requireUser("clinic_staff")] as const,
  request: { params: ZNumberParams, ...jsonBody(ZReferralExtendRequest) },
  responses: { 200: jsonResponse("Extended", ZClinicReferral), ...errors },
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/staff/referrals/{number}/withdraw",
  tags: ["staff"],
  summary: "Withdraw an active or booked referral",
  middleware: [requireUser("clinic_staff")] as const,
  request: { params: ZNumberParams, ...jsonBody(ZReferralWithdrawRequest) },
  responses: { 200: jsonResponse("Withdrawn", ZClinicReferral), ...errors },
});

export const staffReferralRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { clinicId } = await staffClinic(c);
    return c.json(await listClinicReferrals(c.get("services").db, clinicId), 200);
  })
  .openapi(issueRoute, async (c) => {
    const { clinicId, actor } = await staffClinic(c);
    const result = await issueReferral(c.get("services"), {
      clinicId,
      actor,
      request: c.req.valid("json"),
      locale: c.get("locale"),
    });
    return result.created ? c.json(result.referral, 201) : c.json(result.referral, 200);
  })
  .openapi(extendRoute, async (c) => {
    const { clinicId, actor } = await staffClinic(c);
    const referral = await extendClinicReferral(c.get("services").db, {
      clinicId,
      actor,
      number: c.req.valid("param").number,
      request: c.req.valid("json"),
      locale: c.get("locale"),
    });
    return c.json(referral, 200);
  })
  .openapi(withdrawRoute, async (c) => {
    const { clinicId, actor } = await staffClinic(c);
    const referral = await withdrawClinicReferral(c.get("services").db, {
      clinicId,
      actor,
      number: c.req.valid("param").number,
      request: c.req.valid("json"),
      locale: c.get("locale"),
    });
    return c.json(referral, 200);
  });
