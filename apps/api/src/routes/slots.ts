import { createRoute, z } from "@hono/zod-openapi";
import {
  ZDaySlotsResponse,
  ZFreeDatesResponse,
  ZNearestSlotsResponse,
  ZReferralDoctorsResponse,
  ZReferralFreeDatesResponse,
  type TReferralDetail,
  type TSlotEvent,
} from "@priyom/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { addDays, isIsoDate, localDateTimeInZone } from "@priyom/domain";
import { streamSSE } from "hono/streaming";
import { commonErrors, createRouter, jsonResponse } from "../app-factory.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { findUserById } from "../services/accounts/users.ts";
import { findPatientReferral } from "../services/referrals/patient-view.ts";
import type { SlotChange } from "../services/schedule/slot-events.ts";
import {
  daySlots,
  doctorsForReferral,
  freeDates,
  nearestInRegion,
  referralFreeDates,
} from "../services/schedule/search.ts";

const tags = ["slots"];
const isoDate = z.string().refine(isIsoDate, { message: "Дата в формате ГГГГ-ММ-ДД" });
/** Open live streams this process serves at most; more are answered 503 (clients retry). */
const MAX_STREAMS = 5_000;
/** Doctors one stream may watch. */
const MAX_WATCHED_DOCTORS = 50;

const doctorsRoute = createRoute({
  method: "get",
  path: "/referrals/{id}/doctors",
  tags,
  summary: "Doctors for a referral: its specialty in the clinics it allows, with their nearest free slots",
  request: {
    params: z.object({ id: z.string().max(60) }),
    query: z.object({
      qualification: z.string().max(200).optional(),
      placeType: z.enum(["polyclinic", "hospital", "centre"]).optional(),
      visitMode: z.enum(["in_person", "video", "phone"]).optional(),
    }),
  },
  responses: { 200: jsonResponse("Doctors", ZReferralDoctorsResponse), ...commonErrors },
});
const referralDatesRoute = createRoute({
  method: "get",
  path: "/referrals/{id}/free-dates",
  tags,
  summary: "Free dates over all doctors who can see the patient on a referral (default: the next 8 weeks)",
  request: {
    params: z.object({ id: z.string().max(60) }),
    query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
  },
  responses: { 200: jsonResponse("Dates", ZReferralFreeDatesResponse), ...commonErrors },
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
const nearestRoute = createRoute({
  method: "get",
  path: "/slots/nearest",
  tags,
  summary:
    "The nearest free slots of a specialty in a region (as clinics name it, e.g. «Москва»), nearest first",
  request: {
    query: z.object({
      specialty: z.string().max(40),
      region: z.string().max(100),
      limit: z.coerce.number().int().min(1).max(50).default(10),
    }),
  },
  responses: { 200: jsonResponse("Slots", ZNearestSlotsResponse), ...commonErrors },
});

const toEvent = (change: SlotChange): TSlotEvent => ({
  slotId: change.slotId,
  doctorId: change.doctorId,
  localDate: change.localDate,
  localTime: change.localTime,
  minutes: change.minutes,
  timeZone: change.timeZone,
  startsAt: new Date(change.startsAt).toISOString(),
  state: change.state,
});

/** A date-range query with its defaults: from yesterday (zones east of Moscow are a day ahead) for 8 weeks. */
function dateRange(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const today = localDateTimeInZone(now, "Europe/Moscow").localDate;
  const from = query.from ?? addDays(today, -1);
  const to = query.to ?? addDays(today, 7 * 8 + 1);
  if (from > to) throw new AppError("validation_failed", { fields: { to: "Конец периода раньше начала" } });
  return { from, to };
}

/** The signed-in patient's referral (or their child's); 404 for anyone else's, as for none. */
async function patientReferral(c: Context<AppEnv>, id: string): Promise<TReferralDetail> {
  const { db } = c.get("services");
  const me = signedInUser(c);
  const row = await findUserById(db, me.id);
  const referral = row
    ? await findPatientReferral(db, { id: me.id, name: row.name }, { id }, new Date(), c.get("locale"))
    : null;
  if (!referral) throw new AppError("not_found");
  return referral;
}

const router = createRouter();
router.use("/referrals/:id/doctors", requireUser());
router.use("/referrals/:id/free-dates", requireUser());
router.use("*", async (c, next) => {
  await c.get("services").slotIndex.ready();
  await next();
});

/** Free dates and starts are public (partner widgets read them before sign-in); doctors for a referral are the patient's. */
export const slotRoutes = router
  .openapi(doctorsRoute, async (c) => {
    const { db, slotIndex } = c.get("services");
    const referral = await patientReferral(c, c.req.valid("param").id);
    return c.json(await doctorsForReferral(db, slotIndex, referral, new Date(), c.req.valid("query")), 200);
  })
  .openapi(referralDatesRoute, async (c) => {
    const now = new Date();
    const referral = await patientReferral(c, c.req.valid("param").id);
    const range = dateRange(c.req.valid("query"), now);
    return c.json(referralFreeDates(c.get("services").slotIndex, referral, range, now), 200);
  })
  .openapi(datesRoute, async (c) => {
    const now = new Date();
    const { db, slotIndex } = c.get("services");
    const range = dateRange(c.req.valid("query"), now);
    const found = await freeDates(db, slotIndex, c.req.valid("param").id, range, now);
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  })
  .openapi(dayRoute, async (c) => {
    const { db, slotIndex } = c.get("services");
    const found = await daySlots(
      db,
      slotIndex,
      c.req.valid("param").id,
      c.req.valid("query").date,
      new Date(),
    );
    if (!found) throw new AppError("not_found");
    return c.json(found, 200);
  })
  .openapi(nearestRoute, (c) => {
    return c.json(nearestInRegion(c.get("services").slotIndex, c.req.valid("query"), new Date()), 200);
  })
  /**
   * `GET /api/v1/slots/stream?doctorIds=a,b` — Server-Sent Events: `ready` once subscribed, then a
   * `slot` event (TSlotEvent) whenever a slot of a watched doctor becomes free or is taken, and a
   * comment as heartbeat. Public, like the free starts it keeps current.
   */
  .get("/slots/stream", (c) => {
    const { slotIndex, config } = c.get("services");
    const ids = (c.req.query("doctorIds") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => /^[A-Za-z0-9_]{1,60}$/.test(s));
    if (ids.length === 0 || ids.length > MAX_WATCHED_DOCTORS) {
      throw new AppError("validation_failed", {
        fields: { doctorIds: `Укажите от 1 до ${MAX_WATCHED_DOCTORS} врачей через запятую` },
      });
    }
    if (slotIndex.subscriberCount >= MAX_STREAMS) throw new AppError("service_unavailable");
    const watched = new Set(ids);
    c.header("Cache-Control", "no-store");
    c.header("X-Accel-Buffering", "no");
    return streamSSE(c, async (stream) => {
      const queue: SlotChange[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = slotIndex.subscribe((change) => {
        if (!watched.has(change.doctorId)) return;
        queue.push(change);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      // An empty wake-up writes the heartbeat.
      const heartbeat = setInterval(() => wake?.(), config.sseHeartbeatSeconds * 1_000);
      try {
        await stream.writeSSE({ event: "ready", data: JSON.stringify({ doctorIds: [...watched] }) });
        while (open) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = null;
            if (queue.length === 0 && open) {
              await stream.write(": heartbeat\n\n");
              continue;
            }
          }
          for (const change of queue.splice(0)) {
            await stream.writeSSE({ event: "slot", data: JSON.stringify(toEvent(change)) });
          }
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
