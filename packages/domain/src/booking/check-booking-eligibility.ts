import { ageOn } from "../dates/age-on.ts";
import { localDateTimeInZone } from "../dates/local-date-time-in-zone.ts";
import { parseDateInput } from "../dates/parse-date-input.ts";
import { isIsoDate } from "../dates/parse-iso-date.ts";
import { domainError, type DomainError, type Result } from "../errors/result.ts";
import type { DomainErrorCode } from "../errors/messages.ts";
import { checkEnp } from "../identifiers/enp.ts";
import { checkMobilePhone } from "../identifiers/mobile-phone.ts";
import { checkPersonName } from "../identifiers/person-name.ts";
import { checkSnils } from "../identifiers/snils.ts";
import { isReferralValidAt } from "../referrals/is-referral-valid-at.ts";
import { DEFAULT_REFERRAL_POLICY } from "../referrals/referral-policy.ts";
import type { ReferralStatus } from "../referrals/referral-status.ts";
import { specialtyServesAge } from "../specialties/specialty-serves-age.ts";
import type { SpecialtyCode } from "../specialties/specialties.ts";
import type { AppointmentStatus } from "./find-overlapping-appointment.ts";
import { findOverlappingAppointment } from "./find-overlapping-appointment.ts";
import { instantMs, type Instant } from "./instant.ts";

/** Everything a booking is checked against, as plain data (missing profile values: `null` or ""). */
export type BookingEligibilityInput = {
  patient: {
    id: string;
    lastName: string | null;
    firstName: string | null;
    /** Отчество is optional: not everyone has one. */
    middleName?: string | null;
    birthDate: string | null;
    snils: string | null;
    enp: string | null;
  };
  contactPhone: string | null;
  referral: {
    id: string;
    patientId: string;
    status: ReferralStatus;
    specialty: SpecialtyCode;
    allowedClinicIds: readonly string[];
    lastValidDay: string;
    /** The issuing clinic's IANA zone, in which `lastValidDay` is a calendar date. */
    timeZone: string;
  };
  doctor: { id: string; specialty: SpecialtyCode; clinicId: string };
  slot: {
    doctorId: string;
    start: Instant;
    end: Instant;
    /** The visit's local date in the clinic's zone. */
    localDate: string;
    status: "free" | "held" | "booked";
    heldByPatientId?: string | null;
    /** A hold lapses by itself at this instant. */
    holdExpiresAt?: Instant | null;
  };
  /** The patient's appointments (any status); those of this referral are found by `referralId`. */
  patientAppointments: readonly {
    id: string;
    referralId: string | null;
    status: AppointmentStatus;
    start: Instant;
    end: Instant;
  }[];
};

/** Booking settings: DOMAIN.md's regional switch on whether the visit must fall before expiry. */
export type BookingPolicy = { visitMustFallBeforeExpiry: boolean };

/** Every rule that failed, or none. */
export type BookingEligibility = { ok: true } | { ok: false; failures: DomainError[] };

function profileFailures(input: BookingEligibilityInput, today: string): DomainError[] {
  const failures: DomainError[] = [];
  const { patient } = input;
  const missing = (value: string | null | undefined): value is null | undefined =>
    (value ?? "").trim() === "";
  const check = (field: string, value: string | null | undefined, fn: (v: string) => Result<string>) => {
    if (missing(value)) failures.push(domainError("profile_field_missing", field));
    else {
      const result = fn(value);
      if (!result.ok) failures.push({ ...result.error, field });
    }
  };
  check("patient.lastName", patient.lastName, checkPersonName);
  check("patient.firstName", patient.firstName, checkPersonName);
  if (!missing(patient.middleName)) check("patient.middleName", patient.middleName, checkPersonName);
  if (missing(patient.birthDate)) failures.push(domainError("profile_field_missing", "patient.birthDate"));
  else {
    const birthDate = parseDateInput(patient.birthDate);
    if (birthDate === null) failures.push(domainError("birth_date_invalid", "patient.birthDate"));
    else if (birthDate > today) failures.push(domainError("birth_date_in_future", "patient.birthDate"));
  }
  check("patient.snils", patient.snils, checkSnils);
  check("patient.enp", patient.enp, checkEnp);
  return failures;
}

