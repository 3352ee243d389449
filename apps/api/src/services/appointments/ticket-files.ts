import { createRequire } from "node:module";
import type { TTicket } from "@priyom/contracts";
import { localDateTimeInZone } from "@priyom/domain";
import { createEvent } from "ics";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { ruDate, ruWeekday } from "../booking/visit-format.ts";

// The standard PDF fonts have no Cyrillic: the ticket embeds DejaVu Sans (a subset of it).
const resolveFont = createRequire(import.meta.url).resolve;
const FONT_REGULAR = resolveFont("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = resolveFont("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

const STATUS_RU: Record<TTicket["appointment"]["status"], string | null> = {
  booked: null,
  cancelled: "Запись отменена",
  rescheduled: "Запись перенесена: действует новый талон",
  done: "Приём состоялся",
  missed: "Неявка на приём",
};

/** Draws the QR code of `text` from its modules as filled squares (sharp at any print size). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill("#000000");
  doc.restore();
}

/**
 * The ticket as a printable A5 PDF: the ticket number large, its QR code, date and time in the
 * clinic's zone (named), the doctor, specialty, room, clinic, address, registry phone, referral
 * number, what to bring and how to prepare, the video link of a video visit.
 */
export function ticketPdf(ticket: TTicket): Promise<Buffer> {
  const a = ticket.appointment;
  const doc = new PDFDocument({
    size: "A5",
    margin: 36,
    info: { Title: `Талон ${a.ticketNumber}`, Author: "Приём", Subject: "Талон на приём к врачу" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const qrSize = 110;

  const beside = { width: width - qrSize - 12 };
  doc
    .font("regular")
    .fontSize(9)
    .fillColor("#555555")
    .text("Приём — запись к врачу по направлению", left, 36, beside);
  doc.font("bold").fontSize(15).fillColor("#000000").text("Талон на приём к врачу", left, 54, beside);
  doc.font("bold").fontSize(26).text(a.ticketNumber, left, 76, beside);
  drawQr(doc, a.ticketNumber, left + width - qrSize, 30, qrSize);
  const status = STATUS_RU[a.status];
  if (status !== null) doc.font("bold").fontSize(11).fillColor("#b00020").text(status, left, 112, beside);

  // A table: the label in a narrow column, the value beside it.
  const labelWidth = 100;
  const valueWidth = width - labelWidth - 8;
  let y = 150;
  const row = (label: string, value: string) => {
    doc.font("regular").fontSize(10.5);
    const height = Math.max(doc.heightOfString(value, { width: valueWidth }), 12);
    if (y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.fillColor("#000000").text(value, left + labelWidth + 8, y, { width: valueWidth });
    doc
      .font("regular")
      .fontSize(8.5)
      .fillColor("#555555")
      .text(label, left, y + 1.5, { width: labelWidth });
    y += height + 5;
  };
  const paragraph = (label: string, value: string) => {
    doc.font("bold").fontSize(9).fillColor("#000000").text(label, left, y, { width });
    doc
      .font("regular")
      .fontSize(10)
      .text(value, left, doc.y + 2, { width });
    y = doc.y + 8;
  };
  row("Дата", `${ruDate(a.localDate)}, ${ruWeekday(a.localDate)}`);
  row("Время", `${a.localTime} (${a.minutes} мин), время местное: ${ticket.timeZoneLabel}`);
  row("Врач", a.doctor.name);
  row("Специальность", ticket.specialtyName);
  if (a.visitMode === "video")
    row("Приём", `по видеосвязи: ${ticket.videoLink ?? "ссылку пришлёт поликлиника"}`);
  else row("Кабинет", a.doctor.room);
  row("Поликлиника", a.clinic.shortName);
  row("Адрес", a.clinic.address);
  if (ticket.registryPhone !== "") row("Регистратура", ticket.registryPhone);
  row("Направление", `№ ${a.referral.number}`);

  y += 4;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.5)
    .strokeColor("#999999")
    .stroke();
  y += 10;
  paragraph("Что взять с собой", ticket.instructions.bring);
  if (ticket.instructions.prepare !== "") paragraph("Как подготовиться", ticket.instructions.prepare);
  if (a.changeableUntil !== null) {
    const until = localDateTimeInZone(new Date(a.changeableUntil), a.timeZone);
    doc
      .font("regular")
      .fontSize(8.5)
      .fillColor("#555555")
      .text(
        `Перенести или отменить запись можно в разделе «Мои записи» до ${ruDate(until.localDate)} ${until.localTime} (время местное).`,
        left,
        y,
        { width },
      );
  }
  doc.end();
  return done;
}

/**
 * The visit as an iCalendar event: DTSTART/DTEND in UTC from the appointment's instants, the
 * appointment id as UID (a changed visit replaces the event), the clinic's name, address and room as
 * location, the ticket and referral numbers in the description, a reminder two hours before.
 */
export function ticketIcs(ticket: TTicket): string {
  const a = ticket.appointment;
  const location =
    a.visitMode === "video"
      ? `Видеоконсультация: ${ticket.videoLink ?? a.clinic.shortName}`
      : `${a.clinic.shortName}, ${a.clinic.address}, каб. ${a.doctor.room}`;
  const description = [
    `Талон ${a.ticketNumber}`,
    `Направление № ${a.referral.number}`,
    `Врач: ${a.doctor.name} (${ticket.specialtyName})`,
    `Время местное: ${a.localTime}, ${ticket.timeZoneLabel}`,
    `Что взять с собой: ${ticket.instructions.bring}`,
    ...(ticket.instructions.prepare ? [`Как подготовиться: ${ticket.instructions.prepare}`] : []),
  ].join("\n");
  const { error, value } = createEvent({
    uid: a.id,
    productId: "priyom/ticket",
    method: "PUBLISH",
    start: Date.parse(a.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(a.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: `Приём: ${ticket.specialtyName}, ${a.doctor.name}`,
    location,
    description,
    status: a.status === "booked" ? "CONFIRMED" : "CANCELLED",
    ...(ticket.videoLink !== null ? { url: ticket.videoLink } : {}),
    alarms: [
      { action: "display", description: "Приём у врача через 2 часа", trigger: { hours: 2, before: true } },
    ],
  });
  if (error || value === null) throw error ?? new Error("ics produced nothing");
  return value;
}
