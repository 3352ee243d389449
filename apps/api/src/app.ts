import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import type { AppEnv, AppServices } from "./context.ts";
import { handleError, localeFrom, notFoundResponse } from "./errors.ts";
import { journalRequestContext } from "./audit.ts";
import { authHeaders } from "./auth/auth-headers.ts";
import { authenticateRequest } from "./auth/session.ts";
import { partnerCors } from "./middleware/cors.ts";
import { bodyLimits } from "./middleware/body-limits.ts";
import { methodNotAllowed } from "./middleware/method-not-allowed.ts";
import { requestGuards } from "./middleware/request-guards.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { partnerRateLimit, widgetTokenLimits } from "./middleware/widget-guards.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminKeyRoutes } from "./routes/admin-keys.ts";
import { clinicRoutes } from "./routes/clinic.ts";
import { devRoutes } from "./routes/dev.ts";
import { childrenRoutes } from "./routes/children.ts";
import { healthRoutes } from "./routes/health.ts";
import { profileRoutes } from "./routes/profile.ts";
import { referenceRoutes } from "./routes/reference.ts";
import { staffReferralRoutes } from "./routes/staff-referrals.ts";
import { staffScheduleRoutes } from "./routes/staff-schedules.ts";
import { referralRoutes } from "./routes/referrals.ts";
import { slotRoutes } from "./routes/slots.ts";
import { bookingRoutes } from "./routes/booking.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { staffAppointmentRoutes } from "./routes/staff-appointments.ts";
import { waitlistRoutes } from "./routes/waitlist.ts";
import { priorityRequestRoutes } from "./routes/priority-requests.ts";
import { staffPriorityRoutes } from "./routes/staff-priority.ts";
import { staffJournalRoutes } from "./routes/staff-journal.ts";
import { partnerRoutes } from "./routes/partners.ts";
import { widgetRoutes } from "./routes/widget.ts";
import { createStaticRoutes, createWidgetFileRoutes } from "./static-files.ts";

/**
 * Builds the whole HTTP application around its services. Tests call it with a fresh database and
 * use `app.request()`; the server wraps it in @hono/node-server.
 */
export function createApp(services: AppServices) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId({ headerName: "X-Request-Id", limitLength: 64 }));
  app.use(
    securityHeaders({ remotesJson: services.config.webRoot ? services.config.remotesJson : undefined }),
  );
  app.use(async (c, next) => {
    c.set("services", services);
    c.set("locale", localeFrom(c.req.header("Accept-Language")));
    const started = performance.now();
    await journalRequestContext()(c, next);
    c.header("Content-Language", c.get("locale"));
    services.logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      // The path without its query string: queries may carry identifiers.
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  // Before the guards and sign-in: TRACE or PROPFIND on a known path is 405 for everyone.
  app.use(methodNotAllowed(() => app.routes));

  // Size and nesting are capped before anything reads a body, the auth library included.
  app.use("/api/*", bodyLimits());

  // The auth library reads the body itself, so it comes before every middleware that could; it
  // gets the client IP we trust in x-real-ip (a client-sent one is replaced) and runs its own
  // Origin check on state-changing requests.
  app.on(["GET", "POST"], "/api/auth/*", (c) =>
    services.auth.handler(new Request(c.req.raw, { headers: authHeaders(c) })),
  );

  // Before the guards: a partner's preflight is answered here, a foreign Origin refused here.
  app.use("/api/v1/*", partnerCors());
  app.use(
    "/api/*",
    requestGuards(() => services.config.trustedOrigins),
  );
  app.use("/api/*", async (c, next) => {
    c.set("user", await authenticateRequest(services, c.req.raw.headers));
    await next();
  });
  app.use("/api/*", widgetTokenLimits());
  app.use("/api/v1/*", partnerRateLimit());

  app.route("/", healthRoutes);
  app.route("/api/v1", referenceRoutes);
  app.route("/api/v1", profileRoutes);
  app.route("/api/v1", childrenRoutes);
  app.route("/api/v1", accountRoutes);
  app.route("/api/v1", clinicRoutes);
  app.route("/api/v1", staffReferralRoutes);
  app.route("/api/v1", staffScheduleRoutes);
  app.route("/api/v1", adminKeyRoutes);
  app.route("/api/v1", referralRoutes);
  app.route("/api/v1", slotRoutes);
  app.route("/api/v1", bookingRoutes);
  app.route("/api/v1", appointmentRoutes);
  app.route("/api/v1", staffAppointmentRoutes);
  app.route("/api/v1", waitlistRoutes);
  app.route("/api/v1", priorityRequestRoutes);
  app.route("/api/v1", staffPriorityRoutes);
  app.route("/api/v1", staffJournalRoutes);
  app.route("/api/v1", partnerRoutes);
  app.route("/api/v1", widgetRoutes);
  // The development mailbox does not exist in production: not hidden, absent.
  if (services.config.nodeEnv !== "production") app.route("/api/dev", devRoutes);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Priyom API",
      version: "0.1.0",
      description: "Запись к врачу по направлению — booking a doctor's appointment by referral.",
    },
  });

  // Unknown API paths are JSON 404s even when the front end is served too.
  app.all("/api/*", (c) => notFoundResponse(c));

  const { webRoot, remotesRoot, remotesJson } = services.config;
  // Partner pages load the widgets from here even when the front end is hosted elsewhere: a
  // widget must match the API that serves it.
  app.route("/", createWidgetFileRoutes({ remotesRoot }));
  if (webRoot) app.route("/", createStaticRoutes({ webRoot, remotesRoot, remotesJson }));

  app.notFound((c) => notFoundResponse(c));
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
