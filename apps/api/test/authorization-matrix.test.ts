import { appointments, notifications } from "@priyom/db";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { CLINIC_API_PERMISSIONS } from "../src/clinic-api/keys.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { provisionAccount } from "../src/services/accounts/provision.ts";
import { weekdaysAhead } from "./after-booking-fixtures.ts";
import {
  asPatient,
  bookedAppointment,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
} from "./booking-fixtures.ts";
import {
  asClinic,
  issueRequest,
  CLINIC_A,
  CLINIC_B,
  clinicKey,
  doctorBody,
  staffOf,
  WEEKDAY_SCHEDULE,
} from "./clinic-helpers.ts";
import { createTestContext, TEST_ORIGIN, type TestContext } from "./test-services.ts";
import { DEMO_IDENTITIES } from "../src/registries/index.ts";

/**
 * The authorization matrix (issue 8, OWASP API1 "broken object level authorization"): every route
 * of the router with an object id in its path is tried with every method it has by the owner,
 * another patient, staff of another clinic, another patient's partner widget token and nobody.
 * Cross-tenant attempts must all get the one 404 body (no 403 that says "it exists, not yours");
 * the table below must name every such route, so a new one fails here until someone decides who
 * owns it.
 */

const CLINIC_X = CLINIC_A;
const CLINIC_Y = CLINIC_B;
const PARTNER_ORIGIN = "https://partner-portal.example.ru";

type Actor = "owner" | "otherPatient" | "otherClinic" | "partnerToken" | "anonymous";
const ACTORS: Actor[] = ["otherPatient", "otherClinic", "partnerToken", "anonymous", "owner"];

/**
 * Who owns the object of a row:
 * - patient: a patient's own object; another patient and their widget token get 404, staff 403;
 * - staff: an object of clinic X, for X's staff; clinic Y's staff get 404, patients 403;
 * - clinicKey: the clinic API (server to server, key of clinic X); clinic Y's key gets 404, sessions 401;
 * - admin: administrators only; everyone else 403;
 * - public: not owned (a doctor's free dates, a widget file): the same answer for every actor.
 */
type Kind = "patient" | "staff" | "clinicKey" | "admin" | "public";

interface Owned {
  /** The value of the path parameter. */
  id: string;
  /** The session of the owner (patients, staff, admins). */
  owner?: SessionUser;
}

interface Row {
  kind: Kind;
  create: () => Promise<Owned>;
  /**
   * The clinic API's doctor upsert is keyed by the clinic's own external id: clinic Y's key on the
   * same id creates or updates Y's doctor, never X's (checked after the run).
   */
  ownNamespace?: true;
  /** A valid body per method: an invalid one would be refused before the ownership check. */
  body?: Partial<Record<string, () => unknown>>;
}

let ctx: TestContext;
let doctorX = "";
let doctorXExternal = "";
let otherPatient: SessionUser;
let otherPatientToken = "";
let staffX: SessionUser;
let staffY: SessionUser;
let keyX = "";
let keyY = "";
let admin: SessionUser;
let slotPool: string[] = [];
const [WAIT_DAY = ""] = weekdaysAhead(5, 1);

const nextSlot = () => {
  const slot = slotPool.shift();
  if (!slot) throw new Error("the matrix ran out of free slots");
  return slot;
};

async function freshPatient() {
  const [p] = await bulkPatients(ctx, 1, [CLINIC_X]);
  if (!p) throw new Error("no patient");
  return p;
}

async function freshAppointment() {
  const p = await freshPatient();
  const appointment = await bookedAppointment(ctx, p, nextSlot());
  const [row] = await ctx.services.db.select().from(appointments).where(eq(appointments.id, appointment.id));
  if (!row) throw new Error("no appointment row");
  return { patient: p, appointment, ticketNumber: row.ticketNumber };
}

