import { createRoute, z } from "@hono/zod-openapi";
import {
  ZReferralDetail,
  ZReferralListResponse,
  ZReferralLookupRequest,
  ZReferralRefreshResponse,
} from "@priyom/contracts";
import { checkReferralNumber, parseDateInput } from "@priyom/domain";
import type { Context } from "hono";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { clientIp } from "../auth/client-ip.ts";
import type { AppEnv } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { hitRateLimit } from "../rate-limit.ts";
import { findUserById } from "../services/accounts/users.ts";
import { findPatientReferral, listPatientReferrals } from "../services/referrals/patient-view.ts";
import { refreshReferrals } from "../services/referrals/refresh.ts";
import { FieldErrors } from "../validation.ts";

/** Look-ups allowed per hour, per account and per IP: numbers cannot be enumerated. */
export const LOOKUPS_PER_HOUR = 10;

const tags = ["referrals"];

const listRoute = createRoute({
  method: "get",
  path: "/referrals",
  tags,
  summary: "The patient's referrals and their children's, with validity in the issuing clinic's zone",
  responses: { 200: jsonResponse("Referrals", ZReferralListResponse), ...commonErrors },
});
const detailRoute = createRoute({
  method: "get",
  path: "/referrals/{id}",
  tags,
  summary: "One referral with its history (404 for anyone else's)",
  request: { params: z.object({ id: z.string().max(60) }) },
  responses: {
    200: jsonResponse("Referral", ZReferralDetail),
    404: jsonResponse("Not this patient's", ZReferralDetail),
    ...commonErrors,
  },
});
const lookupRoute = createRoute({
  method: "post",
  path: "/referrals/lookup",
  tags,
  summary: "Find one of the patient's referrals by number and issue date (the same 404 for every miss)",
  request: jsonBody(ZReferralLookupRequest),
  responses: { 200: jsonResponse("Found", ZReferralDetail), ...commonErrors },
});
const refreshRoute = createRoute({
  method: "post",
  path: "/referrals/refresh",
  tags,
  summary: "Ask the clinics' sources again for this patient's referrals («Обновить сведения»)",
  responses: { 200: jsonResponse("Refreshed", ZReferralRefreshResponse), ...commonErrors },
});

async function patientOf(c: Context<AppEnv>) {
  const me = signedInUser(c);
  const row = await findUserById(c.get("services").db, me.id);
  if (!row) throw new AppError("unauthorized");
  return { id: me.id, name: row.name };
}

const router = createRouter();
router.use("/referrals", requireUser());
router.use("/referrals/*", requireUser());

export const referralRoutes = router
  .openapi(listRoute, async (c) => {
    const items = await listPatientReferrals(
      c.get("services").db,
      await patientOf(c),
      new Date(),
      c.get("locale"),
    );
    return c.json({ items }, 200);
  })
  .openapi(lookupRoute, async (c) => {
    const { db, config } = c.get("services");
    const patient = await patientOf(c);
    // Every try counts, right or wrong, against both the account and the address.
    for (const key of [
      `referral-lookup-user:${patient.id}`,
      `referral-lookup-ip:${clientIp(c, config.trustedProxies)}`,
    ]) {
      const limit = await hitRateLimit(db, key, LOOKUPS_PER_HOUR, 60 * 60);
      if (!limit.allowed) {
        c.header("Retry-After", String(limit.retryAfterSeconds));
        throw new AppError("rate_limited");
      }
    }
    const body = c.req.valid("json");
    const errors = new FieldErrors(c.get("locale"));
    const number = errors.check("number", checkReferralNumber(body.number));
    const issuedOn = parseDateInput(body.issuedOn);
    if (issuedOn === null) errors.addDomain("issuedOn", "referral_issue_date_invalid");
    errors.throwIfAny();
    const found = await findPatientReferral(
      db,
      patient,
      { number: number ?? "", issuedOn: issuedOn ?? "" },
      new Date(),
      c.get("locale"),
    );
    if (!found) {
      throw new AppError("not_found", {
        message:
          c.get("locale") === "en"
            ? "No referral of yours has this number and issue date"
            : "Направление с таким номером и датой не найдено среди ваших направлений",
      });
    }
    return c.json(found, 200);
  })
  .openapi(refreshRoute, async (c) => {
    const changed = await refreshReferrals(c.get("services"), signedInUser(c).id, c.get("locale"));
    return c.json({ status: "refreshed" as const, changed }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const found = await findPatientReferral(
      c.get("services").db,
      await patientOf(c),
      { id: c.req.valid("param").id },
      new Date(),
      c.get("locale"),
    );
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  });
