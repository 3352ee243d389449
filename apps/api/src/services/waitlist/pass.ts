import { appointments, referrals, waitlistEntries, type Database } from "@priyom/db";
import { isReferralValidAt, localDateTimeInZone } from "@priyom/domain";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import type { AppServices } from "../../context.ts";
import { notifyPatient } from "../../messages/notify.ts";
import { allowedClinicIds } from "../referrals/clinic-view.ts";
import type { SlotChange } from "../schedule/slot-events.ts";
import { OFFER_MINUTES, offerSlots, passOfferOn } from "./offer.ts";

type PassDeps = Pick<AppServices, "db" | "slotIndex">;

/** Free slots (from the index) tried per waiting entry and pass before giving up until the next. */
const TRIES_PER_ENTRY = 5;

/** What one pass did. */
export interface WaitlistPassResult {
  /** Offers whose 15 minutes ran out: back to waiting, the slot passed on. */
  lapsed: number;
  /** Entries ended because their referral or range is over. */
  ended: number;
  /** Free slots offered to waiting entries. */
  offered: number;
}

async function inTransaction(services: PassDeps, work: (tx: Database) => Promise<SlotChange[]>) {
  const changes = await services.db.transaction(work);
  services.slotIndex.apply(changes);
}

/** Offers whose time ran out by `now`: the entry waits again with the slot passed, the slot goes on. */
async function lapseOffers(services: PassDeps, now: Date): Promise<number> {
  const due = await services.db
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.status, "offered"), lte(waitlistEntries.offerExpiresAt, now)))
    .orderBy(asc(waitlistEntries.offerExpiresAt));
  let lapsed = 0;
  for (const { id } of due) {
    await inTransaction(services, async (tx) => {
      const [entry] = await tx
        .select()
        .from(waitlistEntries)
        .where(
          and(
            eq(waitlistEntries.id, id),
            eq(waitlistEntries.status, "offered"),
            lte(waitlistEntries.offerExpiresAt, now),
          ),
        )
        .for("update");
      if (!entry || entry.offeredSlotId === null) return [];
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
      await recordAudit(tx, {
        action: "waitlist.lapse",
        result: "success",
        actorUserId: null,
        subjectUserId: entry.userId,
        details: { entryId: entry.id, referralId: entry.referralId, slotId: entry.offeredSlotId },
      });
      await notifyPatient(tx, entry.userId, {
        kind: "waitlist_offer_lapsed",
        title: "Предложенное место передано следующему в очереди",
        text:
          `Вы не подтвердили запись за ${OFFER_MINUTES} минут, и место передано следующему в очереди. ` +
          "Вы остаётесь в листе ожидания на прежнем месте.",
        referralId: entry.referralId,
        channels: ["cabinet"],
      });
      lapsed += 1;
      return passOfferOn(tx, entry, now);
    });
  }
  return lapsed;
}

/** Why a live entry ends now, or null while it may still be offered something. */
function endReason(
  entry: { toDate: string },
  referral: { status: string; lastValidDay: string; timeZone: string },
  now: Date,
): string | null {
  if (referral.status === "booked") return "referral_booked";
  if (referral.status === "used") return "referral_used";
  if (referral.status === "withdrawn") return "referral_withdrawn";
  if (referral.status === "expired" || !isReferralValidAt(referral, now)) return "referral_expired";
  if (localDateTimeInZone(now, referral.timeZone).localDate > entry.toDate) return "range_passed";
  return null;
}

/**
 * Ends live entries whose referral was booked (by another route), used, withdrawn or expired, or
 * whose date range has passed. A referral booked or used ends the entry as `booked` with that
 * appointment; everything else as `expired`. An offered slot is released and passed on.
 */
async function endEntries(services: PassDeps, now: Date): Promise<number> {
  const rows = await services.db
    .select({
      id: waitlistEntries.id,
      toDate: waitlistEntries.toDate,
      referral: {
        id: referrals.id,
        status: referrals.status,
        lastValidDay: referrals.lastValidDay,
        timeZone: referrals.timeZone,
      },
    })
    .from(waitlistEntries)
    .innerJoin(referrals, eq(referrals.id, waitlistEntries.referralId))
    .where(inArray(waitlistEntries.status, ["waiting", "offered"]));
  let ended = 0;
  for (const row of rows) {
    const reason = endReason(row, row.referral, now);
    if (reason === null) continue;
    await inTransaction(services, async (tx) => {
      const [entry] = await tx
        .select()
        .from(waitlistEntries)
        .where(and(eq(waitlistEntries.id, row.id), inArray(waitlistEntries.status, ["waiting", "offered"])))
        .for("update");
      if (!entry) return [];
      const [appointment] =
        reason === "referral_booked" || reason === "referral_used"
          ? await tx
              .select({ id: appointments.id })
              .from(appointments)
              .where(
                and(
                  eq(appointments.referralId, entry.referralId),
                  inArray(appointments.status, ["booked", "done"]),
                ),
              )
              .orderBy(desc(appointments.createdAt))
              .limit(1)
          : [];
      const status = appointment ? "booked" : "expired";
      await tx
        .update(waitlistEntries)
        .set({
          status,
          appointmentId: appointment?.id ?? null,
          offeredSlotId: null,
          offerExpiresAt: null,
          endedAt: now,
          updatedAt: sql`now()`,
        })
        .where(eq(waitlistEntries.id, entry.id));
      await recordAudit(tx, {
        action: "waitlist.end",
        result: "success",
        actorUserId: null,
        subjectUserId: entry.userId,
        details: { entryId: entry.id, referralId: entry.referralId, status, reason },
      });
      if (status === "expired") {
        await notifyPatient(tx, entry.userId, {
          kind: "waitlist_ended",
          title: "Ожидание места завершено",
          text:
            reason === "range_passed"
              ? "Выбранный вами период ожидания закончился, место не освободилось. Вы можете встать в лист ожидания снова."
              : "Направление больше нельзя использовать для записи, поэтому ожидание места завершено.",
          referralId: entry.referralId,
          channels: ["cabinet"],
        });
      }
      ended += 1;
      return passOfferOn(tx, entry, now);
    });
  }
  return ended;
}