async function ok(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function priorityRequestOf() {
  const p = await freshPatient();
  const body = await ok(
    await ctx.request("POST", "/api/v1/priority-requests", {
      as: asPatient(p),
      body: { referralId: p.referralIds[0], reason: "Терапевт просит принять раньше", urgency: "normal" },
    }),
    "priority request",
  );
  return { patient: p, id: body.id as string };
}

const reason = () => ({ reason: "Проверка прав доступа" });
const childInput = () => ({
  lastName: DEMO_IDENTITIES.daughter.lastName,
  firstName: DEMO_IDENTITIES.daughter.firstName,
  middleName: DEMO_IDENTITIES.daughter.middleName,
  birthDate: "01.09.2016",
  birthCertificate: { series: "IV - МЮ", number: "654 321", issuedOn: "2016-09-10" },
  enp: DEMO_IDENTITIES.daughter.enp,
  snils: null,
});

/** Every parameterised route of the router, by Hono path, with who owns its object. */
const MATRIX: Record<string, Row> = {
  "/api/v1/children/:id": {
    kind: "patient",
    create: childOf,
    body: { PUT: childInput },
  },
  "/api/v1/children/:id/documents": { kind: "patient", create: childOf },
  "/api/v1/referrals/:id": { kind: "patient", create: referralOwned },
  "/api/v1/referrals/:id/doctors": { kind: "patient", create: referralOwned },
  "/api/v1/referrals/:id/free-dates": { kind: "patient", create: referralOwned },
  "/api/v1/appointments/:id": { kind: "patient", create: appointmentOwned },
  "/api/v1/appointments/:id/ticket": { kind: "patient", create: appointmentOwned },
  "/api/v1/appointments/:id/ticket.pdf": { kind: "patient", create: appointmentOwned },
  "/api/v1/appointments/:id/ticket.ics": { kind: "patient", create: appointmentOwned },
  "/api/v1/appointments/:id/cancel": { kind: "patient", create: appointmentOwned, body: { POST: reason } },
  "/api/v1/appointments/:id/reschedule": {
    kind: "patient",
    create: appointmentOwned,
    body: { POST: () => ({ slotId: nextSlot() }) },
  },
  "/api/v1/notifications/:id/read": {
    kind: "patient",
    create: async () => {
      const { patient } = await freshAppointment();
      const [row] = await ctx.services.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, patient.userId));
      if (!row) throw new Error("booking made no notification");
      return { id: row.id, owner: asPatient(patient) };
    },
  },
  "/api/v1/waitlist/:id": { kind: "patient", create: waitlistOwned },
  "/api/v1/waitlist/:id/accept": {
    kind: "patient",
    create: waitlistOwned,
    body: { POST: () => ({ contactPhone: "+79990001122" }) },
  },
  "/api/v1/waitlist/:id/decline": { kind: "patient", create: waitlistOwned },
  "/api/v1/priority-requests/:id/withdraw": {
    kind: "patient",
    create: async () => {
      const { patient, id } = await priorityRequestOf();
      return { id, owner: asPatient(patient) };
    },
  },
  "/api/v1/doctors/:id/free-dates": { kind: "public", create: () => Promise.resolve({ id: doctorX }) },
  "/api/v1/doctors/:id/slots": { kind: "public", create: () => Promise.resolve({ id: doctorX }) },
  "/api/v1/staff/referrals/:number/extend": {
    kind: "staff",
    create: staffReferral,
    body: { POST: () => ({ validityDays: 60, ...reason() }) },
  },
  "/api/v1/staff/referrals/:number/withdraw": {
    kind: "staff",
    create: staffReferral,
    body: { POST: reason },
  },
  "/api/v1/staff/doctors/:externalId/schedule": {
    kind: "staff",
    create: () => Promise.resolve({ id: doctorXExternal, owner: staffX }),
    body: { PUT: () => WEEKDAY_SCHEDULE },
  },
  "/api/v1/staff/appointments/:id/done": { kind: "staff", create: staffAppointment },
  "/api/v1/staff/appointments/:id/missed": { kind: "staff", create: staffAppointment },
  "/api/v1/staff/appointments/:id/cancel": {
    kind: "staff",
    create: staffAppointment,
    body: { POST: reason },
  },
  "/api/v1/staff/priority-requests/:id/slots": { kind: "admin", create: staffPriority },
  "/api/v1/staff/priority-requests/:id/approve": {
    kind: "admin",
    create: staffPriority,
    body: { POST: () => ({ slotId: nextSlot() }) },
  },
  "/api/v1/staff/priority-requests/:id/decline": {
    kind: "admin",
    create: staffPriority,
    body: { POST: reason },
  },
  "/api/v1/clinic/doctors/:externalId": {
    kind: "clinicKey",
    ownNamespace: true,
    // A doctor of its own: clinic Y's upsert of the same id makes Y a doctor of that name, which
    // must not stand in for X's doctor in the schedule rows.
    create: async () => {
      await doctorsWithSchedule(ctx, CLINIC_X, [{ externalId: "matrix-x-upsert" }]);
      return { id: "matrix-x-upsert" };
    },
    body: { PUT: () => doctorBody("matrix-x-upsert") },
  },
  "/api/v1/clinic/doctors/:externalId/schedule": {
    kind: "clinicKey",
    create: () => Promise.resolve({ id: doctorXExternal }),
    body: { PUT: () => WEEKDAY_SCHEDULE },
  },
  "/api/v1/clinic/referrals/:number": { kind: "clinicKey", create: clinicReferral },
  "/api/v1/clinic/referrals/:number/extend": {
    kind: "clinicKey",
    create: clinicReferral,
    body: { POST: () => ({ validityDays: 60, ...reason() }) },
  },
  "/api/v1/clinic/referrals/:number/withdraw": {
    kind: "clinicKey",
    create: clinicReferral,
    body: { POST: reason },
  },
  "/api/v1/clinic/appointments/:ticketNumber/done": { kind: "clinicKey", create: clinicTicket },
  "/api/v1/clinic/appointments/:ticketNumber/missed": { kind: "clinicKey", create: clinicTicket },
  "/api/v1/clinic/appointments/:ticketNumber/cancel": {
    kind: "clinicKey",
    create: clinicTicket,
    body: { POST: reason },
  },
  "/api/v1/admin/clinics/:clinicId/api-keys": {
    kind: "admin",
    create: () => Promise.resolve({ id: CLINIC_X, owner: admin }),
    body: { POST: () => ({ name: "МИС (матрица)", permissions: ["referrals:read"] }) },
  },
  "/api/v1/admin/api-keys/:keyId": {
    kind: "admin",
    create: async () => {
      const body = await ok(
        await ctx.request("POST", `/api/v1/admin/clinics/${CLINIC_X}/api-keys`, {
          as: admin,
          body: { name: "МИС (матрица)", permissions: ["referrals:read"] },
        }),
        "api key",
      );
      return {
        id: (body.id ?? (body.key as Record<string, unknown> | undefined)?.id) as string,
        owner: admin,
      };
    },
  },
  "/api/v1/admin/partners/:id/revoke": {
    kind: "admin",
    create: async () => {
      const body = await ok(
        await ctx.request("POST", "/api/v1/admin/partners", {
          as: admin,
          body: { name: "Партнёр для отзыва", origin: `https://revoke-${Date.now()}.example.ru` },
        }),
        "partner",
      );
      return { id: body.id as string, owner: admin };
    },
  },
  "/widgets/:file": { kind: "public", create: () => Promise.resolve({ id: "booking-widget.js" }) },
};

