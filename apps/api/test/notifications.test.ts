import type { AddressInfo } from "node:net";
import {
  ZAppointment,
  ZErrorBody,
  ZNotificationListResponse,
  ZUnreadCount,
  type TAppointment,
} from "@priyom/contracts";
import { notifications, outboxMessages, patientProfiles, referrals, user } from "@priyom/db";
import { addDays, localDateTimeInZone, zonedLocalToUtc } from "@priyom/domain";
import { and, eq, inArray, like } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceExpiringReferrals } from "../src/jobs/referral-expiry.ts";
import { sendReminders } from "../src/jobs/reminders.ts";
import { createLogger } from "../src/logger.ts";
import { devMailbox, smtpTransport, type Transport } from "../src/messages/transports.ts";
import { drainOutbox } from "../src/messages/worker.ts";
import type { BulkPatient } from "../src/seed/bulk-patients.ts";
import {
  asPatient,
  bookedAppointment,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
  newKey,
} from "./booking-fixtures.ts";
import { CLINIC_A } from "./clinic-helpers.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

const logger = createLogger("silent");
let ctx: TestContext;
let doctor = "";
let smtp: SMTPServer;
let transports: Record<"sms" | "email", Transport>;
/** Every message the SMTP server accepted: recipient and our message id header. */
const received: { to: string; messageId: string }[] = [];
/** Refuse the next message to this address once (a mailbox failing for a moment). */
let refuseOnceFor: string | null = null;

beforeAll(async () => {
  ctx = await createTestContext();
  doctor = (await doctorsWithSchedule(ctx, CLINIC_A, [{ externalId: "card-n" }]))["card-n"] ?? "";
  await ctx.services.slotIndex.ready();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        if (refuseOnceFor === to) {
          refuseOnceFor = null;
          return callback(new Error("mailbox temporarily unavailable"));
        }
        const messageId = /X-Priyom-Message-Id: (\S+)/i.exec(raw)?.[1] ?? "";
        received.push({ to, messageId });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  transports = { email: smtpTransport(`smtp://127.0.0.1:${port}?tls=off`), sms: devMailbox };
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await ctx.close();
});

let mailboxes = 0;
/** A patient who chose the cabinet and e-mail (no SMS), with a real address. */
async function patientWithEmail(): Promise<BulkPatient & { email: string }> {
  const [p] = await bulkPatients(ctx, 1, [CLINIC_A]);
  if (!p) throw new Error("no patient");
  mailboxes += 1;
  const email = `patient${mailboxes}.${process.pid}@example.ru`;
  await ctx.services.db.update(user).set({ email }).where(eq(user.id, p.userId));
  await ctx.services.db
    .update(patientProfiles)
    .set({ notificationChannels: ["cabinet", "email"] })
    .where(eq(patientProfiles.userId, p.userId));
  return { ...p, email };
}

/** Runs the outbox worker until nothing is due. */
async function drainAll() {
  while ((await drainOutbox(ctx.services.db, transports, logger)) > 0);
}

const outboxTo = (recipient: string) =>
  ctx.services.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, recipient));

describe("every notification of a booking → reschedule → cancel reaches the patient exactly once", () => {
  it("over a real SMTP server: confirmation, change, cancellation; the confirmation also by SMS to the visit's phone", async () => {
    const patient = await patientWithEmail();
    const free = await freeSlotsOf(ctx, doctor);
    const booked = await bookedAppointment(ctx, patient, free[0]?.id ?? "");
    const movedRes = await ctx.request("POST", `/api/v1/appointments/${booked.id}/reschedule`, {
      as: asPatient(patient),
      headers: { "Idempotency-Key": newKey() },
      body: { slotId: free[3]?.id },
    });
    expect(movedRes.status).toBe(201);
    const moved = ZAppointment.parse(await movedRes.json());
    const cancelRes = await ctx.request("POST", `/api/v1/appointments/${moved.id}/cancel`, {
      as: asPatient(patient),
      headers: { "Idempotency-Key": newKey() },
      body: { reason: "Уезжаю в командировку" },
    });
    expect(cancelRes.status).toBe(200);

    const mail = await outboxTo(patient.email);
    expect(mail.map((m) => m.kind).sort()).toEqual([
      "appointment_cancelled",
      "appointment_rescheduled",
      "booking_confirmed",
    ]);
    await drainAll();
    await drainAll();
    const delivered = received.filter((r) => r.to === patient.email);
    expect(delivered.map((d) => d.messageId).sort()).toEqual(mail.map((m) => m.id).sort());
    for (const row of await outboxTo(patient.email)) {
      expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
    }
    // SMS only where the policy sends it regardless of the choice: the confirmation, to the visit's phone.
    const sms = await outboxTo(patient.phone);
    expect(sms.map((m) => [m.kind, m.status])).toEqual([["booking_confirmed", "sent"]]);
    expect(sms[0]?.body).toContain(booked.ticketNumber);
    // The cabinet has all three.
    const cabinet = await ctx.services.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, patient.userId));
    expect(cabinet.map((n) => n.kind).sort()).toEqual([
      "appointment_cancelled",
      "appointment_rescheduled",
      "booking_confirmed",
    ]);
  });

  it("a transport failure is retried: refused once, delivered on the next pass, attempts = 2, delivered once", async () => {
    const patient = await patientWithEmail();
    const [slot] = (await freeSlotsOf(ctx, doctor)).slice(10);
    await drainAll();
    refuseOnceFor = patient.email;
    await bookedAppointment(ctx, patient, slot?.id ?? "");
    await drainAll();
    const [first] = await outboxTo(patient.email);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first?.lastError).not.toContain(patient.email);
    expect(received.filter((r) => r.to === patient.email)).toHaveLength(0);

    // The back-off has passed.
    await ctx.services.db
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(outboxMessages.id, first?.id ?? ""));
    await drainAll();
    await drainAll();
    const [after] = await outboxTo(patient.email);
    expect(after).toMatchObject({ status: "sent", attempts: 2, transport: "smtp" });
    expect(received.filter((r) => r.to === patient.email).map((r) => r.messageId)).toEqual([first?.id]);
  });
});

