import { sameName } from "@priyom/domain";
import type { Registries, RegistryAnswer, RegistryPerson } from "./types.ts";

/** A person the built-in registry knows, with their normalized СНИЛС and policy (ЕНП) digits. */
export interface DemoIdentity extends RegistryPerson {
  snils: string;
  enp: string;
}

/**
 * The demo people of the built-in registries (used by the seed and the README): numbers valid by
 * the domain's checksum rules, not real people's.
 */
export const DEMO_IDENTITIES = {
  /** «Иванов Иван Иванович», the demo patient. СНИЛС 112-233-445 95. */
  patient: {
    lastName: "Иванов",
    firstName: "Иван",
    middleName: "Иванович",
    birthDate: "1985-04-12",
    snils: "11223344595",
    enp: "7700000000123453",
  },
  /** «Иванова Мария Ивановна», his daughter. СНИЛС 198-765-432 47. */
  daughter: {
    lastName: "Иванова",
    firstName: "Мария",
    middleName: "Ивановна",
    birthDate: "2016-09-01",
    snils: "19876543247",
    enp: "7700000000678910",
  },
  /**
   * «Петрова Светлана Олеговна», a second demo patient (her own account, a cardiologist's referral):
   * the one who waits for a freed time while the first patient reschedules. СНИЛС 234-567-891 00.
   */
  neighbour: {
    lastName: "Петрова",
    firstName: "Светлана",
    middleName: "Олеговна",
    birthDate: "1979-11-03",
    snils: "23456789100",
    enp: "7700000000357911",
  },
  /**
   * «Сидорова Анна Петровна», known to the registries but not seeded: free to register with, so a
   * new account (the browser test, a demonstration) can see its checks pass. СНИЛС 123-456-789 64.
   */
  registrant: {
    lastName: "Сидорова",
    firstName: "Анна",
    middleName: "Петровна",
    birthDate: "1992-03-15",
    snils: "12345678964",
    enp: "7700000000246809",
  },
} as const satisfies Record<string, DemoIdentity>;

function samePerson(a: RegistryPerson, b: RegistryPerson): boolean {
  return (
    sameName(a.lastName, b.lastName) &&
    sameName(a.firstName, b.firstName) &&
    sameName(a.middleName ?? "", b.middleName ?? "") &&
    a.birthDate === b.birthDate
  );
}

/**
 * The built-in registries (the default when no registry URL is configured): they know only
 * `people` (the demo identities by default); any other number or name is "not_found".
 */
export function createDemoRegistries(
  people: readonly DemoIdentity[] = Object.values(DEMO_IDENTITIES),
): Registries {
  const answer = (match: (p: DemoIdentity) => boolean, person: RegistryPerson): Promise<RegistryAnswer> =>
    Promise.resolve(people.some((p) => match(p) && samePerson(p, person)) ? "verified" : "not_found");
  return {
    insurance: { checkPolicy: (enp, person) => answer((p) => p.enp === enp, person) },
    pension: { checkSnils: (snils, person) => answer((p) => p.snils === snils, person) },
  };
}