/**
 * One child for both child routes: a policy number belongs to one child only. The documents row
 * comes first in the router, the deletion last.
 */
let sharedChild: Promise<Owned> | undefined;
function childOf(): Promise<Owned> {
  sharedChild ??= newChild();
  return sharedChild;
}

async function newChild(): Promise<Owned> {
  const p = await freshPatient();
  const body = await ok(
    await ctx.request("POST", "/api/v1/children", { as: asPatient(p), body: childInput() }),
    "child",
  );
  return { id: body.id as string, owner: asPatient(p) };
}

async function referralOwned(): Promise<Owned> {
  const p = await freshPatient();
  return { id: p.referralIds[0] ?? "", owner: asPatient(p) };
}

async function appointmentOwned(): Promise<Owned> {
  const { patient, appointment } = await freshAppointment();
  return { id: appointment.id, owner: asPatient(patient) };
}

async function waitlistOwned(): Promise<Owned> {
  const p = await freshPatient();
  const body = await ok(
    await ctx.request("POST", "/api/v1/waitlist", {
      as: asPatient(p),
      body: { referralId: p.referralIds[0], fromDate: WAIT_DAY, toDate: WAIT_DAY, doctorIds: [doctorX] },
    }),
    "waitlist",
  );
  return { id: body.id as string, owner: asPatient(p) };
}

