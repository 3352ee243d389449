import { createRoute, z } from "@hono/zod-openapi";
import { ZErrorBody } from "@priyom/contracts";
import { commonErrors, createRouter, jsonBody, jsonResponse } from "../app-factory.ts";
import {
  CLINIC_API_PERMISSIONS,
  issueClinicApiKey,
  listClinicApiKeys,
  revokeClinicApiKey,
} from "../clinic-api/keys.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";

/** Administrators issue, list and revoke clinic API keys. The secret is answered once, at issue. */
const ZPermission = z.enum(CLINIC_API_PERMISSIONS);
const ZKeyIssueRequest = z.object({
  name: z.string().max(100),
  permissions: z.array(z.string().max(40)).max(10),
});
const ZKeyInfo = z.object({
  id: z.string(),
  clinicId: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(ZPermission),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const ZKeyIssued = ZKeyInfo.extend({
  /** `pk_<prefix>_<secret>`: shown this once, never again. */
  key: z.string(),
});
const ZClinicParams = z.object({ clinicId: z.string().min(1).max(40) });
const ZKeyParams = z.object({ keyId: z.string().min(1).max(60) });
const errors = { ...commonErrors, 404: jsonResponse("No such clinic or key", ZErrorBody) } as const;

const issueRoute = createRoute({
  method: "post",
  path: "/admin/clinics/{clinicId}/api-keys",
  tags: ["admin"],
  summary: "Issue a clinic API key (the key is in this answer only)",
  middleware: [requireUser("admin")] as const,
  request: { params: ZClinicParams, ...jsonBody(ZKeyIssueRequest) },
  responses: { 201: jsonResponse("Issued", ZKeyIssued), ...errors },
});

const listRoute = createRoute({
  method: "get",
  path: "/admin/clinics/{clinicId}/api-keys",
  tags: ["admin"],
  summary: "A clinic's API keys (prefix, name, permissions, last use, revocation)",
  middleware: [requireUser("admin")] as const,
  request: { params: ZClinicParams },
  responses: { 200: jsonResponse("Keys", z.object({ items: z.array(ZKeyInfo) })), ...errors },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/admin/api-keys/{keyId}",
  tags: ["admin"],
  summary: "Revoke a clinic API key at once",
  middleware: [requireUser("admin")] as const,
  request: { params: ZKeyParams },
  responses: { 200: jsonResponse("Revoked", ZKeyInfo), ...errors },
});

export const adminKeyRoutes = createRouter()
  .openapi(issueRoute, async (c) => {
    const body = c.req.valid("json");
    const issued = await issueClinicApiKey(
      c.get("services").db,
      { clinicId: c.req.valid("param").clinicId, name: body.name, permissions: body.permissions },
      { userId: signedInUser(c).id, via: "api", requestId: c.get("requestId") },
      c.get("locale"),
    );
    c.header("Cache-Control", "no-store");
    return c.json({ ...issued.info, key: issued.key }, 201);
  })
  .openapi(listRoute, async (c) => {
    const items = await listClinicApiKeys(c.get("services").db, c.req.valid("param").clinicId);
    return c.json({ items }, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const info = await revokeClinicApiKey(c.get("services").db, c.req.valid("param").keyId, {
      userId: signedInUser(c).id,
      via: "api",
      requestId: c.get("requestId"),
    });
    return c.json(info, 200);
  });
