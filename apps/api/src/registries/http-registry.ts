import type { InsuranceRegistry, PensionRegistry, RegistryAnswer, RegistryPerson } from "./types.ts";

/** How long a registry may take before the check counts as unavailable. */
export const REGISTRY_TIMEOUT_MS = 3_000;

/** A registry that did not answer usably; carries no personal data. */
export class RegistryUnavailableError extends Error {
  constructor(registry: string, reason: string) {
    super(`${registry} registry unavailable: ${reason}`);
    this.name = "RegistryUnavailableError";
  }
}

async function postCheck(
  registry: string,
  url: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<RegistryAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "connection failed";
    throw new RegistryUnavailableError(registry, reason);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RegistryUnavailableError(registry, `HTTP ${response.status}`);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new RegistryUnavailableError(registry, "malformed answer");
  }
  const found = (answer as { found?: unknown } | null)?.found;
  if (typeof found !== "boolean") throw new RegistryUnavailableError(registry, "malformed answer");
  return found ? "verified" : "not_found";
}

function personBody(person: RegistryPerson) {
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
    birthDate: person.birthDate,
  };
}

/** The insurance registry over HTTP: `POST ${baseUrl}/policies/check` → `{ found: boolean }`. */
export function createHttpInsuranceRegistry(
  baseUrl: string,
  timeoutMs = REGISTRY_TIMEOUT_MS,
): InsuranceRegistry {
  const url = `${baseUrl.replace(/\/+$/, "")}/policies/check`;
  return {
    checkPolicy: (enp, person) => postCheck("insurance", url, { enp, ...personBody(person) }, timeoutMs),
  };
}

/** The pension registry over HTTP: `POST ${baseUrl}/snils/check` → `{ found: boolean }`. */
export function createHttpPensionRegistry(baseUrl: string, timeoutMs = REGISTRY_TIMEOUT_MS): PensionRegistry {
  const url = `${baseUrl.replace(/\/+$/, "")}/snils/check`;
  return {
    checkSnils: (snils, person) => postCheck("pension", url, { snils, ...personBody(person) }, timeoutMs),
  };
}
