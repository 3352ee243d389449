import type { TPriorityRequest, TStaffPriorityRequest } from "@priyom/contracts";
import {
  children,
  patientProfiles,
  priorityRequests,
  referrals,
  specialties,
  type Database,
} from "@priyom/db";
import { asc, desc, sql, eq, type SQL } from "drizzle-orm";
import { fullName } from "../booking/appointment-view.ts";

const columns = {
  r: priorityRequests,
  referral: {
    number: referrals.number,
    specialtyCode: referrals.specialtyCode,
    lastValidDay: referrals.lastValidDay,
    childId: referrals.patientChildId,
  },
  specialtyName: specialties.nameRu,
  self: {
    lastName: patientProfiles.lastName,
    firstName: patientProfiles.firstName,
    middleName: patientProfiles.middleName,
    birthDate: patientProfiles.birthDate,
  },
  child: {
    lastName: children.lastName,
    firstName: children.firstName,
    middleName: children.middleName,
    birthDate: children.birthDate,
  },
};

type Row = {
  r: typeof priorityRequests.$inferSelect;
  referral: { number: string; specialtyCode: string; lastValidDay: string; childId: string | null };
  specialtyName: string;
  self: { lastName: string; firstName: string; middleName: string | null; birthDate: string } | null;
  child: { lastName: string; firstName: string; middleName: string | null; birthDate: string } | null;
};

function select(db: Database, where: SQL | undefined) {
  return db
    .select(columns)
    .from(priorityRequests)
    .innerJoin(referrals, eq(referrals.id, priorityRequests.referralId))
    .innerJoin(specialties, eq(specialties.code, referrals.specialtyCode))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, priorityRequests.userId))
    .leftJoin(children, eq(children.id, referrals.patientChildId))
    .where(where);
}

function toRequest({ r, referral, specialtyName }: Row): TPriorityRequest {
  return {
    id: r.id,
    referral: { id: r.referralId, number: referral.number, specialty: specialtyName },
    reason: r.reason,
    urgency: r.urgency,
    status: r.status,
    decisionReason: r.decisionReason,
    appointmentId: r.appointmentId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/** A request as the administrators see it: the patient named (name, birth year), no documents. */
function toStaffRequest(row: Row): TStaffPriorityRequest {
  const person = row.referral.childId !== null && row.child ? row.child : row.self;
  return {
    ...toRequest(row),
    patient: {
      name: person ? fullName(person) : "",
      birthYear: person ? Number(person.birthDate.slice(0, 4)) : 0,
    },
    referral: {
      id: row.r.referralId,
      number: row.referral.number,
      specialty: row.specialtyName,
      specialtyCode: row.referral.specialtyCode,
      lastValidDay: row.referral.lastValidDay,
    },
  };
}

/** The account's requests, newest first. */
export async function listOwnRequests(db: Database, userId: string): Promise<TPriorityRequest[]> {
  const rows = await select(db, eq(priorityRequests.userId, userId)).orderBy(
    desc(priorityRequests.createdAt),
    desc(priorityRequests.id),
  );
  return rows.map(toRequest);
}

/** One request as its patient sees it, or null. */
export async function findOwnRequest(db: Database, id: string): Promise<TPriorityRequest | null> {
  const [row] = await select(db, eq(priorityRequests.id, id));
  return row ? toRequest(row) : null;
}

/** Most requests listed at once in the administrators' queue. */
const QUEUE_LIMIT = 200;

/** The administrators' queue of a status: urgent first, then oldest first. */
export async function listStaffRequests(
  db: Database,
  status: TPriorityRequest["status"],
): Promise<TStaffPriorityRequest[]> {
  const rows = await select(db, eq(priorityRequests.status, status))
    .orderBy(
      desc(sql`${priorityRequests.urgency} = 'urgent'`),
      asc(priorityRequests.createdAt),
      asc(priorityRequests.id),
    )
    .limit(QUEUE_LIMIT);
  return rows.map(toStaffRequest);
}

/** One request as the administrators see it, or null. */
export async function findStaffRequest(db: Database, id: string): Promise<TStaffPriorityRequest | null> {
  const [row] = await select(db, eq(priorityRequests.id, id));
  return row ? toStaffRequest(row) : null;
}