/**
 * Offers free slots to waiting entries, first in line first (a new schedule opened them, a hold
 * lapsed, an offer was passed over by everyone before): the slot index names candidates in the
 * entry's clinics, doctors and range; the database decides in `offerSlots` as for a freed slot.
 */
async function offerFreeSlots(services: PassDeps, now: Date): Promise<number> {
  const waiting = await services.db
    .select({
      id: waitlistEntries.id,
      userId: waitlistEntries.userId,
      specialty: waitlistEntries.specialtyCode,
      fromDate: waitlistEntries.fromDate,
      toDate: waitlistEntries.toDate,
      clinicIds: waitlistEntries.clinicIds,
      doctorIds: waitlistEntries.doctorIds,
      passed: waitlistEntries.passedSlotIds,
      referralId: waitlistEntries.referralId,
      lastValidDay: referrals.lastValidDay,
    })
    .from(waitlistEntries)
    .innerJoin(referrals, eq(referrals.id, waitlistEntries.referralId))
    .where(and(eq(waitlistEntries.status, "waiting"), eq(referrals.status, "active")))
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
  if (waiting.length === 0) return 0;
  await services.slotIndex.ready();
  const allowed = await allowedClinicIds(
    services.db,
    waiting.map((e) => e.referralId),
  );
  let offered = 0;
  for (const entry of waiting) {
    const referralClinics = allowed.get(entry.referralId) ?? [];
    const clinicIds =
      entry.clinicIds.length > 0
        ? entry.clinicIds.filter((id) => referralClinics.includes(id))
        : referralClinics;
    const to = entry.toDate < entry.lastValidDay ? entry.toDate : entry.lastValidDay;
    const candidates = services.slotIndex
      .doctors({ specialty: entry.specialty, clinicIds })
      .filter((d) => entry.doctorIds.length === 0 || entry.doctorIds.includes(d.id))
      .flatMap((d) => {
        const dates = services.slotIndex.freeDates(d.id, entry.fromDate, to, now.getTime());
        return dates
          .slice(0, 2)
          .flatMap(({ date }) => services.slotIndex.day(d.id, date, now.getTime()).slice(0, TRIES_PER_ENTRY));
      })
      .filter((s) => !entry.passed.includes(s.slotId))
      .sort((a, b) => a.startsAt - b.startsAt)
      .slice(0, TRIES_PER_ENTRY);
    for (const slot of candidates) {
      let mine = false;
      await inTransaction(services, async (tx) => {
        const made = await offerSlots(tx, [slot.slotId], now);
        offered += made.offered.length;
        if (made.offered.length > 0) {
          const [row] = await tx
            .select({ status: waitlistEntries.status })
            .from(waitlistEntries)
            .where(eq(waitlistEntries.id, entry.id));
          mine = row?.status !== "waiting";
        }
        return made.changes;
      });
      if (mine) break;
    }
  }
  return offered;
}

/**
 * One pass of the waitlist job (every 10 s, and directly in tests with the time they choose): lapsed
 * offers go back to waiting and their slots to the next in line (`waitlist.lapse`); entries whose
 * referral was booked, used, withdrawn or expired, or whose range has passed, end (`waitlist.end`:
 * `booked` when the referral got a visit by another route, else `expired`); free slots that suit
 * waiting entries are offered (`waitlist.offer`).
 *
 * @example
 * await runWaitlistPass(services, new Date(Date.now() + 16 * 60_000)); // { lapsed: 1, ended: 0, offered: 1 }
 */
export async function runWaitlistPass(services: PassDeps, now: Date): Promise<WaitlistPassResult> {
  const lapsed = await lapseOffers(services, now);
  const ended = await endEntries(services, now);
  const offered = await offerFreeSlots(services, now);
  return { lapsed, ended, offered };
}
