// What must hold in the database whatever happened to the processes writing it (SIGKILL, a
// database outage, two instances): each invariant is a SELECT of the rows that break it, so "holds"
// means "returns nothing" and a broken one shows its evidence. Most of them are also enforced by
// constraints (partial unique indexes, exclusion constraints): checking them again proves the
// constraints are there and were not bypassed; the others (slot status vs appointment, referral
// status, outbox duplicates, idempotency answers) are kept only by the code's transactions, which is
// exactly what a crash in the middle would break.
import { queryRows, type Database } from "@priyom/db";
import { sql } from "drizzle-orm";

/** Scope under which the booking endpoint stores its idempotency keys (`services/booking/book.ts`). */
const BOOKING_SCOPE = "POST /api/v1/appointments";

/** Each invariant: a name and a SELECT that returns the offending rows (none = holds). */
export const INVARIANTS: readonly { name: string; sql: string }[] = [
  {
    name: "no slot with two live appointments",
    sql: `select slot_id, count(*)::int as appointments from appointments
          where status = 'booked' group by slot_id having count(*) > 1`,
  },
  {
    name: "no referral with two active appointments",
    sql: `select referral_id, count(*)::int as appointments from appointments
          where status = 'booked' group by referral_id having count(*) > 1`,
  },
  {
    name: "no overlapping live visits of one doctor",
    sql: `select a.doctor_id, a.id as first_id, b.id as second_id from appointments a
          join appointments b on b.doctor_id = a.doctor_id and a.id < b.id
            and a.starts_at < b.ends_at and b.starts_at < a.ends_at
          where a.status = 'booked' and b.status = 'booked'`,
  },
  {
    name: "no overlapping live visits of one patient",
    sql: `select a.patient_key, a.id as first_id, b.id as second_id from appointments a
          join appointments b on b.patient_key = a.patient_key and a.id < b.id
            and a.starts_at < b.ends_at and b.starts_at < a.ends_at
          where a.status = 'booked' and b.status = 'booked'`,
  },
  {
    // The appointment and its slot are written in one transaction: a half-written booking shows here.
    name: "no live appointment on a slot that is not booked",
    sql: `select a.id as appointment_id, s.id as slot_id, s.status from appointments a
          join slots s on s.id = a.slot_id
          where a.status = 'booked' and s.status <> 'booked'`,
  },
  {
    // Holds for data booked through the API; seeds that mark slots booked without appointments (the
    // benchmark's "30 % booked") would show here, which is why the reliability worlds seed none.
    name: "no booked slot without a live appointment",
    sql: `select s.id as slot_id from slots s
          where s.status = 'booked'
            and not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'booked')`,
  },
  {
    name: "no appointment whose times differ from its slot's",
    sql: `select a.id as appointment_id, a.slot_id from appointments a join slots s on s.id = a.slot_id
          where a.doctor_id <> s.doctor_id or a.starts_at <> s.starts_at or a.ends_at <> s.ends_at`,
  },
  {
    name: "no live appointment on a referral that is not booked",
    sql: `select a.id as appointment_id, r.id as referral_id, r.status from appointments a
          join referrals r on r.id = a.referral_id
          where a.status = 'booked' and r.status <> 'booked'`,
  },
  {
    name: "no booked referral without a live appointment",
    sql: `select r.id as referral_id from referrals r
          where r.status = 'booked'
            and not exists (select 1 from appointments a where a.referral_id = r.id and a.status = 'booked')`,
  },
  {
    // The outbox has no appointment column; the confirmation names the appointment by its ticket
    // number (unique), so two messages of one channel quoting one ticket are a duplicate.
    name: "no booking confirmation queued twice for one appointment and channel",
    sql: `select channel, substring(body from 'Т-[0-9]{7}') as ticket, count(*)::int as messages
          from outbox_messages where kind = 'booking_confirmed'
          group by channel, substring(body from 'Т-[0-9]{7}') having count(*) > 1`,
  },
  {
    name: "no cabinet notification written twice for one appointment and kind",
    sql: `select appointment_id, kind, count(*)::int as notifications from notifications
          where appointment_id is not null group by appointment_id, kind having count(*) > 1`,
  },
  {
    name: "no live appointment without its booking confirmation by SMS",
    sql: `select a.id as appointment_id from appointments a
          where a.status = 'booked' and not exists (
            select 1 from outbox_messages m where m.kind = 'booking_confirmed' and m.channel = 'sms'
              -- The ticket pulled out of the body, not searched for in it: an equality the planner
              -- can hash, where a search compared every appointment with every message (10¹⁰ at 100k).
              and substring(m.body from 'Т-[0-9]{7}') = a.ticket_number)`,
  },
  {
    // The key is written in the transaction of the booking it answers: a stored 201 names an
    // appointment that must exist, for the same account.
    name: "no idempotency key answering with a missing appointment",
    sql: `select k.user_id, k.key from idempotency_keys k
          where k.scope = '${BOOKING_SCOPE}' and k.response_status = 201
            and not exists (select 1 from appointments a
              where a.id = (k.response_body::jsonb ->> 'id') and a.user_id = k.user_id)`,
  },
  {
    // A claim (status 0) is only ever seen inside its own transaction; committed, it is half-written.
    name: "no idempotency key left without its answer",
    sql: `select user_id, key, scope from idempotency_keys where response_status = 0`,
  },
];

/** Runs every invariant; returns only the broken ones with up to 10 offending rows each. */
export async function brokenInvariants(db: Database): Promise<{ name: string; rows: unknown[] }[]> {
  const broken: { name: string; rows: unknown[] }[] = [];
  for (const invariant of INVARIANTS) {
    const rows = await queryRows(db, sql.raw(`select * from (${invariant.sql}) as offending limit 10`));
    if (rows.length > 0) broken.push({ name: invariant.name, rows });
  }
  return broken;
}