/**
 * Checks every booking rule of DOMAIN.md at once and returns ALL failures, each with its own code,
 * Russian message and field: the profile is complete and valid (name parts, birth date, СНИЛС, ЕНП);
 * the contact phone is a valid mobile; the referral is the patient's, active, not expired at `now` in
 * its zone and — when `policy.visitMustFallBeforeExpiry` — the visit's local date is on or before its
 * last valid day; the doctor's specialty and clinic match the referral; the slot is the doctor's,
 * free or held by this patient (a lapsed hold counts as free) and in the future; it overlaps none of
 * the patient's other active appointments (adjacent is fine); the referral has no other active
 * appointment (`referral_already_booked`, the API's 409); a pediatrician only for a patient under 18
 * on the visit day. Rescheduling (a booked referral) is out of scope.
 *
 * @example
 * const result = checkBookingEligibility(input, new Date("2025-03-01T09:00:00Z"));
 * if (!result.ok) result.failures.map((f) => f.code); // e.g. ["snils_checksum", "slot_taken"]
 */
export function checkBookingEligibility(
  input: BookingEligibilityInput,
  now: Date,
  policy: BookingPolicy = DEFAULT_REFERRAL_POLICY,
): BookingEligibility {
  const { patient, referral, doctor, slot } = input;
  const nowMs = now.getTime();
  const today = localDateTimeInZone(now, referral.timeZone).localDate;
  const failures = profileFailures(input, today);
  const add = (code: DomainErrorCode, field: string) => {
    if (!failures.some((f) => f.code === code)) failures.push(domainError(code, field));
  };

  if ((input.contactPhone ?? "").trim() === "") add("phone_required", "contactPhone");
  else {
    const phone = checkMobilePhone(input.contactPhone ?? "");
    if (!phone.ok) failures.push({ ...phone.error, field: "contactPhone" });
  }

  if (referral.patientId !== patient.id) add("referral_not_owned", "referralId");
  const statusCode: Readonly<Record<ReferralStatus, DomainErrorCode | null>> = {
    active: null,
    booked: "referral_already_booked",
    used: "referral_used",
    withdrawn: "referral_withdrawn",
    expired: "referral_expired",
  };
  const statusFailure = statusCode[referral.status];
  if (statusFailure !== null) add(statusFailure, "referralId");
  if (!isReferralValidAt(referral, now)) add("referral_expired", "referralId");
  if (
    policy.visitMustFallBeforeExpiry &&
    slot.localDate > referral.lastValidDay &&
    !failures.some((f) => f.code === "referral_expired")
  ) {
    add("visit_after_referral_expiry", "slotId");
  }
  const referralBooked = input.patientAppointments.some(
    (a) => a.referralId === referral.id && a.status === "booked",
  );
  if (referralBooked) add("referral_already_booked", "referralId");

  if (doctor.specialty !== referral.specialty) add("doctor_specialty_mismatch", "doctorId");
  if (!referral.allowedClinicIds.includes(doctor.clinicId)) add("clinic_not_allowed", "clinicId");

  if (slot.doctorId !== doctor.id) add("slot_doctor_mismatch", "slotId");
  if (slot.status === "booked") add("slot_taken", "slotId");
  else if (slot.status === "held") {
    const holdLive = slot.holdExpiresAt == null || instantMs(slot.holdExpiresAt) > nowMs;
    if (holdLive && slot.heldByPatientId !== patient.id) add("slot_held", "slotId");
  }
  if (instantMs(slot.start) <= nowMs) add("slot_in_past", "slotId");
  if (findOverlappingAppointment(slot, input.patientAppointments) !== null)
    add("appointment_overlap", "slotId");

  const pediatric = doctor.specialty === "pediatrician" || referral.specialty === "pediatrician";
  const birthDate = parseDateInput(patient.birthDate ?? "");
  if (pediatric && birthDate !== null && isIsoDate(slot.localDate) && birthDate <= slot.localDate) {
    if (!specialtyServesAge("pediatrician", ageOn(birthDate, slot.localDate))) {
      add("pediatrician_child_only", "doctorId");
    }
  }
  return failures.length === 0 ? { ok: true } : { ok: false, failures };
}