async function staffReferral(): Promise<Owned> {
  return { id: await issuedByX(), owner: staffX };
}

/**
 * A referral issued by clinic X through its API; its number comes from `newReferralNumber`, which
 * the log scan cannot mistake for a phone number (a random one can, and the number sits in the URL).
 */
async function issuedByX(): Promise<string> {
  const request = issueRequest();
  const issued = await asClinic(ctx, keyX, "POST", "/api/v1/clinic/referrals", request);
  if (issued.status !== 201) throw new Error(`referral: ${issued.status}`);
  return request.number;
}

async function staffAppointment(): Promise<Owned> {
  const { appointment } = await freshAppointment();
  return { id: appointment.id, owner: staffX };
}

async function staffPriority(): Promise<Owned> {
  const { id } = await priorityRequestOf();
  return { id, owner: admin };
}

async function clinicReferral(): Promise<Owned> {
  return { id: await issuedByX() };
}

async function clinicTicket(): Promise<Owned> {
  const { ticketNumber } = await freshAppointment();
  return { id: ticketNumber };
}

/** The request one actor sends: a session header, a widget token with its partner Origin, a clinic key, or nothing. */
function send(actor: Actor, kind: Kind, owned: Owned, method: string, path: string, body: unknown) {
  const headers: Record<string, string> = {
    Origin: TEST_ORIGIN,
    "Idempotency-Key": `matrix-${randomUUID()}`,
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const session = (user: SessionUser) => {
    headers["x-test-user"] = JSON.stringify(user);
  };
  if (kind === "clinicKey" && (actor === "owner" || actor === "otherClinic")) {
    // A clinic's server: its key, no Origin.
    delete headers.Origin;
    headers.Authorization = `Bearer ${actor === "owner" ? keyX : keyY}`;
  }
  if (actor === "owner" && kind !== "clinicKey") session(owned.owner ?? otherPatient);
  if (actor === "otherPatient") session(otherPatient);
  if (actor === "otherClinic" && kind !== "clinicKey") session(staffY);
  if (actor === "partnerToken") {
    headers.Origin = PARTNER_ORIGIN;
    headers.Authorization = `Bearer ${otherPatientToken}`;
  }
  return ctx.app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** What each actor must get, by kind: a status, or "served" (anything but 401/403/404). */
function expected(kind: Kind, actor: Actor): number | "served" | "public" {
  // Not owned: checked below to be one answer for every actor.
  if (kind === "public") return "public";
  if (actor === "owner") return "served";
  if (actor === "anonymous") return 401;
  switch (kind) {
    case "patient":
      // Staff asking for a patient's object learn no more than another patient: 404.
      return 404;
    case "staff":
      return actor === "otherClinic" ? 404 : 403;
    case "clinicKey":
      return actor === "otherClinic" ? 404 : 401;
    case "admin":
      return 403;
  }
}

const withoutRequestId = (text: string) => text.replace(/"requestId":"[^"]*"/, "");

/** Hono paths with a parameter, deduplicated, each with the methods registered for it. */
function parameterisedRoutes(): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  for (const route of ctx.app.routes) {
    if (route.method === "ALL" || !route.path.includes("/:")) continue;
    const methods = routes.get(route.path) ?? [];
    if (!methods.includes(route.method)) methods.push(route.method);
    routes.set(route.path, methods);
  }
  return routes;
}

beforeAll(async () => {
  ctx = await createTestContext();
  doctorXExternal = "matrix-x";
  const docs = await doctorsWithSchedule(ctx, CLINIC_X, [{ externalId: doctorXExternal }]);
  await doctorsWithSchedule(ctx, CLINIC_Y, [{ externalId: "matrix-y" }]);
  doctorX = docs[doctorXExternal] ?? "";
  await ctx.services.slotIndex.ready();
  slotPool = (await freeSlotsOf(ctx, doctorX, 200)).map((s) => s.id);
  staffX = await staffOf(ctx, CLINIC_X);
  staffY = await staffOf(ctx, CLINIC_Y);
  keyX = await clinicKey(ctx, CLINIC_X, [...CLINIC_API_PERMISSIONS]);
  keyY = await clinicKey(ctx, CLINIC_Y, [...CLINIC_API_PERMISSIONS]);
  // A real account: the partner registry records who registered a partner.
  const { userId: adminId } = await provisionAccount(ctx.services, {
    email: "admin.matrix@priyom.example.ru",
    password: "Admin-password-1",
    name: "Администратор матрицы",
    role: "admin",
  });
  admin = { id: adminId, role: "admin", sessionId: `ses_${adminId}` };
  const b = await freshPatient();
  otherPatient = asPatient(b);
  await ok(
    await ctx.request("POST", "/api/v1/admin/partners", {
      as: admin,
      body: { name: "Портал для матрицы", origin: PARTNER_ORIGIN },
    }),
    "partner",
  );
  const token = await ok(
    await ctx.request("POST", "/api/v1/widget/tokens", {
      as: otherPatient,
      body: { origin: PARTNER_ORIGIN },
    }),
    "widget token",
  );
  otherPatientToken = token.token as string;
}, 120_000);
afterAll(async () => {
  await ctx.close();
});

describe("authorization matrix", () => {
  it("names every parameterised route of the router, and nothing else", () => {
    const routes = [...parameterisedRoutes().keys()].sort();
    const missing = routes.filter((path) => !(path in MATRIX));
    const stale = Object.keys(MATRIX).filter((path) => !routes.includes(path));
    expect(missing, "routes with an object id that the matrix does not name").toEqual([]);
    expect(stale, "matrix rows for routes the router no longer has").toEqual([]);
  });

  it("serves the owner, answers every cross-tenant attempt with the one 404 body and nobody with the one 401", async () => {
    const notFoundBodies = new Map<string, string[]>();
    const unauthorizedBodies = new Map<string, string[]>();
    const failures: string[] = [];
    const publicStatuses = new Map<string, Set<number>>();
    let attempts = 0;
    for (const [path, methods] of parameterisedRoutes()) {
      const row = MATRIX[path];
      if (!row) continue;
      const owned = await row.create();
      const url = path.replace(/:[A-Za-z]+/, encodeURIComponent(owned.id));
      // Reads first, deletion last: the owner's own attempt must not remove the object before the others try.
      const ordered = [...methods].sort((a, b) => rank(a) - rank(b));
      for (const actor of ACTORS) {
        for (const method of ordered) {
          attempts += 1;
          const res = await send(actor, row.kind, owned, method, url, row.body?.[method]?.());
          const text = await res.text();
          const want = row.ownNamespace && actor === "otherClinic" ? "served" : expected(row.kind, actor);
          const label = `${actor} ${method} ${path} → ${res.status}`;
          const served = ![401, 403, 404].includes(res.status) && res.status < 500;
          if (want === "public") {
            publicStatuses.set(path, new Set([...(publicStatuses.get(path) ?? []), res.status]));
          } else if (want === "served" ? !served : res.status !== want) {
            failures.push(`${label} (expected ${want}) ${text.slice(0, 160)}`);
          }
          const bucket = res.status === 404 ? notFoundBodies : res.status === 401 ? unauthorizedBodies : null;
          if (bucket && typeof want === "number") {
            // The clinic API tells a server which key it needs: one 401 body for it, one for people.
            const audience = res.status === 401 && row.kind === "clinicKey" ? "clinic-api " : "";
            const key = audience + withoutRequestId(text);
            bucket.set(key, [...(bucket.get(key) ?? []), label]);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    for (const [path, statuses] of publicStatuses) {
      expect([...statuses], path).toHaveLength(1);
      expect([...statuses][0], path).not.toBeOneOf([401, 403, 500]);
    }
    expect(attempts).toBeGreaterThan(100);
    // Byte for byte, apart from the request id: no route says more about a foreign object than another.
    expect(
      [...notFoundBodies.keys()],
      JSON.stringify([...notFoundBodies.values()].map((v) => v[0])),
    ).toHaveLength(1);
    const unauthorized = [...unauthorizedBodies.keys()];
    expect(
      unauthorized.filter((key) => key.startsWith("clinic-api ")),
      "clinic API 401 bodies",
    ).toHaveLength(1);
    expect(
      unauthorized.filter((key) => !key.startsWith("clinic-api ")),
      "401 bodies",
    ).toHaveLength(1);
  }, 300_000);
});

function rank(method: string): number {
  return { GET: 0, PUT: 1, PATCH: 1, POST: 2, DELETE: 3 }[method] ?? 2;
}

/**
 * Who may call each route without an object id. `user` is anyone signed in; `patient` routes act on
 * the caller's own data (staff signed in see their own, empty, lists there: nobody else's);
 * `clinicKey` the clinic API; `public` nobody in particular. A new route fails the first test below until it is listed.
 */
type Audience = "public" | "user" | "patient" | "staff" | "admin" | "clinicKey";
const ROLES: Record<string, Audience> = {
  "GET /healthz": "public",
  "GET /readyz": "public",
  "GET /api/openapi.json": "public",
  "GET /api/dev/outbox": "public",
  "GET /api/v1/specialties": "public",
  "GET /api/v1/clinics": "public",
  "GET /api/v1/profile": "patient",
  "PUT /api/v1/profile": "patient",
  "GET /api/v1/profile/documents": "patient",
  "POST /api/v1/profile/registry-checks": "patient",
  "GET /api/v1/account/export": "user",
  "GET /api/v1/children": "patient",
  "POST /api/v1/children": "patient",
  "POST /api/v1/account/sign-up": "public",
  "POST /api/v1/account/sign-up/confirm": "public",
  "POST /api/v1/account/sign-up/resend": "public",
  "POST /api/v1/account/sign-in": "public",
  "POST /api/v1/account/sign-in/two-factor": "public",
  "POST /api/v1/account/recovery/start": "public",
  "POST /api/v1/account/recovery/finish": "public",
  "GET /api/v1/account/me": "user",
  "POST /api/v1/account/sign-out": "user",
  "GET /api/v1/account/sessions": "user",
  "POST /api/v1/account/sessions/revoke-others": "user",
  "POST /api/v1/account/password": "user",
  "POST /api/v1/account/two-factor/enable": "user",
  "POST /api/v1/account/two-factor/confirm": "user",
  "POST /api/v1/account/two-factor/disable": "user",
  "DELETE /api/v1/account": "user",
  "GET /api/v1/clinic/doctors": "clinicKey",
  "POST /api/v1/clinic/referrals": "clinicKey",
  "GET /api/v1/staff/referrals": "staff",
  "POST /api/v1/staff/referrals": "staff",
  "GET /api/v1/staff/doctors": "staff",
  "GET /api/v1/referrals": "patient",
  "POST /api/v1/referrals/lookup": "patient",
  "POST /api/v1/referrals/refresh": "patient",
  "GET /api/v1/slots/nearest": "public",
  "GET /api/v1/slots/stream": "public",
  "POST /api/v1/holds": "patient",
  "GET /api/v1/holds/current": "patient",
  "DELETE /api/v1/holds/current": "patient",
  "GET /api/v1/booking/preview": "patient",
  "POST /api/v1/appointments": "patient",
  "GET /api/v1/appointments": "patient",
  "GET /api/v1/history": "patient",
  "GET /api/v1/notifications": "user",
  "GET /api/v1/notifications/unread-count": "user",
  "POST /api/v1/notifications/read-all": "user",
  "GET /api/v1/staff/appointments": "staff",
  "GET /api/v1/waitlist": "patient",
  "POST /api/v1/waitlist": "patient",
  "GET /api/v1/priority-requests": "patient",
  "POST /api/v1/priority-requests": "patient",
  "GET /api/v1/staff/priority-requests": "admin",
  "GET /api/v1/staff/journal": "staff",
  "GET /api/v1/staff/notifications/failed": "staff",
  "GET /api/v1/admin/partners": "admin",
  "POST /api/v1/admin/partners": "admin",
  "GET /api/v1/widget/partners/lookup": "public",
  "POST /api/v1/widget/tokens": "patient",
};

/**
 * Bodies valid enough to reach the sign-in check: `DELETE /account` validates its body before it
 * asks who is calling (an empty one is a 400 even for nobody — it reveals nothing about anyone).
 */
const ROLE_BODIES: Record<string, unknown> = { "DELETE /api/v1/account": { password: "Wrong-password-1" } };

function unparameterisedRoutes(): string[] {
  const seen = new Set<string>();
  for (const route of ctx.app.routes) {
    if (route.method === "ALL" || route.path.includes("/:") || route.path.startsWith("/api/auth/")) continue;
    seen.add(`${route.method} ${route.path}`);
  }
  return [...seen].sort();
}

describe("roles of the routes without an object id", () => {
  it("lists every such route of the router, and nothing else", () => {
    const routes = unparameterisedRoutes();
    expect(
      routes.filter((route) => !(route in ROLES)),
      "routes the role table does not name",
    ).toEqual([]);
    expect(
      Object.keys(ROLES).filter((route) => !routes.includes(route)),
      "role rows for routes the router no longer has",
    ).toEqual([]);
  });

  it("refuses the wrong role with 403 and nobody with 401 on staff, admin and patient routes", async () => {
    const failures: string[] = [];
    const attempt = async (route: string, as: SessionUser | null, want: number) => {
      const [method = "GET", path = ""] = route.split(" ");
      const res = await ctx.app.request(path, {
        method,
        headers: {
          Origin: TEST_ORIGIN,
          "Idempotency-Key": `roles-${randomUUID()}`,
          ...(as ? { "x-test-user": JSON.stringify(as) } : {}),
          ...(method === "GET" ? {} : { "Content-Type": "application/json" }),
        },
        ...(method === "GET" ? {} : { body: JSON.stringify(ROLE_BODIES[route] ?? {}) }),
      });
      if (res.status !== want)
        failures.push(`${as?.role ?? "anonymous"} ${route} → ${res.status} (expected ${want})`);
    };
    let checked = 0;
    for (const [route, audience] of Object.entries(ROLES)) {
      if (audience === "public") continue;
      checked += 1;
      await attempt(route, null, 401);
      if (audience === "staff" || audience === "admin") await attempt(route, otherPatient, 403);
      if (audience === "admin") await attempt(route, staffX, 403);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });
});