describe("the day-before reminder", () => {
  it("goes out once, in the clinic's daytime, whatever runs twice", async () => {
    const patient = await patientWithEmail();
    const [slot] = (await freeSlotsOf(ctx, doctor)).slice(20);
    const visit: TAppointment = await bookedAppointment(ctx, patient, slot?.id ?? "");
    const dayBefore = addDays(visit.localDate, -1);
    const at = (date: string, time: string) => zonedLocalToUtc(date, time, visit.timeZone);
    const reminders = async () =>
      (
        await ctx.services.db
          .select()
          .from(outboxMessages)
          .where(and(like(outboxMessages.dedupeKey, `reminder:${visit.id}:%`)))
      ).map((m) => m.channel);

    // Two days before, and at night the day before: nothing.
    await sendReminders(ctx.services, at(addDays(visit.localDate, -2), "12:00"));
    await sendReminders(ctx.services, at(dayBefore, "09:50"));
    await sendReminders(ctx.services, at(dayBefore, "21:00"));
    expect(await reminders()).toEqual([]);

    expect(await sendReminders(ctx.services, at(dayBefore, "10:00"))).toBeGreaterThanOrEqual(1);
    await sendReminders(ctx.services, at(dayBefore, "10:10"));
    await sendReminders(ctx.services, at(dayBefore, "20:50"));
    expect((await reminders()).sort()).toEqual(["email", "sms"]);
    const cabinet = await ctx.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, patient.userId), eq(notifications.kind, "appointment_reminder")));
    expect(cabinet).toHaveLength(1);
    expect(cabinet[0]?.body).toContain("завтра");
    const [sms] = await ctx.services.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.dedupeKey, `reminder:${visit.id}:sms`));
    expect(sms?.recipient).toBe(visit.contactPhone);
  });
});

describe("the referral expiry warning", () => {
  it("3 days before the last day, once per referral and last day, by the cabinet and the chosen e-mail", async () => {
    const patient = await patientWithEmail();
    const referralId = patient.referralIds[0] ?? "";
    const now = new Date();
    const lastDay = addDays(localDateTimeInZone(now, "Europe/Moscow").localDate, 3);
    await ctx.services.db
      .update(referrals)
      .set({ lastValidDay: lastDay })
      .where(eq(referrals.id, referralId));
    expect(await announceExpiringReferrals(ctx.services, now)).toBe(1);
    // Even with the referral's own mark cleared, the dedupe key keeps it to one.
    await ctx.services.db
      .update(referrals)
      .set({ expiryNoticeSentAt: null })
      .where(eq(referrals.id, referralId));
    await announceExpiringReferrals(ctx.services, now);
    const cabinet = await ctx.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, patient.userId), eq(notifications.kind, "referral_expiring")));
    expect(cabinet).toHaveLength(1);
    expect(cabinet[0]).toMatchObject({
      referralId,
      dedupeKey: `referral-expiring:${referralId}:${lastDay}:cabinet`,
    });
    expect(cabinet[0]?.body).toContain(
      `действует до ${lastDay.slice(8, 10)}.${lastDay.slice(5, 7)}.${lastDay.slice(0, 4)}`,
    );
    expect((await outboxTo(patient.email)).map((m) => m.kind)).toEqual(["referral_expiring"]);
    expect(await outboxTo(patient.phone)).toEqual([]);
  });
});

describe("the cabinet's notifications", () => {
  it("lists the newest with the unread count; one or all are marked read; another's is 404", async () => {
    const patient = await patientWithEmail();
    const free = await freeSlotsOf(ctx, doctor);
    const [a] = await bulkPatients(ctx, 1, [CLINIC_A]);
    if (!a) throw new Error("no patient");
    await bookedAppointment(ctx, patient, free[30]?.id ?? "");
    await bookedAppointment(ctx, a, free[31]?.id ?? "");
    const as = asPatient(patient);
    const list = ZNotificationListResponse.parse(
      await (await ctx.request("GET", "/api/v1/notifications", { as })).json(),
    );
    expect(list.unread).toBe(1);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: "booking_confirmed", readAt: null });
    const id = list.items[0]?.id ?? "";
    const count = async (who = as) =>
      ZUnreadCount.parse(
        await (await ctx.request("GET", "/api/v1/notifications/unread-count", { as: who })).json(),
      ).unread;
    expect(await count()).toBe(1);

    const theirs = await ctx.request("POST", `/api/v1/notifications/${id}/read`, { as: asPatient(a) });
    expect(theirs.status).toBe(404);
    expect(ZErrorBody.parse(await theirs.json()).error.code).toBe("not_found");
    expect(await count()).toBe(1);

    expect((await ctx.request("POST", `/api/v1/notifications/${id}/read`, { as })).status).toBe(204);
    expect(await count()).toBe(0);
    expect(await count(asPatient(a))).toBe(1);
    expect((await ctx.request("POST", "/api/v1/notifications/read-all", { as: asPatient(a) })).status).toBe(
      204,
    );
    expect(await count(asPatient(a))).toBe(0);
    const rows = await ctx.services.db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(inArray(notifications.userId, [patient.userId, a.userId]));
    expect(rows.every((r) => r.readAt !== null)).toBe(true);
    expect((await ctx.request("GET", "/api/v1/notifications")).status).toBe(401);
  });
});
