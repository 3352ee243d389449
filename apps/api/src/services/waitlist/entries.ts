import { randomBytes } from "node:crypto";
import type { TWaitlistEntry, TWaitlistJoinRequest } from "@priyom/contracts";
import { appointments, doctors, waitlistEntries, type Database } from "@priyom/db";
import { isIsoDate, localDateTimeInZone } from "@priyom/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { AppServices } from "../../context.ts";
import { AppError, type Locale } from "../../errors.ts";
import { FieldErrors } from "../../validation.ts";
import { bookAppointment, type BookingAnswer } from "../booking/book.ts";
import { uniqueViolation } from "../profile/field-errors.ts";
import type { SlotChange } from "../schedule/slot-events.ts";
import { WAITLIST_MESSAGES } from "./messages.ts";
import { passOfferOn } from "./offer.ts";
import { ownReferral } from "./own-referral.ts";
import { findEntry } from "./view.ts";

type WaitlistDeps = Pick<AppServices, "db" | "slotIndex" | "clock">;

/** Who asks, and in which request. */
export interface Caller {
  userId: string;
  locale: Locale;
  requestId: string;
}

const live = inArray(waitlistEntries.status, ["waiting", "offered"]);

/**
 * Joins the line for a referral (DOMAIN.md "When nothing is free"): the referral is the account's or
 * its child's and bookable now; `fromDate` ≤ `toDate`, from today (in the referral's zone) up to its
 * last valid day; the clinics among those it allows, the doctors of its specialty there. Every fault
 * is named in `fields`; a second live entry for the referral is a 409 (the database's partial unique
 * index decides). Journal: `waitlist.join`.
 */
export async function joinWaitlist(
  services: WaitlistDeps,
  caller: Caller,
  body: Required<TWaitlistJoinRequest>,
): Promise<TWaitlistEntry> {
  const { db } = services;
  const now = services.clock();
  const errors = new FieldErrors(caller.locale);
  const referral = await ownReferral(db, caller.userId, body.referralId, now, caller.locale, errors);
  const today = localDateTimeInZone(now, referral.timeZone).localDate;
  const { fromDate, toDate } = body;
  if (!isIsoDate(fromDate)) errors.addLocal("fromDate", WAITLIST_MESSAGES.date_invalid);
  else if (fromDate < today) errors.addLocal("fromDate", WAITLIST_MESSAGES.from_in_past);
  if (!isIsoDate(toDate)) errors.addLocal("toDate", WAITLIST_MESSAGES.date_invalid);
  else if (isIsoDate(fromDate) && toDate < fromDate)
    errors.addLocal("toDate", WAITLIST_MESSAGES.range_reversed);
  else if (toDate > referral.lastValidDay) errors.addLocal("toDate", WAITLIST_MESSAGES.after_referral);

  const allowed = referral.allowedClinics.map((c) => c.id);
  const clinicIds = [...new Set(body.clinicIds)];
  if (clinicIds.some((id) => !allowed.includes(id))) {
    errors.addLocal("clinicIds", WAITLIST_MESSAGES.clinic_not_allowed);
  }
  const doctorIds = [...new Set(body.doctorIds)];
  if (doctorIds.length > 0) {
    const where = clinicIds.length > 0 ? clinicIds : allowed;
    const found = await db
      .select({ id: doctors.id, clinicId: doctors.clinicId, specialty: doctors.specialtyCode })
      .from(doctors)
      .where(inArray(doctors.id, doctorIds));
    const fits = (id: string) =>
      found.some((d) => d.id === id && d.specialty === referral.specialty.code && where.includes(d.clinicId));
    if (!doctorIds.every(fits)) errors.addLocal("doctorIds", WAITLIST_MESSAGES.doctor_not_allowed);
  }
  try {
    errors.throwIfAny();
  } catch (error) {
    await recordAudit(db, {
      action: "waitlist.join",
      result: "failure",
      actorUserId: caller.userId,
      details: { referralId: referral.id, code: "validation_failed" },
      requestId: caller.requestId,
    });
    throw error;
  }

  const id = `wl_${randomBytes(10).toString("hex")}`;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(waitlistEntries).values({
        id,
        userId: caller.userId,
        referralId: referral.id,
        patientKey: referral.patient.childId ?? caller.userId,
        specialtyCode: referral.specialty.code,
        fromDate,
        toDate,
        clinicIds,
        doctorIds,
      });
      await recordAudit(tx, {
        action: "waitlist.join",
        result: "success",
        actorUserId: caller.userId,
        details: {
          entryId: id,
          referralId: referral.id,
          fromDate,
          toDate,
          clinics: clinicIds.length,
          doctors: doctorIds.length,
        },
        requestId: caller.requestId,
      });
    });
  } catch (error) {
    if (uniqueViolation(error) !== "waitlist_entries_referral_live_key") throw error;
    await recordAudit(db, {
      action: "waitlist.join",
      result: "failure",
      actorUserId: caller.userId,
      details: { referralId: referral.id, code: "already_waiting" },
      requestId: caller.requestId,
    });
    throw new AppError("waitlist_already_joined", { logMessage: "a live entry of this referral exists" });
  }
  const entry = await findEntry(db, caller.userId, id, now);
  if (!entry) throw new Error("unreachable: the entry was just written");
  return entry;
}

/** The account's entry, locked for the caller's transaction; 404 for anyone else's. */
async function lockEntry(tx: Database, userId: string, id: string) {
  const [entry] = await tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.userId, userId)))
    .for("update");
  if (!entry) throw new AppError("not_found", { logMessage: "no such waitlist entry of the account" });
  return entry;
}

