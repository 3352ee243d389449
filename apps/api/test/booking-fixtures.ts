import { ZAppointment, type TAppointment } from "@priyom/contracts";
import { slots } from "@priyom/db";
import { and, asc, eq, gt } from "drizzle-orm";
import { expect } from "vitest";
import type { SessionUser } from "../src/context.ts";
import { createBulkPatients, type BulkPatient } from "../src/seed/bulk-patients.ts";
import { asClinic, clinicKey, doctorBody, WEEKDAY_SCHEDULE } from "./clinic-helpers.ts";
import type { TestContext } from "./test-services.ts";

/** The session a test request carries for a bulk patient. */
export const asPatient = (p: { userId: string }): SessionUser => ({
  id: p.userId,
  role: "patient",
  sessionId: `ses_${p.userId}`,
});

/** Creates doctors of a clinic through the clinic API, each with the weekday schedule; returns their ids. */
export async function doctorsWithSchedule(
  ctx: TestContext,
  clinicId: string,
  doctors: { externalId: string; specialty?: string; visitModes?: string[] }[],
): Promise<Record<string, string>> {
  const key = await clinicKey(ctx, clinicId);
  const ids: Record<string, string> = {};
  for (const d of doctors) {
    const body = doctorBody(d.externalId, {
      ...(d.specialty ? { specialty: d.specialty } : {}),
      ...(d.visitModes ? { visitModes: d.visitModes } : {}),
    });
    const created = await asClinic(ctx, key, "PUT", `/api/v1/clinic/doctors/${d.externalId}`, body);
    expect(created.status).toBe(201);
    ids[d.externalId] = created.body.id as string;
    const schedule = await asClinic(
      ctx,
      key,
      "PUT",
      `/api/v1/clinic/doctors/${d.externalId}/schedule`,
      WEEKDAY_SCHEDULE,
    );
    expect(schedule.status).toBe(200);
  }
  return ids;
}

/** A doctor's free slots starting more than a day from now, earliest first. */
export async function freeSlotsOf(ctx: TestContext, doctorId: string, limit = 500) {
  return ctx.services.db
    .select()
    .from(slots)
    .where(
      and(
        eq(slots.doctorId, doctorId),
        eq(slots.status, "free"),
        gt(slots.startsAt, new Date(Date.now() + 24 * 3_600_000)),
      ),
    )
    .orderBy(asc(slots.startsAt))
    .limit(limit);
}

export function bulkPatients(
  ctx: TestContext,
  count: number,
  allowedClinicIds: string[],
  specialties = ["cardiologist"],
): Promise<BulkPatient[]> {
  return createBulkPatients(ctx.services, {
    count,
    specialties,
    issuingClinicId: allowedClinicIds[0] ?? "",
    allowedClinicIds,
  });
}

let keys = 0;
/** A fresh idempotency key. */
export const newKey = () => `test-key-${process.pid}-${++keys}-${Date.now()}`;

/** `POST /api/v1/appointments` as a patient. */
export async function book(
  ctx: TestContext,
  patient: { userId: string; phone: string },
  body: { referralId: string; slotId: string; contactPhone?: string; visitMode?: "in_person" | "video" },
  key = newKey(),
): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
  const res = await ctx.request("POST", "/api/v1/appointments", {
    as: asPatient(patient),
    headers: { "Idempotency-Key": key },
    body: { contactPhone: patient.phone, ...body },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

/** Books `slotId` on the patient's first referral (201 asserted) and answers the appointment. */
export async function bookedAppointment(
  ctx: TestContext,
  patient: BulkPatient,
  slotId: string,
  referralId = patient.referralIds[0] ?? "",
): Promise<TAppointment> {
  const res = await book(ctx, patient, { referralId, slotId });
  expect(res.status).toBe(201);
  return ZAppointment.parse(res.body);
}

/** Stops the services' clock at `at` (every time rule reads it); `resetClock` lets it run again. */
export function setClock(ctx: TestContext, at: Date | number): void {
  const fixed = new Date(at).getTime();
  ctx.services.clock = () => new Date(fixed);
}

export function resetClock(ctx: TestContext): void {
  ctx.services.clock = () => new Date();
}
