import type { AppServices } from "../context.ts";
import { DEMO_IDENTITIES } from "../registries/index.ts";
import { provisionAccount } from "../services/accounts/provision.ts";
import { addChild, createPatientProfile, updateProfile } from "../services/profile/index.ts";

/** The demo accounts of the README; their passwords are public, so never in production. */
export const DEMO_ACCOUNTS = {
  patient: { email: "ivanov@example.ru", phone: "+79990000001", password: "Priyom-demo-1" },
  neighbour: { email: "petrova@example.ru", phone: "+79990000002", password: "Priyom-demo-2" },
  admin: { email: "admin@example.ru", password: "Priyom-admin-1" },
} as const;

/**
 * Creates the demo patient «Иванов Иван Иванович» with a complete, valid profile and his daughter,
 * a second patient «Петрова Светлана Олеговна», and the administrator — once: accounts that exist
 * are left as they are.
 */
export async function seedDemoAccounts(services: AppServices): Promise<void> {
  const { patient: who, daughter } = DEMO_IDENTITIES;
  const patient = await provisionAccount(services, {
    ...DEMO_ACCOUNTS.patient,
    name: `${who.lastName} ${who.firstName} ${who.middleName}`,
    role: "patient",
  });
  if (patient.created) {
    await services.db.transaction((tx) =>
      createPatientProfile(tx, patient.userId, {
        lastName: who.lastName,
        firstName: who.firstName,
        middleName: who.middleName,
        birthDate: who.birthDate,
      }),
    );
    await updateProfile(
      services,
      patient.userId,
      {
        lastName: who.lastName,
        firstName: who.firstName,
        middleName: who.middleName,
        birthDate: who.birthDate,
        sex: "male",
        passport: { series: "4509", number: "123456", departmentCode: "770-001", issuedOn: "2005-05-20" },
        snils: who.snils,
        enp: who.enp,
        notificationChannels: ["cabinet", "email", "sms"],
      },
      { locale: "ru" },
    );
    await addChild(
      services,
      patient.userId,
      {
        lastName: daughter.lastName,
        firstName: daughter.firstName,
        middleName: daughter.middleName,
        birthDate: daughter.birthDate,
        birthCertificate: { series: "IV-МЮ", number: "654321", issuedOn: "2016-09-10" },
        enp: daughter.enp,
        snils: daughter.snils,
      },
      { locale: "ru" },
    );
  }
  const neighbourIdentity = DEMO_IDENTITIES.neighbour;
  const neighbour = await provisionAccount(services, {
    ...DEMO_ACCOUNTS.neighbour,
    name: `${neighbourIdentity.lastName} ${neighbourIdentity.firstName} ${neighbourIdentity.middleName}`,
    role: "patient",
  });
  if (neighbour.created) {
    const names = {
      lastName: neighbourIdentity.lastName,
      firstName: neighbourIdentity.firstName,
      middleName: neighbourIdentity.middleName,
      birthDate: neighbourIdentity.birthDate,
    };
    await services.db.transaction((tx) => createPatientProfile(tx, neighbour.userId, names));
    await updateProfile(
      services,
      neighbour.userId,
      {
        ...names,
        sex: "female",
        passport: { series: "4510", number: "654321", departmentCode: "770-002", issuedOn: "2024-11-20" },
        snils: neighbourIdentity.snils,
        enp: neighbourIdentity.enp,
        notificationChannels: ["cabinet", "email"],
      },
      { locale: "ru" },
    );
  }
  await provisionAccount(services, { ...DEMO_ACCOUNTS.admin, name: "Администратор Приёма", role: "admin" });
}