/**
 * Leaves the line (one click): the entry ends as `left`, a slot offered to it is released and offered
 * to the next in line in the same transaction. Leaving an entry that already ended changes nothing.
 * Journal: `waitlist.leave`.
 */
export async function leaveWaitlist(services: WaitlistDeps, caller: Caller, id: string): Promise<void> {
  const now = services.clock();
  const changes = await services.db.transaction(async (tx) => {
    const entry = await lockEntry(tx, caller.userId, id);
    if (entry.status !== "waiting" && entry.status !== "offered") return [];
    await tx
      .update(waitlistEntries)
      .set({
        status: "left",
        offeredSlotId: null,
        offerExpiresAt: null,
        endedAt: now,
        updatedAt: sql`now()`,
      })
      .where(eq(waitlistEntries.id, entry.id));
    const passed = await passOfferOn(tx, entry, now);
    await recordAudit(tx, {
      action: "waitlist.leave",
      result: "success",
      actorUserId: caller.userId,
      details: { entryId: entry.id, referralId: entry.referralId, offeredSlotId: entry.offeredSlotId },
      requestId: caller.requestId,
    });
    return passed;
  });
  services.slotIndex.apply(changes);
}

/**
 * Declines the offer: the slot joins the entry's passed slots, the entry waits again in its place
 * (its `created_at` is kept), and the slot is released and offered to the next in line in the same
 * transaction. Journal: `waitlist.decline`.
 */
export async function declineOffer(
  services: WaitlistDeps,
  caller: Caller,
  id: string,
): Promise<TWaitlistEntry> {
  const now = services.clock();
  const changes: SlotChange[] = await services.db.transaction(async (tx) => {
    const entry = await lockEntry(tx, caller.userId, id);
    if (entry.status !== "offered" || entry.offeredSlotId === null) {
      throw new AppError("waitlist_no_offer");
    }
    await tx
      .update(waitlistEntries)
      .set({
        status: "waiting",
        offeredSlotId: null,
        offerExpiresAt: null,
        passedSlotIds: sql`array_append(${waitlistEntries.passedSlotIds}, ${entry.offeredSlotId})`,
        updatedAt: sql`now()`,
      })
      .where(eq(waitlistEntries.id, entry.id));
    const passed = await passOfferOn(tx, entry, now);
    await recordAudit(tx, {
      action: "waitlist.decline",
      result: "success",
      actorUserId: caller.userId,
      details: { entryId: entry.id, referralId: entry.referralId, slotId: entry.offeredSlotId },
      requestId: caller.requestId,
    });
    return passed;
  });
  services.slotIndex.apply(changes);
  const view = await findEntry(services.db, caller.userId, id, now);
  if (!view) throw new AppError("not_found");
  return view;
}

/**
 * Accepts the offer: books the offered slot through `bookAppointment` (every booking rule applies;
 * the hold is the account's, so it may take it) under the caller's idempotency key, then marks the
 * entry `booked` with the appointment. Refusals (422 with failures, 409 with alternatives) are
 * answered as the booking gives them and the offer stays. An offer past its 15 minutes is a 409.
 * A repeat with the same key after success replays the booking's first answer.
 * Journal: `waitlist.accept` (besides the booking's own `appointment.book`).
 */
export async function acceptOffer(
  services: WaitlistDeps & Pick<AppServices, "cipher">,
  caller: Caller,
  input: { id: string; key: string; contactPhone: string },
): Promise<BookingAnswer & { replayed: boolean }> {
  const { db } = services;
  const now = services.clock();
  const [entry] = await db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.id, input.id), eq(waitlistEntries.userId, caller.userId)));
  if (!entry) throw new AppError("not_found", { logMessage: "no such waitlist entry of the account" });

  let slotId = entry.offeredSlotId;
  if (entry.status === "booked" && entry.appointmentId !== null) {
    // Already accepted: the same key replays the booking's answer; another key is refused by it.
    const [booked] = await db
      .select({ slotId: appointments.slotId })
      .from(appointments)
      .where(eq(appointments.id, entry.appointmentId));
    slotId = booked?.slotId ?? null;
  } else if (entry.status !== "offered") {
    throw new AppError("waitlist_no_offer");
  } else if (entry.offerExpiresAt === null || entry.offerExpiresAt <= now) {
    throw new AppError("waitlist_offer_expired");
  }
  if (slotId === null) throw new AppError("waitlist_no_offer");

  const answer = await bookAppointment(
    services,
    {
      userId: caller.userId,
      key: input.key,
      request: { referralId: entry.referralId, slotId, contactPhone: input.contactPhone },
      locale: caller.locale,
      requestId: caller.requestId,
    },
    now,
  );
  if (answer.replayed && entry.status === "booked") return answer;
  const appointmentId =
    answer.status === 201 ? ((answer.body as { id?: unknown }).id as string | undefined) : undefined;
  await db.transaction(async (tx) => {
    if (appointmentId !== undefined) {
      await tx
        .update(waitlistEntries)
        .set({
          status: "booked",
          appointmentId,
          offeredSlotId: null,
          offerExpiresAt: null,
          endedAt: now,
          updatedAt: sql`now()`,
        })
        .where(and(eq(waitlistEntries.id, entry.id), live));
    }
    const code = (answer.body as { error?: { code?: unknown } }).error?.code;
    await recordAudit(tx, {
      action: "waitlist.accept",
      result: appointmentId !== undefined ? "success" : "failure",
      actorUserId: caller.userId,
      details: {
        entryId: entry.id,
        referralId: entry.referralId,
        slotId,
        ...(appointmentId !== undefined
          ? { appointmentId }
          : { code: typeof code === "string" ? code : "refused" }),
      },
      requestId: caller.requestId,
    });
  });
  return answer;
}
