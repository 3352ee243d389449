import { createRoute, z } from "@hono/zod-openapi";
import { ZErrorBody, ZWidgetPartnerLookup, ZWidgetToken, ZWidgetTokenRequest } from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { AppError } from "../errors.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { normalizeOrigin, ORIGIN_FIELD_MESSAGE } from "../services/partners/origin.ts";
import { issueWidgetToken } from "../services/partners/tokens.ts";

/**
 * The widget sign-in hand-over. A widget on a partner's page opens a pop-up on our own origin;
 * there the patient signs in with the usual session cookie, the pop-up names the partner
 * (`lookup`), asks for a token (`tokens`) and posts it to the partner's origin only.
 */
const tags = ["widget"];

const lookupRoute = createRoute({
  method: "get",
  path: "/widget/partners/lookup",
  tags,
  summary: "The live partner registered for an origin (404 when none): named in the pop-up",
  request: { query: z.object({ origin: z.string().max(200) }) },
  responses: {
    200: jsonResponse("Partner", ZWidgetPartnerLookup),
    404: jsonResponse("Not a registered partner", ZErrorBody),
    ...commonErrors,
  },
});

const tokenRoute = createRoute({
  method: "post",
  path: "/widget/tokens",
  tags,
  summary: "A short-lived bearer token for the signed-in patient, for one partner's widgets",
  middleware: [requireUser("patient")] as const,
  request: jsonBody(ZWidgetTokenRequest),
  responses: {
    201: jsonResponse("Issued (handed to the partner's origin only)", ZWidgetToken),
    ...commonErrors,
  },
});

export const widgetRoutes = createRouter()
  .openapi(lookupRoute, async (c) => {
    const origin = normalizeOrigin(c.req.valid("query").origin);
    if (!origin) {
      throw new AppError("validation_failed", { fields: { origin: ORIGIN_FIELD_MESSAGE[c.get("locale")] } });
    }
    const partner = await c.get("services").partners.byOrigin(origin);
    if (!partner) throw new AppError("not_found", { logMessage: "widget lookup of an unregistered origin" });
    return c.json({ name: partner.name, origin: partner.origin }, 200);
  })
  .openapi(tokenRoute, async (c) => {
    const services = c.get("services");
    const user = signedInUser(c);
    const origin = normalizeOrigin(c.req.valid("json").origin);
    const partner = origin ? await services.partners.byOrigin(origin) : null;
    if (!partner) {
      throw new AppError("forbidden", {
        logMessage: "widget token asked for an unregistered origin",
        message:
          c.get("locale") === "en"
            ? "This site is not connected to Priyom: sign-in cannot be handed to it"
            : "Этот сайт не подключён к Приёму: передать ему вход нельзя",
      });
    }
    const issued = await issueWidgetToken(services.db, {
      userId: user.id,
      partner,
      minutes: services.config.widgetTokenMinutes,
      now: services.clock(),
      requestId: c.get("requestId"),
    });
    c.header("Cache-Control", "no-store");
    return c.json(issued, 201);
  });
