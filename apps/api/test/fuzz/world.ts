import { appointments, referrals } from "@priyom/db";
import { eq } from "drizzle-orm";
import type { SessionUser } from "../../src/context.ts";
import { asAdmin } from "../after-booking-fixtures.ts";
import {
  asPatient,
  bookedAppointment,
  bulkPatients,
  doctorsWithSchedule,
  freeSlotsOf,
} from "../booking-fixtures.ts";
import { CLINIC_A, CLINIC_B, clinicKey, staffOf } from "../clinic-helpers.ts";
import type { TestContext } from "../test-services.ts";
import type { IdPools } from "./openapi-arbitraries.ts";

/** Who the fuzzer sends as: the owner, a stranger, staff, an admin, a clinic's server, nobody. */
export interface Actors {
  patient: SessionUser;
  otherPatient: SessionUser;
  staff: SessionUser;
  admin: SessionUser;
  clinicKey: string;
}

/**
 * A small real world, so valid requests reach real objects: a doctor with slots, patients with
 * referrals, a booked appointment, a staff member, an admin and a clinic key.
 */
export async function seedWorld(ctx: TestContext): Promise<{ actors: Actors; pools: IdPools }> {
  const doctors = await doctorsWithSchedule(ctx, CLINIC_A, [
    { externalId: "fuzz-doc-1" },
    { externalId: "fuzz-doc-2" },
  ]);
  const patients = await bulkPatients(ctx, 2, [CLINIC_A]);
  const [owner, stranger] = patients;
  if (!owner || !stranger) throw new Error("the fuzz world needs two patients");
  const doctorIds = Object.values(doctors);
  const slots = await freeSlotsOf(ctx, doctorIds[0] ?? "", 40);
  const firstSlot = slots[0];
  if (!firstSlot) throw new Error("the fuzz world needs free slots");
  const appointment = await bookedAppointment(ctx, owner, firstSlot.id);
  const referralRows = await ctx.services.db
    .select()
    .from(referrals)
    .where(eq(referrals.patientUserId, owner.userId));
  const appointmentRows = await ctx.services.db.select().from(appointments);
  const actors: Actors = {
    patient: asPatient(owner),
    otherPatient: asPatient(stranger),
    staff: await staffOf(ctx, CLINIC_A),
    admin: asAdmin(),
    clinicKey: await clinicKey(ctx, CLINIC_A),
  };
  const referralIds = [...owner.referralIds, ...stranger.referralIds];
  const pools: IdPools = {
    id: [appointment.id, ...referralIds, ...doctorIds],
    referralId: referralIds,
    slotId: slots.map((s) => s.id),
    externalId: ["fuzz-doc-1", "fuzz-doc-2"],
    clinicId: [CLINIC_A, CLINIC_B],
    number: referralRows.map((r) => r.number),
    ticketNumber: appointmentRows
      .map((a) => a.ticketNumber)
      .filter((t): t is string => typeof t === "string"),
    contactPhone: [owner.phone],
    specialty: ["cardiologist", "therapist"],
  };
  return { actors, pools };
}
