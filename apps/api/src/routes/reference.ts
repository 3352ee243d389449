import { createRoute } from "@hono/zod-openapi";
import { ZClinicListResponse, ZErrorBody, ZSpecialtyListResponse } from "@priyom/contracts";
import { createRouter } from "../app-factory.ts";
import { listClinics, listSpecialties } from "../services/reference-data.ts";

const errorResponses = {
  500: { description: "Server fault", content: { "application/json": { schema: ZErrorBody } } },
  503: { description: "Database unavailable", content: { "application/json": { schema: ZErrorBody } } },
} as const;

const specialtiesRoute = createRoute({
  method: "get",
  path: "/specialties",
  tags: ["reference"],
  summary: "The specialties a referral can name, with related specialties",
  responses: {
    200: { description: "Specialties", content: { "application/json": { schema: ZSpecialtyListResponse } } },
    ...errorResponses,
  },
});

const clinicsRoute = createRoute({
  method: "get",
  path: "/clinics",
  tags: ["reference"],
  summary: "Medical organisations with their address, region and time zone",
  responses: {
    200: { description: "Clinics", content: { "application/json": { schema: ZClinicListResponse } } },
    ...errorResponses,
  },
});

/** Public reference data: no session needed, same for everyone. */
export const referenceRoutes = createRouter()
  .openapi(specialtiesRoute, async (c) => {
    const items = await listSpecialties(c.get("services").db);
    return c.json({ items }, 200);
  })
  .openapi(clinicsRoute, async (c) => {
    const items = await listClinics(c.get("services").db);
    return c.json({ items }, 200);
  });
