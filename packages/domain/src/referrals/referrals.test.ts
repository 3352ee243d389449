import { describe, expect, it } from "vitest";
import { extendReferral, type ReferralExtensionRequest } from "./extend-referral.ts";
import { guaranteedWaitDeadline } from "./guaranteed-wait-deadline.ts";
import { isReferralValidAt } from "./is-referral-valid-at.ts";
import { referralLastValidDay } from "./referral-last-valid-day.ts";
import { DEFAULT_REFERRAL_POLICY } from "./referral-policy.ts";
import { transitionReferral, type ReferralStatus } from "./referral-status.ts";

describe("referralLastValidDay", () => {
  it("DOMAIN.md's example: issued 2025-01-31 with 30 days → last valid day 2025-03-02", () => {
    expect(referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular", validityDays: 30 })).toEqual({
      ok: true,
      value: "2025-03-02",
    });
  });
  it.each([
    ["regular", "2025-03-02"],
    ["therapist", "2025-04-01"],
    ["long_term", "2025-03-02"],
    ["emergency", "2025-02-07"],
  ] as const)("default for %s from 2025-01-31 → %s", (kind, day) => {
    expect(referralLastValidDay({ issuedOn: "2025-01-31", kind })).toEqual({ ok: true, value: day });
  });
  it("validityDays 7 and 90 are accepted, 6 and 91 are not", () => {
    expect(referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular", validityDays: 7 })).toEqual({
      ok: true,
      value: "2025-02-07",
    });
    expect(referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular", validityDays: 90 })).toEqual({
      ok: true,
      value: "2025-05-01",
    });
    for (const validityDays of [6, 91, 30.5]) {
      expect(referralLastValidDay({ issuedOn: "2025-01-31", kind: "regular", validityDays })).toMatchObject({
        ok: false,
        error: { code: "referral_validity_out_of_range", field: "validityDays" },
      });
    }
  });
  it("respects a regional policy", () => {
    const policy = {
      ...DEFAULT_REFERRAL_POLICY,
      defaultDays: { ...DEFAULT_REFERRAL_POLICY.defaultDays, regular: 45 },
    };
    expect(referralLastValidDay({ issuedOn: "2025-01-01", kind: "regular" }, policy)).toEqual({
      ok: true,
      value: "2025-02-15",
    });
  });
  it("rejects an invalid issue date", () => {
    expect(referralLastValidDay({ issuedOn: "2025-02-30", kind: "regular" })).toMatchObject({
      ok: false,
      error: { code: "referral_issue_date_invalid" },
    });
  });
});

describe("isReferralValidAt: the last valid day ends at local midnight", () => {
  it.each([
    ["Europe/Kaliningrad", "2025-03-02T21:59:00Z", "2025-03-02T22:00:00Z"],
    ["Europe/Moscow", "2025-03-02T20:59:00Z", "2025-03-02T21:00:00Z"],
    ["Asia/Kamchatka", "2025-03-02T11:59:00Z", "2025-03-02T12:00:00Z"],
  ])("%s: 23:59 local (%s) valid, 00:00 next day (%s) not", (timeZone, lastMinute, midnight) => {
    const r = { lastValidDay: "2025-03-02", timeZone };
    expect(isReferralValidAt(r, new Date(lastMinute))).toBe(true);
    expect(isReferralValidAt(r, new Date(midnight))).toBe(false);
  });
  it("Kamchatka's day starts 12 hours before UTC's: 00:00 local on the last day is valid", () => {
    expect(
      isReferralValidAt(
        { lastValidDay: "2025-03-02", timeZone: "Asia/Kamchatka" },
        new Date("2025-03-01T12:00:00Z"),
      ),
    ).toBe(true);
  });
});

