/** The person an identifier is checked against, as the patient entered them (validated). */
export interface RegistryPerson {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD. */
  birthDate: string;
}

/** The registry's answer; an outage or timeout is a thrown error, never an answer. */
export type RegistryAnswer = "verified" | "not_found";

/** The insurance registry (ФОМС): does this policy (ЕНП, 16 normalized digits) belong to this person? */
export interface InsuranceRegistry {
  checkPolicy(enp: string, person: RegistryPerson): Promise<RegistryAnswer>;
}

/** The pension fund (СФР): does this СНИЛС (11 normalized digits) belong to this person? */
export interface PensionRegistry {
  checkSnils(snils: string, person: RegistryPerson): Promise<RegistryAnswer>;
}

export interface Registries {
  insurance: InsuranceRegistry;
  pension: PensionRegistry;
}
