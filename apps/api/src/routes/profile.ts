import { createRoute } from "@hono/zod-openapi";
import { ZAccountExport, ZErrorBody, ZProfile, ZProfileUpdateRequest } from "@priyom/contracts";
import { createRouter, jsonBody } from "../app-factory.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { recordAudit, recordPersonalDataRead } from "../audit.ts";
import {
  exportPersonalData,
  getProfile,
  refreshRegistryChecks,
  updateProfile,
} from "../services/profile/index.ts";

const json = (schema: typeof ZErrorBody, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const errorResponses = {
  401: json(ZErrorBody, "Not signed in"),
  404: json(ZErrorBody, "The account has no patient profile"),
  500: json(ZErrorBody, "Server fault"),
  503: json(ZErrorBody, "Database unavailable"),
} as const;

const getProfileRoute = createRoute({
  method: "get",
  path: "/profile",
  tags: ["profile"],
  summary: "The signed-in patient's profile, documents masked",
  middleware: [requireUser()] as const,
  responses: {
    200: { description: "Profile", content: { "application/json": { schema: ZProfile } } },
    ...errorResponses,
  },
});

const getDocumentsRoute = createRoute({
  method: "get",
  path: "/profile/documents",
  tags: ["profile"],
  summary: "The same profile with passport, СНИЛС and policy unmasked (the owner's edit screen)",
  middleware: [requireUser()] as const,
  responses: {
    200: { description: "Profile, unmasked", content: { "application/json": { schema: ZProfile } } },
    ...errorResponses,
  },
});

const putProfileRoute = createRoute({
  method: "put",
  path: "/profile",
  tags: ["profile"],
  summary: "Replace the profile; every field is checked and all errors are answered at once",
  middleware: [requireUser()] as const,
  request: jsonBody(ZProfileUpdateRequest),
  responses: {
    200: {
      description: "Saved and checked with the registries",
      content: { "application/json": { schema: ZProfile } },
    },
    400: json(ZErrorBody, "Invalid fields, each named with its message"),
    409: json(ZErrorBody, "The policy or СНИЛС is already held by another person"),
    ...errorResponses,
  },
});

const registryChecksRoute = createRoute({
  method: "post",
  path: "/profile/registry-checks",
  tags: ["profile"],
  summary: "Check the policy and СНИЛС with the registries again",
  middleware: [requireUser()] as const,
  responses: {
    200: {
      description: "Profile with fresh check states",
      content: { "application/json": { schema: ZProfile } },
    },
    ...errorResponses,
  },
});

const exportRoute = createRoute({
  method: "get",
  path: "/account/export",
  tags: ["account"],
  summary: "Download everything held about the account (JSON attachment)",
  middleware: [requireUser()] as const,
  responses: {
    200: { description: "The data", content: { "application/json": { schema: ZAccountExport } } },
    401: json(ZErrorBody, "Not signed in"),
    500: json(ZErrorBody, "Server fault"),
    503: json(ZErrorBody, "Database unavailable"),
  },
});

/** The signed-in patient's own profile; the user id always comes from the session, never the request. */
export const profileRoutes = createRouter()
  .openapi(getProfileRoute, async (c) => {
    const userId = signedInUser(c).id;
    await recordPersonalDataRead(c.get("services").db, {
      readerUserId: userId,
      subjectUserId: userId,
      object: { type: "profile", id: userId },
      view: "masked",
    });
    const profile = await getProfile(c.get("services"), userId, { masked: true });
    return c.json(profile, 200);
  })
  .openapi(getDocumentsRoute, async (c) => {
    const userId = signedInUser(c).id;
    await recordPersonalDataRead(c.get("services").db, {
      readerUserId: userId,
      subjectUserId: userId,
      object: { type: "profile", id: userId },
      view: "documents",
    });
    const profile = await getProfile(c.get("services"), userId, { masked: false });
    c.header("Cache-Control", "no-store");
    return c.json(profile, 200);
  })
  .openapi(putProfileRoute, async (c) => {
    const profile = await updateProfile(c.get("services"), signedInUser(c).id, c.req.valid("json"), {
      locale: c.get("locale"),
      requestId: c.get("requestId"),
    });
    return c.json(profile, 200);
  })
  .openapi(registryChecksRoute, async (c) => {
    const profile = await refreshRegistryChecks(c.get("services"), signedInUser(c).id, {
      requestId: c.get("requestId"),
    });
    return c.json(profile, 200);
  })
  .openapi(exportRoute, async (c) => {
    const data = await exportPersonalData(c.get("services"), signedInUser(c).id);
    await recordAudit(c.get("services").db, {
      action: "account.exported",
      result: "success",
      actorUserId: signedInUser(c).id,
      requestId: c.get("requestId"),
    });
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", 'attachment; filename="priyom-data.json"');
    return c.json(data, 200);
  });
