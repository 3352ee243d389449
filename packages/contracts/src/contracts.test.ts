import { ERROR_MESSAGES, SPECIALTIES } from "@priyom/domain";
import { describe, expect, it } from "vitest";
import { API_ERROR_CODES, BOOKING_CONFLICT_CODES, ZErrorBody } from "./errors.ts";
import { ZClinic, ZSpecialty } from "./reference.ts";

describe("contracts", () => {
  it("describe the domain's specialty list as the API returns it", () => {
    for (const s of SPECIALTIES) {
      expect(ZSpecialty.safeParse({ ...s, related: [...s.related] }).success).toBe(true);
    }
  });

  it("accept the one error body with field messages, and refuse one without a request id", () => {
    const body = {
      error: {
        code: "validation_failed",
        message: "Проверьте введённые данные",
        fields: { snils: "Неверное контрольное число СНИЛС" },
        requestId: "r1",
      },
    };
    expect(ZErrorBody.parse(body)).toEqual(body);
    expect(ZErrorBody.safeParse({ error: { code: "x", message: "y" } }).success).toBe(false);
  });

  it("keep API error codes apart from domain error codes, so a code names one failure", () => {
    const domainCodes = new Set(Object.keys(ERROR_MESSAGES));
    const shared: string[] = [...BOOKING_CONFLICT_CODES];
    for (const code of API_ERROR_CODES) expect(domainCodes.has(code)).toBe(shared.includes(code));
    // The booking conflicts are the domain's own failures, answered as they are.
    for (const code of BOOKING_CONFLICT_CODES) expect(domainCodes.has(code)).toBe(true);
  });

  it("refuse a clinic with an unknown place type", () => {
    const clinic = {
      id: "cln_msk0002",
      shortName: "a",
      fullName: "b",
      ogrn: "1027700132195",
      address: "c",
      region: "d",
      timeZone: "Europe/Moscow",
      registryPhone: "+7 495 123-45-67",
      placeType: "polyclinic",
      latitude: 55.7,
      longitude: 37.6,
    };
    expect(ZClinic.safeParse(clinic).success).toBe(true);
    expect(ZClinic.safeParse({ ...clinic, placeType: "spa" }).success).toBe(false);
  });
});
