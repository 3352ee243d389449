import {
  appointments,
  clinics,
  doctors,
  referralAllowedClinics,
  referrals,
  slots,
  waitlistEntries,
  type Database,
} from "@priyom/db";
import { isReferralValidAt, localDateTimeInZone } from "@priyom/domain";
import { and, asc, eq, gte, lte, ne, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { fullName } from "../booking/appointment-view.ts";
import {
  publishSlotChanges,
  SLOT_CHANGE_COLUMNS,
  slotChange,
  type SlotChange,
} from "../schedule/slot-events.ts";

/** An offered slot is held for the patient this long (DOMAIN.md "When nothing is free"). */
export const OFFER_MINUTES = 15;

/** Entries looked at per slot: those skipped (a race on the entry) make room for the next. */
const CANDIDATES_PER_SLOT = 20;

/** `2025-03-02` → `02.03.2025`. */
export const ruDate = (isoDate: string) => isoDate.split("-").reverse().join(".");

/** What an offer is made of: the slot (locked), its doctor and clinic. */
interface OfferSlot {
  id: string;
  doctorId: string;
  localDate: string;
  localTime: string;
  minutes: number;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  /** When the slot last changed (freed, opened): only entries that joined before it are offered it. */
  updatedAt: Date;
  clinicId: string;
  specialty: string;
  doctor: { lastName: string; firstName: string; middleName: string | null; room: string };
  clinic: { shortName: string; address: string };
}

/** The slot row locked for the rest of the caller's transaction, with its doctor and clinic. */
async function lockSlot(tx: Database, slotId: string): Promise<OfferSlot | undefined> {
  const [row] = await tx
    .select({
      ...SLOT_CHANGE_COLUMNS,
      endsAt: slots.endsAt,
      status: slots.status,
      updatedAt: slots.updatedAt,
      clinicId: doctors.clinicId,
      specialty: doctors.specialtyCode,
      doctor: {
        lastName: doctors.lastName,
        firstName: doctors.firstName,
        middleName: doctors.middleName,
        room: doctors.room,
      },
      clinic: { shortName: clinics.shortName, address: clinics.address },
    })
    .from(slots)
    .innerJoin(doctors, eq(doctors.id, slots.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(slots.id, slotId))
    .for("update", { of: slots });
  return row;
}

/**
 * Waiting entries the slot suits, first in line first (oldest `created_at`): the entry's specialty is
 * the doctor's; the slot's local date is in the entry's range and not after the referral's last day
 * (the booking rule `visit_after_referral_expiry`); the clinic is one the referral allows and, when
 * the entry names clinics or doctors, one of those; the entry has not passed this slot; the patient
 * has no booked visit overlapping it; the account holds no other offer (a second offer would take
 * the first one's hold away); and the slot became free (or was opened) after the entry joined — the
 * line waits for times that free up, while the times already free when the patient joined were
 * there to be booked and did not suit. The referral's validity today is checked by the caller.
 */
async function candidatesFor(tx: Database, slot: OfferSlot) {
  const startsAt = slot.startsAt.toISOString();
  const endsAt = slot.endsAt.toISOString();
  return tx
    .select({
      id: waitlistEntries.id,
      userId: waitlistEntries.userId,
      referralId: waitlistEntries.referralId,
      lastValidDay: referrals.lastValidDay,
      timeZone: referrals.timeZone,
    })
    .from(waitlistEntries)
    .innerJoin(referrals, eq(referrals.id, waitlistEntries.referralId))
    .where(
      and(
        eq(waitlistEntries.status, "waiting"),
        lte(waitlistEntries.createdAt, slot.updatedAt),
        eq(waitlistEntries.specialtyCode, slot.specialty),
        lte(waitlistEntries.fromDate, slot.localDate),
        gte(waitlistEntries.toDate, slot.localDate),
        eq(referrals.status, "active"),
        gte(referrals.lastValidDay, slot.localDate),
        sql`exists (select 1 from ${referralAllowedClinics}
              where ${referralAllowedClinics.referralId} = ${waitlistEntries.referralId}
                and ${referralAllowedClinics.clinicId} = ${slot.clinicId})`,
        sql`(cardinality(${waitlistEntries.clinicIds}) = 0 or ${slot.clinicId} = any(${waitlistEntries.clinicIds}))`,
        sql`(cardinality(${waitlistEntries.doctorIds}) = 0 or ${slot.doctorId} = any(${waitlistEntries.doctorIds}))`,
        sql`not (${slot.id} = any(${waitlistEntries.passedSlotIds}))`,
        sql`not exists (select 1 from ${appointments}
              where ${appointments.patientKey} = ${waitlistEntries.patientKey}
                and ${appointments.status} = 'booked'
                and ${appointments.startsAt} < ${endsAt}::timestamptz
                and ${appointments.endsAt} > ${startsAt}::timestamptz)`,
        sql`not exists (select 1 from waitlist_entries other
              where other.user_id = ${waitlistEntries.userId} and other.status = 'offered')`,
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
    .limit(CANDIDATES_PER_SLOT);
}

function offerText(slot: OfferSlot, expiresAt: Date) {
  const doctorName = fullName(slot.doctor);
  const until = localDateTimeInZone(expiresAt, slot.timeZone).localTime;
  const when = `${ruDate(slot.localDate)} в ${slot.localTime} (местное время, ${slot.timeZone})`;
  return {
    title: "Освободилось место: подтвердите запись в течение 15 минут",
    text:
      `Для вас освободилось место: ${when}, врач ${doctorName}, ${slot.clinic.shortName}, ` +
      `${slot.clinic.address}, каб. ${slot.doctor.room}. Место удерживается за вами ${OFFER_MINUTES} минут — ` +
      `до ${until}. Подтвердите запись или откажитесь в разделе «Ожидание места»; без ответа место ` +
      `перейдёт следующему в очереди.`,
    sms:
      `Освободилось место к врачу ${ruDate(slot.localDate)} в ${slot.localTime}, ${slot.clinic.shortName}. ` +
      `Подтвердите запись в личном кабинете в течение ${OFFER_MINUTES} минут.`,
  };
}

/**
 * Offers one slot (already free in the caller's transaction) to the first matching entry in line;
 * returns the slot changes made (the slot taken, a hold of the account released), or null when no
 * entry takes it.
 */
async function offerSlot(tx: Database, slotId: string, now: Date): Promise<SlotChange[] | null> {
  const slot = await lockSlot(tx, slotId);
  if (!slot || slot.status !== "free" || slot.startsAt <= now) return null;
  // A slot still named by a live offer (its hold let go through the holds route) waits for that
  // offer to end: one offer per slot (`waitlist_entries_offered_slot_key`).
  const [stillOffered] = await tx
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.offeredSlotId, slot.id), eq(waitlistEntries.status, "offered")));
  if (stillOffered) return null;
  const expiresAt = new Date(now.getTime() + OFFER_MINUTES * 60_000);
  for (const entry of await candidatesFor(tx, slot)) {
    if (!isReferralValidAt(entry, now)) continue;
    // Conditional: an entry another transaction offered a slot to in the meantime is skipped.
    const [offered] = await tx
      .update(waitlistEntries)
      .set({
        status: "offered",
        offeredSlotId: slot.id,
        offerExpiresAt: expiresAt,
        offersMade: sql`${waitlistEntries.offersMade} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(waitlistEntries.id, entry.id), eq(waitlistEntries.status, "waiting")))
      .returning({ id: waitlistEntries.id });
    if (!offered) continue;
    // One hold per account (`slots_one_hold_per_user`): a hold the patient had elsewhere goes first.
    const released = await tx
      .update(slots)
      .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
      .where(and(eq(slots.heldByUserId, entry.userId), eq(slots.status, "held"), ne(slots.id, slot.id)))
      .returning(SLOT_CHANGE_COLUMNS);
    const [held] = await tx
      .update(slots)
      .set({ status: "held", heldByUserId: entry.userId, holdExpiresAt: expiresAt, updatedAt: sql`now()` })
      .where(and(eq(slots.id, slot.id), eq(slots.status, "free")))
      .returning(SLOT_CHANGE_COLUMNS);
    if (!held) throw new Error("unreachable: the slot row is locked and was free");
    await recordAudit(tx, {
      action: "waitlist.offer",
      result: "success",
      actorUserId: null,
      subjectUserId: entry.userId,
      details: {
        entryId: entry.id,
        referralId: entry.referralId,
        slotId: slot.id,
        doctorId: slot.doctorId,
        clinicId: slot.clinicId,
        releasedHolds: released.length,
      },
    });
    await notifyPatient(tx, entry.userId, {
      kind: "waitlist_offer",
      ...offerText(slot, expiresAt),
      referralId: entry.referralId,
    });
    return [...released.map((row) => slotChange(row, "free")), slotChange(held, "taken")];
  }
  return null;
}

/**
 * Offers slots to the line and announces the changes in the transaction; returns the slots offered
 * and the changes, for callers that also update their own process's slot index after the commit.
 */
export async function offerSlots(
  tx: Database,
  slotIds: readonly string[],
  now: Date,
): Promise<{ offered: string[]; changes: SlotChange[] }> {
  const offered: string[] = [];
  const changes: SlotChange[] = [];
  for (const slotId of new Set(slotIds)) {
    const made = await offerSlot(tx, slotId, now);
    if (!made) continue;
    offered.push(slotId);
    changes.push(...made);
  }
  await publishSlotChanges(tx, changes);
  return { offered, changes };
}

/**
 * Offers freed slots to the waitlist first: for each slot (already `free` in the caller's
 * transaction) the first matching entry in line gets it held for 15 minutes, a journal entry
 * (`waitlist.offer`) and a notification (`waitlist_offer`). Call it in the transaction that freed the
 * slots (cancel, reschedule, clinic cancellation), so no one else can take a slot before the line has
 * seen it. Returns the ids of the slots offered: they are announced as taken (NOTIFY, in the
 * transaction), so the caller must not tell its slot index they are free.
 *
 * @example
 * const offered = await offerFreedSlots(tx, [freedSlotId], services.clock());
 * const stillFree = changes.filter((c) => !offered.includes(c.slotId));
 */
export async function offerFreedSlots(
  tx: Database,
  slotIds: readonly string[],
  now: Date,
): Promise<string[]> {
  return (await offerSlots(tx, slotIds, now)).offered;
}

/**
 * Lets the offered slot of an entry go (the account's hold on it, if it still has it) and offers it
 * to the next in line, in the caller's transaction; returns the slot changes.
 */
export async function passOfferOn(
  tx: Database,
  entry: { userId: string; offeredSlotId: string | null },
  now: Date,
): Promise<SlotChange[]> {
  if (entry.offeredSlotId === null) return [];
  const released = await tx
    .update(slots)
    .set({ status: "free", heldByUserId: null, holdExpiresAt: null, updatedAt: sql`now()` })
    .where(
      and(eq(slots.id, entry.offeredSlotId), eq(slots.status, "held"), eq(slots.heldByUserId, entry.userId)),
    )
    .returning(SLOT_CHANGE_COLUMNS);
  const freed = released.map((row) => slotChange(row, "free"));
  await publishSlotChanges(tx, freed);
  const { changes } = await offerSlots(tx, [entry.offeredSlotId], now);
  return [...freed, ...changes];
}
