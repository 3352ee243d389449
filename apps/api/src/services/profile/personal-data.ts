import type { TAccountExport } from "@priyom/contracts";
import {
  appointments,
  auditEvents,
  children,
  clinics,
  doctors,
  knownDevices,
  notifications,
  outboxMessages,
  patientProfiles,
  priorityRequests,
  referralEvents,
  referrals,
  session,
  user,
  waitlistEntries,
  type Database,
} from "@priyom/db";
import { and, asc, eq, inArray, like, or } from "drizzle-orm";
import type { ProfileDeps } from "./registry-checks.ts";
import { toChild } from "./children.ts";
import { toProfile } from "./patient-profile.ts";

/**
 * Everything the service holds about one account, unmasked, for the patient to download
 * (personal-data law): the profile, every child ever added (including links that ended at 18,
 * `linkEndedAt`), referrals, visits, waiting-list entries, priority requests, cabinet notifications,
 * messages sent to the account's e-mail and phone, the account's journal, devices and sessions.
 * Each table of services/privacy/holdings.ts with the patient's rows names its key here
 * (`exportKey`) or says why it is withheld (secrets and counters); test/privacy.test.ts holds both.
 */
export async function exportPersonalData(
  deps: Pick<ProfileDeps, "db" | "cipher">,
  userId: string,
  now: Date = new Date(),
): Promise<TAccountExport> {
  const { db } = deps;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const [account] = await db
    .select({ id: user.id, phone: user.phoneNumber, email: user.email, createdAt: user.createdAt })
    .from(user)
    .where(eq(user.id, userId));
  const [profile] = await db
    .select({ profile: patientProfiles, phone: user.phoneNumber, email: user.email })
    .from(patientProfiles)
    .innerJoin(user, eq(user.id, patientProfiles.userId))
    .where(eq(patientProfiles.userId, userId));
  const childRows = await db
    .select()
    .from(children)
    .where(eq(children.parentUserId, userId))
    .orderBy(asc(children.birthDate), asc(children.id));
  const childIds = childRows.map((c) => c.id);
  const referralRows = await db
    .select()
    .from(referrals)
    .where(
      childIds.length === 0
        ? eq(referrals.patientUserId, userId)
        : or(eq(referrals.patientUserId, userId), inArray(referrals.patientChildId, childIds)),
    )
    .orderBy(asc(referrals.issuedOn), asc(referrals.id));
  const eventRows =
    referralRows.length === 0
      ? []
      : await db
          .select()
          .from(referralEvents)
          .where(
            inArray(
              referralEvents.referralId,
              referralRows.map((r) => r.id),
            ),
          )
          .orderBy(asc(referralEvents.at));
  const visitRows = await db
    .select({
      visit: appointments,
      clinic: clinics.shortName,
      doctorLast: doctors.lastName,
      doctorFirst: doctors.firstName,
      doctorMiddle: doctors.middleName,
    })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(eq(appointments.userId, userId))
    .orderBy(asc(appointments.startsAt));
  const waitRows = await db
    .select()
    .from(waitlistEntries)
    .where(eq(waitlistEntries.userId, userId))
    .orderBy(asc(waitlistEntries.createdAt));
  const priorityRows = await db
    .select()
    .from(priorityRequests)
    .where(eq(priorityRequests.userId, userId))
    .orderBy(asc(priorityRequests.createdAt));
  const notificationRows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));
  const contacts = [account?.email, account?.phone].filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  const messageRows =
    contacts.length === 0
      ? []
      : await db
          .select()
          .from(outboxMessages)
          .where(inArray(outboxMessages.recipient, contacts))
          .orderBy(asc(outboxMessages.createdAt));
  const journalRows = await db
    .select({ action: auditEvents.action, result: auditEvents.result, at: auditEvents.at })
    .from(auditEvents)
    .where(
      and(
        like(auditEvents.action, "account.%"),
        or(eq(auditEvents.actorUserId, userId), eq(auditEvents.subjectUserId, userId)),
      ),
    )
    .orderBy(asc(auditEvents.at));
  const deviceRows = await db
    .select()
    .from(knownDevices)
    .where(eq(knownDevices.userId, userId))
    .orderBy(asc(knownDevices.createdAt));
  const sessionRows = await db
    .select()
    .from(session)
    .where(eq(session.userId, userId))
    .orderBy(asc(session.createdAt));
  return {
    exportedAt: now.toISOString(),
    account:
      account === undefined
        ? null
        : {
            id: account.id,
            phone: account.phone ?? "",
            email: account.email.endsWith(".invalid") ? "" : account.email,
            createdAt: account.createdAt.toISOString(),
          },
    profile: profile === undefined ? null : toProfile(deps.cipher, profile, false),
    children: childRows.map((row) => ({
      ...toChild(deps.cipher, row, false),
      linkEndedAt: row.linkEndedAt?.toISOString() ?? null,
    })),
    referrals: referralRows.map((r) => ({
      id: r.id,
      number: r.number,
      issuedOn: r.issuedOn,
      issuingClinic: r.issuingClinicSnapshot.shortName,
      issuingDoctor: r.issuingDoctor,
      specialty: r.specialtyCode,
      diagnosisCode: r.diagnosisCode,
      urgency: r.urgency,
      kind: r.kind,
      lastValidDay: r.lastValidDay,
      status: r.status,
      childId: r.patientChildId,
      history: eventRows
        .filter((e) => e.referralId === r.id)
        .map((e) => ({ kind: e.kind, at: e.at.toISOString(), reason: e.reason })),
    })),
    appointments: visitRows.map(({ visit: v, clinic, doctorLast, doctorFirst, doctorMiddle }) => ({
      id: v.id,
      ticketNumber: v.ticketNumber,
      childId: v.childId,
      referralId: v.referralId,
      clinic,
      doctor: [doctorLast, doctorFirst, doctorMiddle].filter(Boolean).join(" "),
      startsAt: v.startsAt.toISOString(),
      localDate: v.localDate,
      localTime: v.localTime,
      timeZone: v.timeZone,
      minutes: v.minutes,
      status: v.status,
      visitMode: v.visitMode,
      contactPhone: v.contactPhone,
      cancelledBy: v.cancelledBy,
      cancelReason: v.cancelReason,
      createdAt: v.createdAt.toISOString(),
    })),
    waitlist: waitRows.map((w) => ({
      id: w.id,
      referralId: w.referralId,
      specialty: w.specialtyCode,
      fromDate: w.fromDate,
      toDate: w.toDate,
      status: w.status,
      createdAt: w.createdAt.toISOString(),
      endedAt: iso(w.endedAt),
    })),
    priorityRequests: priorityRows.map((p) => ({
      id: p.id,
      referralId: p.referralId,
      reason: p.reason,
      urgency: p.urgency,
      status: p.status,
      decisionReason: p.decisionReason,
      decidedAt: iso(p.decidedAt),
      createdAt: p.createdAt.toISOString(),
    })),
    notifications: notificationRows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      readAt: iso(n.readAt),
      createdAt: n.createdAt.toISOString(),
    })),
    messages: messageRows.map((m) => ({
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      kind: m.kind,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
    })),
    accountHistory: journalRows.map((e) => ({ action: e.action, result: e.result, at: e.at.toISOString() })),
    devices: deviceRows.map((d) => ({
      firstSeenAt: d.createdAt.toISOString(),
      lastSeenAt: d.lastSeenAt.toISOString(),
    })),
    sessions: sessionRows.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ipAddress: s.ipAddress ?? null,
      userAgent: s.userAgent ?? null,
    })),
  };
}

/**
 * Removes the account's profile and children rows. Call it inside the account-deletion
 * transaction (pass its `tx`), with the removal of the auth user and the journal entry.
 */
export async function deletePersonalData(
  tx: Database,
  userId: string,
): Promise<{ profiles: number; children: number }> {
  const removedChildren = await tx
    .delete(children)
    .where(eq(children.parentUserId, userId))
    .returning({ id: children.id });
  const removedProfiles = await tx
    .delete(patientProfiles)
    .where(eq(patientProfiles.userId, userId))
    .returning({ userId: patientProfiles.userId });
  return { profiles: removedProfiles.length, children: removedChildren.length };
}
