import { intervalsOverlap, type TimeInterval } from "./intervals-overlap.ts";

/** Appointment statuses; only `booked` holds the patient's time. */
export type AppointmentStatus = "booked" | "cancelled" | "done" | "missed";

/** A patient's appointment as the overlap check needs it. */
export type PatientAppointment = TimeInterval & { id: string; status: AppointmentStatus };

/**
 * The first of the patient's active (`booked`) appointments that overlaps a new visit `[start, end)`,
 * or `null`. Adjacent visits do not overlap. `exceptId` leaves out the appointment being rescheduled.
 *
 * @example
 * findOverlappingAppointment({ start: 0, end: 30 }, [{ id: "a1", status: "booked", start: 30, end: 60 }]); // null
 * findOverlappingAppointment({ start: 0, end: 31 }, [{ id: "a1", status: "booked", start: 30, end: 60 }]); // the a1 appointment
 */
export function findOverlappingAppointment<T extends PatientAppointment>(
  visit: TimeInterval,
  appointments: readonly T[],
  exceptId?: string,
): T | null {
  return (
    appointments.find((a) => a.status === "booked" && a.id !== exceptId && intervalsOverlap(visit, a)) ?? null
  );
}
