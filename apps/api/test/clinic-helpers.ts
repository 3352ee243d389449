import type { TReferralIssueRequest } from "@priyom/contracts";
import { clinicStaff } from "@priyom/db";
import { localDateTimeInZone } from "@priyom/domain";
import { issueClinicApiKey, type ClinicApiPermission } from "../src/clinic-api/keys.ts";
import type { SessionUser } from "../src/context.ts";
import type { TestContext } from "./test-services.ts";

export const CLINIC_A = "cln_msk0002";
export const CLINIC_B = "cln_ekb0007";
export const CLINIC_C = "cln_kgd0003";

export const ALL_PERMISSIONS: ClinicApiPermission[] = ["doctors:write", "referrals:write", "referrals:read"];

/** Issues a key straight through the service (the admin routes have their own tests). */
export async function clinicKey(
  ctx: TestContext,
  clinicId: string,
  permissions: ClinicApiPermission[] = ALL_PERMISSIONS,
): Promise<string> {
  const { key } = await issueClinicApiKey(
    ctx.services.db,
    { clinicId, name: "МИС (тест)", permissions },
    { userId: null, via: "cli" },
  );
  return key;
}

/**
 * A request as a clinic's server sends it: the key, JSON, and no Origin or cookies (so it also
 * proves the Origin guard lets bearer-only requests through).
 */
export async function asClinic(
  ctx: TestContext,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
  const res = await ctx.app.request(path, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, res };
}

/** A 16-digit policy number (ЕНП) with a valid Luhn check digit, from a 15-digit stem. */
export function enpFrom(stem: string): string {
  const digits = stem.padStart(15, "0").slice(-15);
  for (let check = 0; check <= 9; check++) {
    const candidate = `${digits}${check}`;
    let sum = 0;
    [...candidate].reverse().forEach((ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

let serial = 0;
/**
 * A fresh referral number: 12 digits, so no log scan pattern (policy, СНИЛС, passport, codes)
 * mistakes it for personal data.
 */
export function newReferralNumber(): string {
  serial += 1;
  return `9${String(process.pid % 1000).padStart(3, "0")}${String(serial).padStart(8, "0")}`;
}

export const todayIn = (timeZone: string) => localDateTimeInZone(new Date(), timeZone).localDate;

/** A valid issue request of a cardiologist referral, issued today in Moscow. */
export function issueRequest(overrides: Partial<TReferralIssueRequest> = {}): TReferralIssueRequest {
  serial += 1;
  return {
    number: newReferralNumber(),
    issuedOn: todayIn("Europe/Moscow"),
    patient: {
      enp: enpFrom(`55${String(serial).padStart(6, "0")}`),
      snils: "001-001-998 00",
      lastName: "Смирнова",
      firstName: "Ольга",
      middleName: "Игоревна",
      birthDate: "15.03.1970",
    },
    specialty: "cardiologist",
    urgency: "planned",
    kind: "regular",
    diagnosisCode: "I10",
    issuingDoctor: "Терапевт Петрова А. В.",
    ...overrides,
  };
}

export const doctorBody = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  externalId,
  lastName: "Кузнецов",
  firstName: "Андрей",
  middleName: "Сергеевич",
  specialty: "cardiologist",
  qualification: "Врач высшей категории",
  licenceNumber: "ЛО-77-01-000001",
  room: "214",
  visitModes: ["in_person"],
  ...overrides,
});

/** A clinic staff member of `clinicId` (a user row, the role, the clinic_staff row). */
let staffCount = 0;
export async function staffOf(ctx: TestContext, clinicId: string): Promise<SessionUser> {
  staffCount += 1;
  const { provisionAccount } = await import("../src/services/accounts/provision.ts");
  const { userId } = await provisionAccount(ctx.services, {
    email: `staff${staffCount}.${clinicId.replace("cln_", "")}@clinic.example.ru`,
    password: "Staff-password-1",
    name: `Регистратор ${staffCount}`,
    role: "clinic_staff",
  });
  await ctx.services.db.insert(clinicStaff).values({ userId, clinicId });
  return { id: userId, role: "clinic_staff", sessionId: `ses_${userId}` };
}

/** A weekday schedule (09:00–15:00, 30-minute visits) for a doctor, so it has free slots. */
export const WEEKDAY_SCHEDULE = {
  rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: "09:00", to: "15:00", visitMinutes: 30 })),
  exceptions: [],
};
