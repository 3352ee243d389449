import type { TTicket } from "@priyom/contracts";
import { clinics, visitInstructions, type Database } from "@priyom/db";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { AppError } from "../../errors.ts";
import { findAppointment } from "../booking/appointment-view.ts";
import { timeZoneLabel } from "../booking/visit-format.ts";

/** Printed when neither the clinic nor the service wrote instructions for the specialty. */
const FALLBACK_INSTRUCTIONS = { bring: "Паспорт, полис ОМС и направление.", prepare: "" };

/**
 * What to bring and how to prepare for a specialty at a clinic: the clinic's own text for the
 * specialty wins over the service's default (`clinic_id` null).
 */
export async function instructionsFor(
  db: Database,
  clinicId: string,
  specialtyCode: string,
): Promise<TTicket["instructions"]> {
  const [row] = await db
    .select({ bring: visitInstructions.bring, prepare: visitInstructions.prepare })
    .from(visitInstructions)
    .where(
      and(
        eq(visitInstructions.specialtyCode, specialtyCode),
        or(eq(visitInstructions.clinicId, clinicId), isNull(visitInstructions.clinicId)),
      ),
    )
    // The clinic's own row first: nulls sort last in ascending order.
    .orderBy(sql`${visitInstructions.clinicId} asc nulls last`)
    .limit(1);
  return row ?? FALLBACK_INSTRUCTIONS;
}

/** The QR code of a ticket number as an SVG data URI (what the registry desk scans). */
export async function ticketQrSvg(ticketNumber: string): Promise<string> {
  const svg = await QRCode.toString(ticketNumber, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** A ticket number as a file name can carry it in ASCII: «Т-0001001» → «T-0001001». */
export function asciiTicketNumber(ticketNumber: string): string {
  return ticketNumber.replace(/^Т/, "T").replace(/[^A-Za-z0-9-]/g, "");
}

/**
 * The ticket (талон) of one of the account's appointments (its own or its children's), with
 * everything printed on it: instructions, the video link of a video visit (the clinic's template
 * with `{appointmentId}`), the QR code of the ticket number, the zone named. Another account's
 * appointment is `not_found`, like one that does not exist.
 */
export async function appointmentTicket(
  db: Database,
  userId: string,
  appointmentId: string,
  changeCutoffHours: number,
): Promise<TTicket> {
  const appointment = await findAppointment(db, userId, appointmentId, changeCutoffHours);
  if (!appointment) throw new AppError("not_found", { logMessage: "no such appointment of this account" });
  const [clinic] = await db
    .select({ videoUrlTemplate: clinics.videoUrlTemplate })
    .from(clinics)
    .where(eq(clinics.id, appointment.clinic.id));
  const template = clinic?.videoUrlTemplate ?? null;
  const base = `/api/v1/appointments/${encodeURIComponent(appointment.id)}`;
  return {
    appointment,
    specialtyName: appointment.doctor.specialty.nameRu,
    registryPhone: appointment.clinic.phone ?? "",
    timeZoneLabel: timeZoneLabel(appointment.timeZone, new Date(appointment.startsAt)),
    instructions: await instructionsFor(db, appointment.clinic.id, appointment.doctor.specialty.code),
    videoLink:
      appointment.visitMode === "video" && template !== null
        ? template.replaceAll("{appointmentId}", encodeURIComponent(appointment.id))
        : null,
    qrSvg: await ticketQrSvg(appointment.ticketNumber),
    pdfUrl: `${base}/ticket.pdf`,
    icsUrl: `${base}/ticket.ics`,
  };
}