describe("transitionReferral", () => {
  const allowed: [ReferralStatus, ReferralStatus][] = [
    ["active", "booked"],
    ["booked", "active"],
    ["booked", "used"],
    ["active", "withdrawn"],
    ["booked", "withdrawn"],
    ["active", "expired"],
  ];
  const statuses: ReferralStatus[] = ["active", "booked", "used", "expired", "withdrawn"];
  it("allows exactly the listed transitions", () => {
    for (const from of statuses) {
      for (const to of statuses) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        const result = transitionReferral(from, to);
        expect(result.ok, `${from} → ${to}`).toBe(expected);
        if (!result.ok) expect(result.error.code).toBe("referral_transition_not_allowed");
      }
    }
  });
});

describe("extendReferral", () => {
  const base: ReferralExtensionRequest = {
    issuedOn: "2025-01-31",
    kind: "long_term",
    currentValidityDays: 30,
    requestedValidityDays: 90,
    reason: "Курс химиотерапии продолжается",
    targetHasFreeCapacityInWindow: true,
  };
  it("extends a long-term referral to 90 days in total", () => {
    expect(extendReferral(base)).toEqual({
      ok: true,
      value: { validityDays: 90, lastValidDay: "2025-05-01" },
    });
  });
  it("accepts the new last valid day instead of days", () => {
    const { requestedValidityDays: _, ...rest } = base;
    expect(extendReferral({ ...rest, newLastValidDay: "2025-04-01" })).toEqual({
      ok: true,
      value: { validityDays: 60, lastValidDay: "2025-04-01" },
    });
  });
  it("never past 90 days in total", () => {
    expect(extendReferral({ ...base, requestedValidityDays: 91 })).toMatchObject({
      ok: false,
      error: { code: "extension_too_long" },
    });
    const { requestedValidityDays: _, ...rest } = base;
    expect(extendReferral({ ...rest, newLastValidDay: "2025-05-02" })).toMatchObject({
      ok: false,
      error: { code: "extension_too_long" },
    });
  });
  it("must be longer than now", () => {
    expect(extendReferral({ ...base, requestedValidityDays: 30 })).toMatchObject({
      ok: false,
      error: { code: "extension_not_longer" },
    });
  });
  it("requires a motivated reason of at least 10 characters after trimming", () => {
    expect(extendReferral({ ...base, reason: "   короткая " })).toMatchObject({
      ok: false,
      error: { code: "extension_reason_required", field: "reason" },
    });
    expect(extendReferral({ ...base, reason: "  1234567890  " }).ok).toBe(true);
  });
  it("is refused without free capacity in the window", () => {
    expect(extendReferral({ ...base, targetHasFreeCapacityInWindow: false })).toMatchObject({
      ok: false,
      error: { code: "extension_no_capacity" },
    });
  });
  it("needs exactly one of days or last day", () => {
    expect(extendReferral({ ...base, newLastValidDay: "2025-04-01" })).toMatchObject({
      ok: false,
      error: { code: "extension_request_invalid" },
    });
  });
  it("a region can make a kind non-extendable", () => {
    const policy = {
      ...DEFAULT_REFERRAL_POLICY,
      maxExtendedDays: { ...DEFAULT_REFERRAL_POLICY.maxExtendedDays, emergency: 7 },
    };
    expect(
      extendReferral(
        { ...base, kind: "emergency", currentValidityDays: 7, requestedValidityDays: 14 },
        policy,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: "extension_too_long" },
    });
  });
});

describe("guaranteedWaitDeadline", () => {
  it("planned: 14 working days; urgent: 3; emergency: the same day", () => {
    expect(guaranteedWaitDeadline("2025-03-03", "planned", [])).toBe("2025-03-21");
    expect(guaranteedWaitDeadline("2025-03-07", "urgent", [])).toBe("2025-03-12");
    expect(guaranteedWaitDeadline("2025-03-07", "emergency", [])).toBe("2025-03-07");
  });
  it("holidays push it back", () => {
    expect(guaranteedWaitDeadline("2025-03-07", "urgent", ["2025-03-10"])).toBe("2025-03-13");
  });
});
