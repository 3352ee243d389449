import { describe, expect, it } from "vitest";
import { DEFAULT_REFERRAL_POLICY } from "../referrals/referral-policy.ts";
import { checkBookingEligibility, type BookingEligibilityInput } from "./check-booking-eligibility.ts";

const NOW = new Date("2025-03-01T09:00:00Z"); // 12:00 MSK
const VISIT = Date.UTC(2025, 2, 3, 6, 0); // 2025-03-03 09:00 MSK

function input(): BookingEligibilityInput {
  return {
    patient: {
      id: "p1",
      lastName: "Иванова",
      firstName: "Мария",
      middleName: "Петровна",
      birthDate: "1990-05-10",
      snils: "112-233-445 95",
      enp: "1234567890123452",
    },
    contactPhone: "+7 999 123-45-67",
    referral: {
      id: "r1",
      patientId: "p1",
      status: "active",
      specialty: "cardiologist",
      allowedClinicIds: ["c1", "c2"],
      lastValidDay: "2025-03-10",
      timeZone: "Europe/Moscow",
    },
    doctor: { id: "d1", specialty: "cardiologist", clinicId: "c1" },
    slot: { doctorId: "d1", start: VISIT, end: VISIT + 1_800_000, localDate: "2025-03-03", status: "free" },
    patientAppointments: [],
  };
}
const codes = (i: BookingEligibilityInput, now = NOW) => {
  const r = checkBookingEligibility(i, now);
  return r.ok ? [] : r.failures.map((f) => f.code);
};

describe("checkBookingEligibility", () => {
  it("a valid booking passes", () => {
    expect(checkBookingEligibility(input(), NOW)).toEqual({ ok: true });
  });

  it("gathers every failure, each with a code, Russian message and field", () => {
    const i = input();
    i.patient.snils = "112-233-445 96";
    i.patient.enp = "";
    i.contactPhone = "+7 495 123-45-67";
    i.doctor = { id: "d1", specialty: "neurologist", clinicId: "c9" };
    i.slot.status = "booked";
    const result = checkBookingEligibility(i, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failures).toEqual(
      expect.arrayContaining([
        { code: "snils_checksum", message: "Неверное контрольное число СНИЛС", field: "patient.snils" },
        expect.objectContaining({ code: "profile_field_missing", field: "patient.enp" }),
        expect.objectContaining({ code: "phone_landline", field: "contactPhone" }),
        expect.objectContaining({ code: "doctor_specialty_mismatch", field: "doctorId" }),
        expect.objectContaining({ code: "clinic_not_allowed", field: "clinicId" }),
        expect.objectContaining({ code: "slot_taken", field: "slotId" }),
      ]),
    );
    expect(result.failures).toHaveLength(6);
    for (const f of result.failures) expect(f.message).toMatch(/[а-яё]/i);
  });

  it("profile: missing and invalid name parts and birth date; middle name optional", () => {
    const i = input();
    i.patient.middleName = null;
    expect(codes(i)).toEqual([]);
    i.patient.lastName = "Ивaнова"; // Latin a
    i.patient.firstName = null;
    i.patient.birthDate = "2030-01-01";
    expect(codes(i)).toEqual(["name_mixed_script", "profile_field_missing", "birth_date_in_future"]);
  });

  it("referral must be the patient's and active", () => {
    const cases = [
      ["booked", "referral_already_booked"],
      ["used", "referral_used"],
      ["withdrawn", "referral_withdrawn"],
      ["expired", "referral_expired"],
    ] as const;
    for (const [status, code] of cases) {
      const i = input();
      i.referral.status = status;
      expect(codes(i)).toEqual([code]);
    }
    const i = input();
    i.referral.patientId = "p2";
    expect(codes(i)).toEqual(["referral_not_owned"]);
  });

  it("referral valid until its last day ends in its zone", () => {
    const i = input();
    i.referral.lastValidDay = "2025-03-01";
    i.slot.localDate = "2025-03-01";
    i.slot.start = Date.UTC(2025, 2, 1, 20, 45); // 23:45 MSK
    i.slot.end = Date.UTC(2025, 2, 1, 21, 0);
    expect(codes(i, new Date("2025-03-01T20:44:59Z"))).toEqual([]);
    expect(codes(i, new Date("2025-03-01T21:00:00Z"))).toEqual(["referral_expired", "slot_in_past"]);
  });

  it("the visit must fall on or before the last valid day unless the region says otherwise", () => {
    const i = input();
    i.referral.lastValidDay = "2025-03-02";
    expect(codes(i)).toEqual(["visit_after_referral_expiry"]);
    expect(
      checkBookingEligibility(i, NOW, { ...DEFAULT_REFERRAL_POLICY, visitMustFallBeforeExpiry: false }),
    ).toEqual({ ok: true });
  });

  it("a slot held by this patient is fine; by another, only once the hold lapsed", () => {
    const i = input();
    i.slot = { ...i.slot, status: "held", heldByPatientId: "p1", holdExpiresAt: NOW.getTime() + 300_000 };
    expect(codes(i)).toEqual([]);
    i.slot.heldByPatientId = "p2";
    expect(codes(i)).toEqual(["slot_held"]);
    i.slot.holdExpiresAt = NOW.getTime();
    expect(codes(i)).toEqual([]);
  });

  it("slot must be the doctor's and in the future", () => {
    const i = input();
    i.slot.doctorId = "d2";
    i.slot.start = NOW.getTime();
    expect(codes(i)).toEqual(["slot_doctor_mismatch", "slot_in_past"]);
  });

  it("no overlap with the patient's other active appointments; adjacent is fine", () => {
    const i = input();
    i.patientAppointments = [
      { id: "a1", referralId: "r9", status: "booked", start: VISIT + 1_800_000, end: VISIT + 3_600_000 },
    ];
    expect(codes(i)).toEqual([]);
    i.patientAppointments = [
      { id: "a1", referralId: "r9", status: "booked", start: VISIT + 900_000, end: VISIT + 3_600_000 },
    ];
    expect(codes(i)).toEqual(["appointment_overlap"]);
    i.patientAppointments = [
      { id: "a1", referralId: "r9", status: "cancelled", start: VISIT, end: VISIT + 3_600_000 },
    ];
    expect(codes(i)).toEqual([]);
  });

  it("a referral with another active appointment is referral_already_booked (409)", () => {
    const i = input();
    i.patientAppointments = [
      { id: "a1", referralId: "r1", status: "booked", start: VISIT + 86_400_000, end: VISIT + 88_200_000 },
    ];
    expect(codes(i)).toEqual(["referral_already_booked"]);
    i.referral.status = "booked";
    expect(codes(i)).toEqual(["referral_already_booked"]);
  });

  it("a pediatrician only for patients under 18 on the visit day", () => {
    const i = input();
    i.referral.specialty = "pediatrician";
    i.doctor.specialty = "pediatrician";
    i.patient.birthDate = "2007-03-04"; // 17 on 2025-03-03, 18 the day after
    expect(codes(i)).toEqual([]);
    i.patient.birthDate = "2007-03-03";
    expect(codes(i)).toEqual(["pediatrician_child_only"]);
  });

  it("a missing contact phone is reported", () => {
    const i = input();
    i.contactPhone = null;
    expect(codes(i)).toEqual(["phone_required"]);
  });
});
