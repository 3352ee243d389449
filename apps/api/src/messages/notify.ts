import { randomUUID } from "node:crypto";
import { children, notifications, patientProfiles, user, type Database } from "@priyom/db";
import { eq } from "drizzle-orm";
import { enqueueMessage } from "./outbox.ts";

/** A message to a patient, already worded (see `templates.ts`). */
export interface PatientMessage {
  /** Template name: `booking_confirmed`, `appointment_rescheduled`, `appointment_cancelled`, … */
  kind: string;
  /** Cabinet title and e-mail subject. */
  title: string;
  /** Cabinet and e-mail text. */
  text: string;
  /** SMS text (short); defaults to `text`. */
  sms?: string;
  appointmentId?: string;
  referralId?: string;
  /**
   * Send at most once under this key (per channel: `<key>:cabinet`, `<key>:email`, `<key>:sms`),
   * whatever jobs run twice — reminders, expiry warnings.
   */
  dedupeKey?: string;
  /** Send the SMS to this number (the phone given for the visit) instead of the account's. */
  smsPhone?: string;
  /** Override the patient's choice of channels (e.g. a reminder goes by e-mail and SMS). */
  channels?: readonly ("cabinet" | "email" | "sms")[];
  /**
   * Channels used on top of the patient's choice: the booking confirmation and the day-before
   * reminder always go by SMS to the phone given for the visit (`["sms"]` with `smsPhone`).
   */
  alsoBy?: readonly ("email" | "sms")[];
}

/** The account that receives a patient's messages: the patient, or a child patient's parent. */
export async function messageOwnerOf(
  tx: Database,
  who: { userId?: string | null; childId?: string | null },
): Promise<string | null> {
  if (who.userId) return who.userId;
  if (!who.childId) return null;
  const [row] = await tx
    .select({ parent: children.parentUserId })
    .from(children)
    .where(eq(children.id, who.childId));
  return row?.parent ?? null;
}

/**
 * Tells a patient: always in the cabinet, and by e-mail / SMS (through the outbox) as chosen in
 * their profile, plus `alsoBy` — all in the caller's transaction, so the message exists exactly when
 * the change that caused it committed. `channels` replaces the choice altogether. Returns the
 * channels used.
 */
export async function notifyPatient(
  tx: Database,
  userId: string,
  message: PatientMessage,
): Promise<("cabinet" | "email" | "sms")[]> {
  const [owner] = await tx
    .select({ email: user.email, phone: user.phoneNumber, channels: patientProfiles.notificationChannels })
    .from(user)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, user.id))
    .where(eq(user.id, userId));
  if (!owner) return [];
  const channels = message.channels ?? ["cabinet", ...(owner.channels ?? []), ...(message.alsoBy ?? [])];
  const used: ("cabinet" | "email" | "sms")[] = [];
  if (channels.includes("cabinet")) {
    const inserted = await tx
      .insert(notifications)
      .values({
        id: `ntf_${randomUUID().replaceAll("-", "")}`,
        userId,
        kind: message.kind,
        title: message.title,
        body: message.text,
        appointmentId: message.appointmentId ?? null,
        referralId: message.referralId ?? null,
        dedupeKey: message.dedupeKey ? `${message.dedupeKey}:cabinet` : null,
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (inserted.length > 0) used.push("cabinet");
  }
  // Addresses ending in `.invalid` belong to accounts signed up by phone only (no e-mail yet).
  if (channels.includes("email") && owner.email && !owner.email.endsWith(".invalid")) {
    const id = await enqueueMessage(tx, {
      channel: "email",
      recipient: owner.email,
      subject: message.title,
      body: message.text,
      kind: message.kind,
      ...(message.dedupeKey ? { dedupeKey: `${message.dedupeKey}:email` } : {}),
    });
    if (id) used.push("email");
  }
  const phone = message.smsPhone ?? owner.phone;
  if (channels.includes("sms") && phone) {
    const id = await enqueueMessage(tx, {
      channel: "sms",
      recipient: phone,
      body: message.sms ?? message.text,
      kind: message.kind,
      ...(message.dedupeKey ? { dedupeKey: `${message.dedupeKey}:sms` } : {}),
    });
    if (id) used.push("sms");
  }
  return used;
}
