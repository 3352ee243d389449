import { createRoute, z } from "@hono/zod-openapi";
import { ZErrorBody, ZPartner, ZPartnerCreate, ZPartnerList } from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { createPartner, listPartners, revokePartner } from "../services/partners/admin.ts";

/** Administrators register and withdraw partner sites (the origins their widgets run on). */
const tags = ["admin"];
const errors = {
  ...commonErrors,
  404: jsonResponse("No such partner", ZErrorBody),
  409: jsonResponse("A live partner already has this origin", ZErrorBody),
} as const;

const listRoute = createRoute({
  method: "get",
  path: "/admin/partners",
  tags,
  summary: "Partner sites: live first, then withdrawn",
  middleware: [requireUser("admin")] as const,
  responses: { 200: jsonResponse("Partners", ZPartnerList), ...errors },
});

const createPartnerRoute = createRoute({
  method: "post",
  path: "/admin/partners",
  tags,
  summary: "Register a partner site by its origin; its widgets work at once",
  middleware: [requireUser("admin")] as const,
  request: jsonBody(ZPartnerCreate),
  responses: { 201: jsonResponse("Registered", ZPartner), ...errors },
});

const revokeRoute = createRoute({
  method: "post",
  path: "/admin/partners/{id}/revoke",
  tags,
  summary: "Withdraw a partner: its origin is refused and its widget tokens end at once",
  middleware: [requireUser("admin")] as const,
  request: { params: z.object({ id: z.string().min(1).max(60) }) },
  responses: { 200: jsonResponse("Withdrawn", ZPartner), ...errors },
});

export const partnerRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    return c.json({ items: await listPartners(c.get("services").db) }, 200);
  })
  .openapi(createPartnerRoute, async (c) => {
    const services = c.get("services");
    const partner = await createPartner(
      services.db,
      c.req.valid("json"),
      { userId: signedInUser(c).id, requestId: c.get("requestId") },
      c.get("locale"),
    );
    // This process answers the new origin from the next request on; others within their cache.
    services.partners.invalidate();
    return c.json(partner, 201);
  })
  .openapi(revokeRoute, async (c) => {
    const services = c.get("services");
    const partner = await revokePartner(services.db, c.req.valid("param").id, {
      userId: signedInUser(c).id,
      requestId: c.get("requestId"),
    });
    services.partners.invalidate();
    return c.json(partner, 200);
  });
