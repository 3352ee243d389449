import { createRoute, z } from "@hono/zod-openapi";
import { ZDaySlotsResponse, ZFreeDatesResponse, ZReferralDoctorsResponse } from "@priyom/contracts";
import { addDays, isIsoDate, localDateTimeInZone } from "@priyom/domain";
import { commonErrors, createRouter, jsonResponse } from "../app-factory.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { findUserById } from "../services/accounts/users.ts";
import { findPatientReferral } from "../services/referrals/patient-view.ts";
import { daySlots, doctorsForReferral, freeDates } from "../services/schedule/search.ts";

const tags = ["slots"];
const isoDate = z.string().refine(isIsoDate, { message: "Дата в формате ГГГГ-ММ-ДД" });

const doctorsRoute = createRoute({
  method: "get",
  path: "/referrals/{id}/doctors",
  tags,
  summary: "Doctors for a referral: its specialty in the clinics it allows, with their nearest free slots",
  request: { params: z.object({ id: z.string().max(60) }) },
  responses: { 200: jsonResponse("Doctors", ZReferralDoctorsResponse), ...commonErrors },
});
const datesRoute = createRoute({
  method: "get",
  path: "/doctors/{id}/free-dates",
  tags,
  summary: "Local dates with free slots of a doctor over a range (default: the next 8 weeks)",
  request: {
    params: z.object({ id: z.string().max(60) }),
    query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
  },
  responses: { 200: jsonResponse("Dates", ZFreeDatesResponse), ...commonErrors },
});
const dayRoute = createRoute({
  method: "get",
  path: "/doctors/{id}/slots",
  tags,
  summary: "A doctor's free 15-minute-grid starts on one local date, with the zone named",
  request: { params: z.object({ id: z.string().max(60) }), query: z.object({ date: isoDate }) },
  responses: { 200: jsonResponse("Slots", ZDaySlotsResponse), ...commonErrors },
});

const router = createRouter();
router.use("/referrals/:id/doctors", requireUser());

/** Free dates and starts are public (partner widgets read them before sign-in); doctors for a referral are the patient's. */
export const slotRoutes = router
  .openapi(doctorsRoute, async (c) => {
    const { db } = c.get("services");
    const me = signedInUser(c);
    const row = await findUserById(db, me.id);
    const referral = row
      ? await findPatientReferral(
          db,
          { id: me.id, name: row.name },
          { id: c.req.valid("param").id },
          new Date(),
          c.get("locale"),
        )
      : null;
    if (!referral) throw new AppError("not_found");
    return c.json(await doctorsForReferral(db, referral, new Date()), 200);
  })
  .openapi(datesRoute, async (c) => {
    const now = new Date();
    const query = c.req.valid("query");
    const today = localDateTimeInZone(now, "Europe/Moscow").localDate;
    const from = query.from ?? addDays(today, -1);
    const to = query.to ?? addDays(today, 7 * 8 + 1);
    if (from > to) throw new AppError("validation_failed", { fields: { to: "Конец периода раньше начала" } });
    const found = await freeDates(c.get("services").db, c.req.valid("param").id, { from, to }, now);
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  })
  .openapi(dayRoute, async (c) => {
    const found = await daySlots(
      c.get("services").db,
      c.req.valid("param").id,
      c.req.valid("query").date,
      new Date(),
    );
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  });
