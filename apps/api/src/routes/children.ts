import { createRoute, z } from "@hono/zod-openapi";
import { ZChild, ZChildInput, ZChildListResponse, ZErrorBody } from "@priyom/contracts";
import { createRouter, jsonBody } from "../app-factory.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { recordPersonalDataRead } from "../audit.ts";
import { addChild, getChild, listChildren, removeChild, updateChild } from "../services/profile/index.ts";

const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: ZErrorBody } },
});

const errorResponses = {
  401: errorBody("Not signed in"),
  500: errorBody("Server fault"),
  503: errorBody("Database unavailable"),
} as const;

const ZChildParams = z.object({ id: z.string().max(64) });

const listRoute = createRoute({
  method: "get",
  path: "/children",
  tags: ["children"],
  summary: "The parent's children under 18, documents masked",
  middleware: [requireUser()] as const,
  responses: {
    200: { description: "Children", content: { "application/json": { schema: ZChildListResponse } } },
    ...errorResponses,
  },
});

const createChildRoute = createRoute({
  method: "post",
  path: "/children",
  tags: ["children"],
  summary: "Add a child under 18 (birth certificate and policy required, СНИЛС optional)",
  middleware: [requireUser()] as const,
  request: jsonBody(ZChildInput),
  responses: {
    201: {
      description: "Added and checked with the registries",
      content: { "application/json": { schema: ZChild } },
    },
    400: errorBody("Invalid fields, each named with its message"),
    409: errorBody("The policy or СНИЛС is already held by another person"),
    ...errorResponses,
  },
});

const documentsRoute = createRoute({
  method: "get",
  path: "/children/{id}/documents",
  tags: ["children"],
  summary: "One child with documents unmasked (the parent's edit screen)",
  middleware: [requireUser()] as const,
  request: { params: ZChildParams },
  responses: {
    200: { description: "The child, unmasked", content: { "application/json": { schema: ZChild } } },
    404: errorBody("No such child of this parent"),
    ...errorResponses,
  },
});

const updateChildRoute = createRoute({
  method: "put",
  path: "/children/{id}",
  tags: ["children"],
  summary: "Replace a child's data",
  middleware: [requireUser()] as const,
  request: {
    params: ZChildParams,
    ...jsonBody(ZChildInput),
  },
  responses: {
    200: {
      description: "Saved and checked with the registries",
      content: { "application/json": { schema: ZChild } },
    },
    400: errorBody("Invalid fields, each named with its message"),
    404: errorBody("No such child of this parent"),
    409: errorBody("The policy or СНИЛС is already held by another person"),
    ...errorResponses,
  },
});

const deleteChildRoute = createRoute({
  method: "delete",
  path: "/children/{id}",
  tags: ["children"],
  summary: "Remove a child from the account",
  middleware: [requireUser()] as const,
  request: { params: ZChildParams },
  responses: {
    204: { description: "Removed" },
    404: errorBody("No such child of this parent"),
    ...errorResponses,
  },
});

/** A parent's children; only the signed-in parent's own, any other id answers 404. */
export const childrenRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const userId = signedInUser(c).id;
    const items = await listChildren(c.get("services"), userId, { masked: true });
    await recordPersonalDataRead(c.get("services").db, {
      readerUserId: userId,
      subjectUserId: userId,
      object: { type: "children", id: userId },
      view: "masked",
    });
    return c.json({ items }, 200);
  })
  .openapi(createChildRoute, async (c) => {
    const child = await addChild(c.get("services"), signedInUser(c).id, c.req.valid("json"), {
      locale: c.get("locale"),
      requestId: c.get("requestId"),
    });
    return c.json(child, 201);
  })
  .openapi(documentsRoute, async (c) => {
    const child = await getChild(c.get("services"), signedInUser(c).id, c.req.valid("param").id, {
      masked: false,
    });
    // After the look-up: another parent's child id answers 404 and reads nothing.
    await recordPersonalDataRead(c.get("services").db, {
      readerUserId: signedInUser(c).id,
      subjectUserId: signedInUser(c).id,
      object: { type: "child", id: c.req.valid("param").id },
      view: "documents",
    });
    c.header("Cache-Control", "no-store");
    return c.json(child, 200);
  })
  .openapi(updateChildRoute, async (c) => {
    const child = await updateChild(
      c.get("services"),
      signedInUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
      { locale: c.get("locale"), requestId: c.get("requestId") },
    );
    return c.json(child, 200);
  })
  .openapi(deleteChildRoute, async (c) => {
    await removeChild(c.get("services"), signedInUser(c).id, c.req.valid("param").id);
    return c.body(null, 204);
  });
