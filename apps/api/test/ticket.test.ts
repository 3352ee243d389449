import { ZTicket, type TAppointment } from "@priyom/contracts";
import { appointments, visitInstructions } from "@priyom/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import {
  asPatient,
  bookedAppointment,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
} from "./booking-fixtures.ts";
import { CLINIC_A, CLINIC_B } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let docs: Record<string, string> = {};
let patient: BulkPatient;
let visit: TAppointment;

beforeAll(async () => {
  ctx = await createTestContext();
  docs = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "card-1" },
    { externalId: "us-1", specialty: "ultrasound" },
  ]);
  await ctx.services.slotIndex.ready();
  const [p] = await bulkPatients(ctx, 1, [CLINIC_A, CLINIC_B], ["cardiologist", "ultrasound"]);
  if (!p) throw new Error("no patient");
  patient = p;
  const [slot] = await freeSlotsOf(ctx, docs["card-1"] ?? "");
  visit = await bookedAppointment(ctx, patient, slot?.id ?? "");
});
afterAll(async () => {
  await ctx.close();
});

const get = (path: string, who: { userId: string } = patient) =>
  ctx.request("GET", `/api/v1/appointments/${visit.id}${path}`, { as: asPatient(who) });

describe("the ticket (JSON)", () => {
  it("carries the visit, the zone named, the default instructions, the QR code and the download links", async () => {
    const res = await get("/ticket");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const ticket = ZTicket.parse(await res.json());
    expect(ticket.appointment).toMatchObject({ id: visit.id, ticketNumber: visit.ticketNumber });
    expect(ticket.specialtyName).toBe("Кардиолог");
    expect(ticket.registryPhone).toBe("+7 495 123-45-67");
    expect(ticket.timeZoneLabel).toBe("Москва (UTC+3)");
    expect(ticket.instructions.bring).toMatch(/^Паспорт, полис ОМС и направление/);
    expect(ticket.videoLink).toBeNull();
    expect(ticket.qrSvg).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(ticket.qrSvg.split(",")[1] ?? "", "base64").toString("utf8");
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    expect(ticket.pdfUrl).toBe(`/api/v1/appointments/${visit.id}/ticket.pdf`);
    expect(ticket.icsUrl).toBe(`/api/v1/appointments/${visit.id}/ticket.ics`);
  });

  it("the clinic's own instructions for the specialty win over the service's; a video visit has its link", async () => {
    await ctx.services.db.insert(visitInstructions).values({
      id: "vi_test_msk0002_cardio",
      clinicId: CLINIC_A,
      specialtyCode: "cardiologist",
      bring: "Дневник давления за неделю",
      prepare: "Не пейте кофе утром",
    });
    await ctx.services.db
      .update(appointments)
      .set({ visitMode: "video" })
      .where(eq(appointments.id, visit.id));
    try {
      const ticket = ZTicket.parse(await (await get("/ticket")).json());
      expect(ticket.instructions).toEqual({
        bring: "Дневник давления за неделю",
        prepare: "Не пейте кофе утром",
      });
      expect(ticket.videoLink).toBe(`https://video.priyom.example/join/${visit.id}`);
    } finally {
      await ctx.services.db
        .delete(visitInstructions)
        .where(eq(visitInstructions.id, "vi_test_msk0002_cardio"));
      await ctx.services.db
        .update(appointments)
        .set({ visitMode: "in_person" })
        .where(eq(appointments.id, visit.id));
    }
  });

  it("the seeded ultrasound instructions ask to come fasting", async () => {
    // Not at the time of the cardiologist's visit: a patient is never in two places.
    const slot = (await freeSlotsOf(ctx, docs["us-1"] ?? "")).find(
      (s) => s.startsAt.toISOString() !== visit.startsAt,
    );
    const scan = await bookedAppointment(ctx, patient, slot?.id ?? "", patient.referralIds[1]);
    const res = await ctx.request("GET", `/api/v1/appointments/${scan.id}/ticket`, {
      as: asPatient(patient),
    });
    const ticket = ZTicket.parse(await res.json());
    expect(ticket.instructions.prepare).toContain("Натощак: 8–12 часов без еды");
  });
});

describe("the ticket's downloads", () => {
  it("PDF: a real PDF with the Cyrillic font embedded, an attachment named by the ticket, never cached", async () => {
    const res = await get("/ticket.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const digits = visit.ticketNumber.slice(2);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="talon-T-${digits}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(pdf.toString("latin1")).toContain("DejaVuSans");
    expect(pdf.toString("latin1")).toContain("/FontFile2");
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(pdf.length).toBeLessThan(1_000_000);
  });

  it("ICS: DTSTART and DTEND in UTC equal to the visit's instants, the appointment id as UID, where and what", async () => {
    const res = await get("/ticket.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="talon-T-${visit.ticketNumber.slice(2)}.ics"`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    // Unfold continuation lines (RFC 5545: CRLF + space).
    const ics = (await res.text()).replace(/\r?\n[ \t]/g, "");
    const utc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    expect(ics).toContain(`DTSTART:${utc(visit.startsAt)}`);
    expect(ics).toContain(`DTEND:${utc(visit.endsAt)}`);
    expect(ics).toContain(`UID:${visit.id}`);
    expect(ics).toMatch(/LOCATION:Городская поликлиника № 2\\, г\. Москва.*каб\. 214/);
    expect(ics).toContain(`Талон ${visit.ticketNumber}`);
    expect(ics).toContain(`Направление № ${visit.referral.number}`);
  });
});

describe("the OpenAPI document", () => {
  it("names the ticket, its downloads, cancel, reschedule, history, notifications and the staff and clinic routes", async () => {
    const res = await ctx.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/appointments",
        "/api/v1/appointments/{id}/ticket",
        "/api/v1/appointments/{id}/ticket.pdf",
        "/api/v1/appointments/{id}/ticket.ics",
        "/api/v1/appointments/{id}/cancel",
        "/api/v1/appointments/{id}/reschedule",
        "/api/v1/history",
        "/api/v1/notifications",
        "/api/v1/notifications/unread-count",
        "/api/v1/notifications/{id}/read",
        "/api/v1/notifications/read-all",
        "/api/v1/staff/appointments",
        "/api/v1/staff/appointments/{id}/done",
        "/api/v1/clinic/appointments/{ticketNumber}/cancel",
      ]),
    );
  });
});
